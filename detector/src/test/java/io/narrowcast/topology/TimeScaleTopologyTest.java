package io.narrowcast.topology;

import static io.narrowcast.topology.RenameTopologyTest.A;
import static io.narrowcast.topology.RenameTopologyTest.ADDRESS;
import static io.narrowcast.topology.RenameTopologyTest.B;
import static io.narrowcast.topology.RenameTopologyTest.NEW;
import static io.narrowcast.topology.RenameTopologyTest.OLD;
import static org.assertj.core.api.Assertions.assertThat;

import io.narrowcast.avro.Alert;
import io.narrowcast.avro.Answer;
import io.narrowcast.avro.DnsEvent;
import io.narrowcast.config.DetectionConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * At minute windows and no other setting, the lifecycle follows the window (lookback 30 minutes,
 * rename-max-lag 7 minutes, grace 1 minute), so a rename within an hour of logs is found: names are
 * new from minute 30, and renames of them from minute 37, once the new names each source takes up
 * have been seen for a lag. OLD is queried by A and B every minute from minute 0, the first the
 * detector sees, and stops resolving (two NXDOMAINs); three minutes later NEW is first looked up by
 * A, then B.
 */
class TimeScaleTopologyTest {
  static final Instant MINUTE0 = Instant.parse("2022-03-09T18:00:00Z");
  static final DetectionConfig MINUTES = DetectionConfig.builder().window(Duration.ofMinutes(1)).build();

  @TempDir
  Path stateDir;

  static Instant minute(int m, int second) {
    return MINUTE0.plus(Duration.ofMinutes(m)).plusSeconds(second);
  }

  static void lookup(DetectorDriver d, String name, String source, Instant time, boolean answered) {
    DnsEvent event = DetectorDriver.event(name, source, time);
    event.setRcode(answered ? 0 : 3);
    event.setAnswers(answered ? List.of(new Answer("A", 300L, ADDRESS)) : List.<Answer>of());
    d.send(name, event);
  }

  /** OLD answered in minutes 0 to {@code darkMinute - 1}, failing in {@code darkMinute}; NEW three minutes later. */
  List<Alert> renameAt(int darkMinute) {
    try (DetectorDriver d = new DetectorDriver(MINUTES, stateDir)) {
      for (int m = 0; m < darkMinute; m++) {
        lookup(d, OLD, A, minute(m, 10), true);
        lookup(d, OLD, B, minute(m, 20), true);
      }
      lookup(d, OLD, A, minute(darkMinute, 10), false);
      lookup(d, OLD, B, minute(darkMinute, 20), false);
      lookup(d, NEW, A, minute(darkMinute + 3, 10), true);
      lookup(d, NEW, B, minute(darkMinute + 3, 20), true);
      d.tick(minute(darkMinute + 5, 0)); // NEW's minute plus the grace of a minute
      return d.alerts();
    }
  }

  @Test
  void aNameFirstSeenOnceNewNamesHaveBeenSeenForALagIsNewAndFollowsTheDarkOne() {
    assertThat(renameAt(34)).singleElement().satisfies(alert -> {
      assertThat(alert.getKind()).isEqualTo("RENAME_FOLLOW");
      assertThat(alert.getPreviousDomain()).isEqualTo(OLD);
      assertThat(alert.getDomain()).isEqualTo(NEW);
      assertThat(alert.getWindowStart()).isEqualTo(minute(37, 0));
      assertThat(alert.getLagSeconds()).isEqualTo(Duration.ofMinutes(3).toSeconds());
    });
  }

  @Test
  void aNameFirstSeenBeforeThenIsNoRename() {
    assertThat(renameAt(33)).isEmpty(); // NEW in minute 36: new, but no source's new names are known yet
  }
}
