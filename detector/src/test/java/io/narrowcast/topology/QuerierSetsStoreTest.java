package io.narrowcast.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.narrowcast.config.DetectionConfig;
import io.narrowcast.state.QuerierSetStore;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The querier-sets store as Kafka Streams sees it. */
class QuerierSetsStoreTest {
  @Test
  void keepsClosedWindowsForTheBaselineTheCurrentWindowAndTheGrace() {
    DetectionConfig config = DetectionConfig.builder().window(Duration.ofHours(1)).baselineWindows(30).build();
    // 31 windows of an hour and the default grace at hourly windows, a minute
    assertThat(((QuerierSetStore) DetectorTopology.querierSets(config).build()).retentionPeriod())
        .isEqualTo(Duration.ofHours(31).plusMinutes(1).toMillis());
  }
}
