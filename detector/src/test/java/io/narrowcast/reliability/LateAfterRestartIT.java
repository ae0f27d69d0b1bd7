package io.narrowcast.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.narrowcast.avro.DnsEvent;
import io.narrowcast.config.DetectionConfig;
import io.narrowcast.embedded.EmbeddedKafka;
import io.narrowcast.embedded.TestBroker;
import io.narrowcast.metrics.DetectorMetrics;
import io.narrowcast.runtime.CatchUp;
import io.narrowcast.runtime.StreamsSettings;
import io.narrowcast.topology.DetectorTopology;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A restart on the same state decides as the run before it would have: what was late stays late. */
@Tag("reliability")
class LateAfterRestartIT {
  private static final String APPLICATION_ID = "narrowcast-late";
  private static final Instant DAY0 = Instant.parse("2016-04-01T00:00:00Z");
  private static final DetectionConfig CONFIG = DetectionConfig.defaults();

  @TempDir
  Path work;

  @Test
  void aLookupLateBeforeTheRestartIsLateAfterIt() throws Exception {
    try (EmbeddedKafka kafka = TestBroker.startWithTopics(work.resolve("broker"));
        Admin admin = Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      // given: day 0 has a lookup, days 1 to 3 none, then a lookup on day 4, which ends days 0 to 2
      detect(kafka, admin, new DetectorMetrics(), List.of(
          lookup("a.example.org", DAY0.plus(Duration.ofHours(10))), lookup("b.example.org", DAY0.plus(Duration.ofDays(4)))));
      // when: after a restart, lookups for day 0 and day 2 come
      DetectorMetrics restarted = new DetectorMetrics();
      detect(kafka, admin, restarted, List.of(
          lookup("c.example.org", DAY0.plus(Duration.ofHours(12))), lookup("c.example.org", DAY0.plus(Duration.ofDays(2)))));
      // then: both are late, as they would have been without the restart
      assertThat(restarted.lateDropped()).isEqualTo(2);
    }
  }

  /** Starts the detector on the state directory, feeds {@code events}, waits until they are processed, stops it. */
  private void detect(EmbeddedKafka kafka, Admin admin, DetectorMetrics metrics, List<DnsEvent> events) throws Exception {
    KafkaStreams streams = new KafkaStreams(DetectorTopology.build(CONFIG, metrics),
        StreamsSettings.detector(APPLICATION_ID, kafka.bootstrapServers(), work.resolve("state"), Map.of()));
    try (Feed feed = new Feed(kafka.bootstrapServers())) {
      streams.start();
      feed.events(events);
      CatchUp.await(admin, APPLICATION_ID, CatchUp.detectorInputs(APPLICATION_ID), Duration.ofMinutes(2), () -> true);
    } finally {
      // as run stops on SIGTERM: leaving the group lets the restart take the tasks at once
      streams.close(CloseOptions.timeout(Duration.ofSeconds(30))
          .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
    }
  }

  private static DnsEvent lookup(String name, Instant time) {
    return DnsEvent.newBuilder().setEventTime(time).setSensor("it").setSourceIp("192.0.2.1").setQuery(name).setQtype(1)
        .setRcode(0).setAnswers(List.of()).build();
  }
}
