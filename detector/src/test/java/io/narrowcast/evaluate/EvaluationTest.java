package io.narrowcast.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import io.narrowcast.alert.AlertKind;
import io.narrowcast.avro.Alert;
import io.narrowcast.simulate.AlfaScenario;
import io.narrowcast.simulate.BackgroundOptions;
import io.narrowcast.simulate.ExpectedAlert;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Scoring against the alfa scenario's two labels. */
class EvaluationTest {
  static final AlfaScenario ALFA = new AlfaScenario(1, BackgroundOptions.DEFAULT);

  static Alert alert(String kind, String domain, String previous, String windowStart, String status) {
    Instant start = Instant.parse(windowStart);
    return Alert.newBuilder().setAlertId(kind + domain + windowStart).setKind(kind).setDomain(domain)
        .setPreviousDomain(previous).setWindowStart(start).setWindowEnd(start.plusSeconds(86_400))
        .setSources(List.of()).setBaselineSources(0).setScore(1).setSeverity("high").setStatus(status).build();
  }

  @Test
  void bothLabelsFoundAndOnlyNewMessagesCount() {
    Evaluation evaluation = new Evaluation();
    evaluation.add(ALFA, List.of(
        alert("QUERIER_COLLAPSE", "mail1.trump-email.com", null, "2016-05-04T00:00:00Z", "new"),
        alert("QUERIER_COLLAPSE", "mail1.trump-email.com", null, "2016-05-04T00:00:00Z", "update"),
        alert("QUERIER_COLLAPSE", "mail1.trump-email.com", null, "2016-05-04T00:00:00Z", "closed"),
        alert("RENAME_FOLLOW", "trump1.contact-client.com", "mail1.trump-email.com", "2016-09-27T00:00:00Z", "new")));
    for (AlertKind kind : AlertKind.values()) {
      Evaluation.Score score = evaluation.score(kind);
      assertThat(score.recall()).isEqualTo(1.0);
      assertThat(score.precision()).isEqualTo(1.0);
      assertThat(score.alerts()).isEqualTo(1);
    }
  }

  @Test
  void aWrongWindowAWrongPreviousNameAndAnUnlabelledNameAreFalseAlarms() {
    Evaluation evaluation = new Evaluation();
    evaluation.add(ALFA, List.of(
        alert("QUERIER_COLLAPSE", "mail1.trump-email.com", null, "2016-04-01T00:00:00Z", "new"),
        alert("RENAME_FOLLOW", "trump1.contact-client.com", "other.example", "2016-09-27T00:00:00Z", "new"),
        alert("QUERIER_COLLAPSE", "www.example.com", null, "2016-06-01T00:00:00Z", "new")));
    Evaluation.Score collapse = evaluation.score(AlertKind.QUERIER_COLLAPSE);
    assertThat(collapse.recall()).isEqualTo(0.0);
    assertThat(collapse.precision()).isEqualTo(0.0);
    assertThat(collapse.misses()).extracting(m -> m.label().domain()).containsExactly("mail1.trump-email.com");
    assertThat(collapse.falseAlarms()).extracting(FalseAlarm::why).containsExactly("background", "background");
    assertThat(evaluation.score(AlertKind.RENAME_FOLLOW).misses()).hasSize(1);
  }

  @Test
  void aLabelTakesWindowsStartingFromItsStartUntilItsEnd() {
    ExpectedAlert minute = new ExpectedAlert(AlertKind.RENAME_FOLLOW, "new.test", "old.test",
        Instant.parse("2022-03-09T18:23:00Z"), Instant.parse("2022-03-09T18:24:00Z"));
    assertThat(Evaluation.matches(minute, alert("RENAME_FOLLOW", "new.test", "old.test", "2022-03-09T18:23:00Z", "new"))).isTrue();
    assertThat(Evaluation.matches(minute, alert("RENAME_FOLLOW", "new.test", "old.test", "2022-03-09T18:22:00Z", "new"))).isFalse();
    assertThat(Evaluation.matches(minute, alert("RENAME_FOLLOW", "new.test", "old.test", "2022-03-09T18:24:00Z", "new"))).isFalse();
    // a label of days takes every window starting on its last day
    ExpectedAlert days = new ExpectedAlert(AlertKind.QUERIER_COLLAPSE, "a.example", null, LocalDate.of(2016, 5, 4),
        LocalDate.of(2016, 5, 5));
    assertThat(days.until()).isEqualTo(Instant.parse("2016-05-06T00:00:00Z"));
    assertThat(Evaluation.matches(days, alert("QUERIER_COLLAPSE", "a.example", null, "2016-05-05T23:00:00Z", "new"))).isTrue();
  }

  @Test
  void aSecondAlertOnAFoundLabelIsADuplicate() {
    Evaluation evaluation = new Evaluation();
    evaluation.add(ALFA, List.of(
        alert("QUERIER_COLLAPSE", "mail1.trump-email.com", null, "2016-05-04T00:00:00Z", "new"),
        alert("QUERIER_COLLAPSE", "mail1.trump-email.com", null, "2016-07-04T00:00:00Z", "new")));
    Evaluation.Score collapse = evaluation.score(AlertKind.QUERIER_COLLAPSE);
    assertThat(collapse.precision()).isEqualTo(0.5);
    assertThat(collapse.falseAlarms()).extracting(FalseAlarm::why).containsExactly("duplicate");
  }
}
