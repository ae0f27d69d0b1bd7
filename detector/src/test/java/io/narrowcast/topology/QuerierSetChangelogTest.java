package io.narrowcast.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.narrowcast.config.DetectionConfig;
import io.narrowcast.state.BinarySerde;
import io.narrowcast.state.SourceCount;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The querier sets are buffered in memory between commits (WriteBehindWindowStore); what the
 * changelog holds after each commit must still be every lookup up to it, or a restore loses counts.
 * TopologyTestDriver commits after every record.
 */
class QuerierSetChangelogTest {
  static final Instant DAY0 = Instant.parse("2016-04-01T00:00:00Z");
  static final Instant DAY1 = DAY0.plusSeconds(86_400);

  @TempDir
  Path stateDir;

  @Test
  void everyCommitWritesTheUpdatedSetOfEachWindow() {
    try (DetectorDriver driver = new DetectorDriver(DetectionConfig.defaults(), stateDir)) {
      driver.lookups("mail1.example.com", "198.51.100.1", DAY0.plusSeconds(10), 2);
      driver.lookups("mail1.example.com", "198.51.100.2", DAY0.plusSeconds(20), 1);
      assertThat(latestByWindow(driver)).containsOnly(Map.entry(DAY0.toEpochMilli(),
          List.of(new SourceCount("198.51.100.1", 2), new SourceCount("198.51.100.2", 1))));

      driver.lookups("mail1.example.com", "198.51.100.3", DAY1.plusSeconds(5), 1);
      assertThat(latestByWindow(driver)).containsOnly(
          Map.entry(DAY1.toEpochMilli(), List.of(new SourceCount("198.51.100.3", 1))));

      // late, within the grace period: the earlier window's set is updated and written again
      driver.lookups("mail1.example.com", "198.51.100.2", DAY1.minusSeconds(1), 1);
      assertThat(latestByWindow(driver)).containsOnly(Map.entry(DAY0.toEpochMilli(),
          List.of(new SourceCount("198.51.100.1", 2), new SourceCount("198.51.100.2", 2))));
    }
  }

  /** The changelog records since the last call, the last set per window of mail1.example.com. */
  private static Map<Long, List<SourceCount>> latestByWindow(DetectorDriver driver) {
    Map<Long, List<SourceCount>> latest = new LinkedHashMap<>();
    for (TestRecord<byte[], byte[]> record : driver.changelog(DetectorTopology.QUERIER_SETS_STORE)) {
      byte[] key = record.key();
      // a window store's changelog key: the record key, then the window start and a sequence number
      String domain = new String(Arrays.copyOf(key, key.length - 12), StandardCharsets.UTF_8);
      long start = ByteBuffer.wrap(key, key.length - 12, 8).getLong();
      assertThat(domain).isEqualTo("mail1.example.com");
      latest.put(start, BinarySerde.querierSets().deserializer().deserialize("changelog", record.value()).sourceCounts());
    }
    return latest;
  }
}
