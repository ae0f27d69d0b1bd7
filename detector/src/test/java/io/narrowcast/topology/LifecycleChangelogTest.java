package io.narrowcast.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.narrowcast.config.DetectionConfig;
import io.narrowcast.state.ChunkedMap;
import io.narrowcast.state.DomainLifecycle;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The name lifecycle lives in the heap (CheckpointedKeyValueStore) and reaches its changelog only
 * through the pre-commit flush, Kafka Streams' internal {@code CachedStateStore.flushCache}. If this
 * test fails after a Kafka upgrade, find what Kafka Streams now calls on a store before it commits
 * (ProcessorStateManager.flushCache in 4.4) and call the checkpoint from there: without it, a restore
 * would lose every lifecycle entry. TopologyTestDriver commits after every record.
 */
class LifecycleChangelogTest {
  static final Instant DAY0 = Instant.parse("2016-04-01T00:00:00Z");
  static final Duration DUE = Duration.ofDays(1).plus(DetectionConfig.defaults().grace());

  @TempDir
  Path stateDir;

  @Test
  void aClosedWindowsEntriesAreInTheChangelogAtTheCommitAndARestoreReadsThemBack() {
    try (DetectorDriver driver = new DetectorDriver(DetectionConfig.defaults(), stateDir)) {
      driver.lookups("mail1.example.com", "198.51.100.1", DAY0.plusSeconds(10), 2);
      driver.lookups("www.example.org", "198.51.100.2", DAY0.plusSeconds(20), 1);
      assertThat(driver.changelog(DetectorTopology.DOMAIN_LIFECYCLE_STORE)).as("nothing before the window closes").isEmpty();

      driver.tick(DAY0.plus(DUE));
      List<TestRecord<byte[], byte[]>> records = driver.changelog(DetectorTopology.DOMAIN_LIFECYCLE_STORE);
      assertThat(records).as("one chunk for both names").hasSize(1);
      ChunkedMap restored = new ChunkedMap();
      records.forEach(record -> restored.restore(record.key(), record.value()));
      assertThat(restored.entries()).containsOnlyKeys("mail1.example.com", "www.example.org");
      assertThat(DomainLifecycle.fromBytes(restored.get("mail1.example.com")).lastSeen())
          .isEqualTo(DAY0.plusSeconds(10).toEpochMilli());

      driver.tick(DAY0.plus(DUE).plusSeconds(60));
      assertThat(driver.changelog(DetectorTopology.DOMAIN_LIFECYCLE_STORE)).as("a commit with no change writes nothing").isEmpty();
    }
  }
}
