package io.narrowcast.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.narrowcast.avro.Alert;
import io.narrowcast.runtime.AlertMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The comparison with a recorded file, on the alfa scenario's four messages: it passes on them alone. */
class GoldenAlertsTest {
  static final String ALFA = "evaluate-seed-1-alfa";

  List<AlertMessage> recorded;

  @BeforeEach
  void readTheRecordedFile() throws IOException {
    assumeFalse(GoldenAlerts.recording(), "these tests would record their own changes");
    recorded = GoldenAlerts.recorded(ALFA);
    assertThat(recorded).hasSize(4);
  }

  @Test
  void theMessagesReadBackMatchTheirFileInAnyOrder() throws IOException {
    List<AlertMessage> shuffled = new ArrayList<>(recorded);
    Collections.reverse(shuffled);
    GoldenAlerts.assertMatches(ALFA, shuffled);
  }

  @Test
  void aFieldChangedFailsNamingTheLine() {
    List<AlertMessage> changed = new ArrayList<>(recorded);
    AlertMessage closed = changed.get(2);
    changed.set(2, new AlertMessage(closed.key(), closed.timestamp(),
        Alert.newBuilder(closed.alert()).setScore(0.87).build())); // as the demo prints it

    assertThatThrownBy(() -> GoldenAlerts.assertMatches(ALFA, changed)).isInstanceOf(AssertionError.class)
        .hasMessageContaining("4 alert messages recorded, 4 sent; line 3 differs")
        .hasMessageContaining("\"score\":0.8696,").hasMessageContaining("\"score\":0.87,");
  }

  @Test
  void anotherTimestampOrKeyFails() {
    AlertMessage first = recorded.get(0);
    List<AlertMessage> later = new ArrayList<>(recorded.subList(1, 4));
    later.add(0, new AlertMessage(first.key(), first.timestamp() + 1, first.alert()));
    List<AlertMessage> rekeyed = new ArrayList<>(recorded.subList(1, 4));
    rekeyed.add(0, new AlertMessage("trump-email.com", first.timestamp(), first.alert()));

    assertThatThrownBy(() -> GoldenAlerts.assertMatches(ALFA, later)).hasMessageContaining("line 1 differs");
    assertThatThrownBy(() -> GoldenAlerts.assertMatches(ALFA, rekeyed)).hasMessageContaining("line 1 differs");
  }

  @Test
  void aMessageMissingFailsWithTheCounts() {
    assertThatThrownBy(() -> GoldenAlerts.assertMatches(ALFA, recorded.subList(0, 3)))
        .hasMessageContaining("4 alert messages recorded, 3 sent; line 4 differs").hasMessageContaining("sent:     (no more)");
  }
}
