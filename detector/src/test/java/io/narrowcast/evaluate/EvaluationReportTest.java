package io.narrowcast.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import io.narrowcast.avro.Alert;
import io.narrowcast.avro.SourceShare;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lines evaluate prints: the table, the misses, the false alarms with their evidence. */
class EvaluationReportTest {
  @Test
  void aFalseAlarmShowsItsScoreAndTheFactsOfItsFirstMessage() {
    Alert collapse = Alert.newBuilder(EvaluationTest.alert("QUERIER_COLLAPSE", "www.example.com", null, "2016-06-01T00:00:00Z", "new"))
        .setScore(0.72).setSeverity("medium").setQueries(12).setDistinctSources(2).setBaselineSources(14).setBaselineQueries(30)
        .setSources(List.of(new SourceShare("192.0.2.1", 9L, 0.75), new SourceShare("192.0.2.2", 3L, 0.25))).build();
    Evaluation evaluation = new Evaluation();
    evaluation.add(EvaluationTest.ALFA, List.of(collapse));

    assertThat(EvaluationReport.falseAlarms(evaluation)).containsExactly(
        "  [alfa] background: Querier-set collapse: www.example.com, score 0.72 (medium)",
        "    www.example.com was looked up 12 times by only 2 source(s) from 2016-06-01 00:00 to 2016-06-02 00:00 UTC "
            + "(192.0.2.1 75.0%, 192.0.2.2 25.0%); in the baseline before, 14 sources made 30 lookups.");
    assertThat(EvaluationReport.table(evaluation)).containsExactly(
        "kind                expected  found  alerts   recall  precision",
        "QUERIER_COLLAPSE           1      0       1    0.000      0.000",
        "RENAME_FOLLOW              1      0       0    0.000      1.000");
    assertThat(EvaluationReport.misses(evaluation)).containsExactly(
        "  [alfa] QUERIER_COLLAPSE mail1.trump-email.com, expected a window starting 2016-05-04 .. 2016-10-01",
        "  [alfa] RENAME_FOLLOW trump1.contact-client.com (after mail1.trump-email.com), expected a window starting "
            + "2016-09-27 .. 2016-09-28");
  }

  @Test
  void nothingToListIsNone() {
    Evaluation evaluation = new Evaluation();
    assertThat(EvaluationReport.falseAlarms(evaluation)).containsExactly("  none");
    assertThat(EvaluationReport.misses(evaluation)).containsExactly("  none");
  }

  @Test
  void timesAreAsPreciseAsTheyNeed() {
    assertThat(EvaluationReport.time(Instant.parse("2016-09-27T00:00:00Z"))).isEqualTo("2016-09-27");
    assertThat(EvaluationReport.time(Instant.parse("2022-03-09T18:23:00Z"))).isEqualTo("2022-03-09 18:23");
    assertThat(EvaluationReport.time(Instant.parse("1970-01-01T00:03:20Z"))).isEqualTo("1970-01-01 00:03:20");
    assertThat(EvaluationReport.time(Instant.parse("1970-01-01T00:03:25.500Z"))).isEqualTo("1970-01-01 00:03:25");
  }
}
