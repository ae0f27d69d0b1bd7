package io.narrowcast.topology;

import static io.narrowcast.topology.CollapseTopologyTest.DOMAIN;
import static io.narrowcast.topology.CollapseTopologyTest.FEW;
import static io.narrowcast.topology.CollapseTopologyTest.ONE_WINDOW;
import static io.narrowcast.topology.CollapseTopologyTest.day;
import static io.narrowcast.topology.CollapseTopologyTest.few;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.narrowcast.avro.Alert;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A window is evaluated when event time passes its end, also when that happens only after a silence
 * longer than the windowed store's retention (a sensor outage, a hole between replayed logs). The
 * record cache must not matter: it holds recent windows only until it evicts them, or not at all
 * after a restart.
 */
class WindowRetentionTopologyTest {
  @TempDir
  Path stateDir;

  @ParameterizedTest(name = "record cache of {0} bytes")
  @ValueSource(longs = {10 * 1024 * 1024, 0})
  void theLastWindowBeforeALongSilenceIsStillEvaluated(long cacheBytes) {
    Properties cache = new Properties();
    cache.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, cacheBytes);
    try (DetectorDriver d = new DetectorDriver(ONE_WINDOW, stateDir, cache)) {
      // given: 14 baseline days with the same 10 sources, then a day of 3 sources: a collapse
      for (int n = 0; n < 14; n++) {
        for (int s = 0; s < 10; s++) {
          d.lookups(DOMAIN, "203.0.113." + s, day(n, 10), 1);
        }
      }
      few(d, 14, 3, 10);
      // and other narrow names that day: each one's baseline read comes before the next one's set is read
      for (int n = 0; n < 5; n++) {
        d.lookups("narrow" + n + ".example.org", FEW[0], day(14, 12), 10);
      }
      // when: the feed is silent for longer than the retention (15 days and 10 minutes), then resumes
      d.lookups("other.example.org", "192.0.2.7", day(14, 0).plus(ONE_WINDOW.retention()).plus(Duration.ofDays(2)), 1);
      // then: day 14 was evaluated all the same: the collapse opened (and closed, the name being silent since)
      assertThat(d.alerts()).extracting(Alert::getDomain, Alert::getWindowStart, Alert::getStatus)
          .containsExactly(tuple(DOMAIN, day(14, 0), "new"), tuple(DOMAIN, day(14, 0), "closed"));
    }
  }
}
