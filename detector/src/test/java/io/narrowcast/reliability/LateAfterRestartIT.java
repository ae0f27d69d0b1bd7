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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restart on the same state decides as the run before it would have: what was late stays late,
 * and the alert topics are exactly those of one run without the restart. The collapse of
 * mail.example.org opens on days 14 and 15; after the restart, eight new sources look it up on day
 * 15, long closed: counted, they would have ended the collapse.
 */
@Tag("reliability")
class LateAfterRestartIT {
  private static final String APPLICATION_ID = "narrowcast-late";
  private static final Instant DAY0 = Instant.parse("2016-04-01T00:00:00Z");
  private static final DetectionConfig CONFIG = DetectionConfig.defaults();
  private static final String NAME = "mail.example.org";

  @TempDir
  Path work;

  @Test
  void aLookupLateBeforeTheRestartIsLateAfterItAndTheAlertsAreThoseOfOneRun() throws Exception {
    List<DnsEvent> before = new ArrayList<>();
    for (int day = 0; day < 14; day++) {
      for (int source = 1; source <= 12; source++) {
        before.add(lookup(source, day, 10));
      }
    }
    for (int day = 14; day <= 16; day++) {
      for (int source = 1; source <= 3; source++) {
        for (int i = 0; i < 5; i++) {
          before.add(lookup(source, day, 9 + i));
        }
      }
    }
    before.add(lookup(1, 18, 10)); // days up to 17 are due
    List<DnsEvent> after = new ArrayList<>();
    for (int source = 20; source < 28; source++) {
      after.add(lookup(source, 15, 12)); // late
    }
    for (int source = 1; source <= 3; source++) {
      for (int i = 0; i < 5; i++) {
        after.add(lookup(source, 19, 9 + i));
      }
    }

    AlertTopics oneRun;
    try (EmbeddedKafka kafka = TestBroker.startWithTopics(work.resolve("one-run-broker"));
        Admin admin = admin(kafka)) {
      DetectorMetrics metrics = new DetectorMetrics();
      detect(kafka, admin, work.resolve("one-run-state"), metrics, concat(before, after));
      assertThat(metrics.lateDropped()).isEqualTo(8);
      oneRun = AlertTopics.read(kafka.bootstrapServers());
    }
    try (EmbeddedKafka kafka = TestBroker.startWithTopics(work.resolve("broker")); Admin admin = admin(kafka)) {
      detect(kafka, admin, work.resolve("state"), new DetectorMetrics(), before);
      DetectorMetrics restarted = new DetectorMetrics();
      detect(kafka, admin, work.resolve("state"), restarted, after);

      assertThat(restarted.lateDropped()).as("late after the restart as before it").isEqualTo(8);
      assertThat(oneRun.counts()).as("the collapse opens and stays open").containsExactly(
          Map.entry("QUERIER_COLLAPSE new", 1L));
      AlertTopics.read(kafka.bootstrapServers()).assertSameAs(oneRun);
    }
  }

  /** Starts the detector on {@code stateDir}, feeds {@code events}, waits until they are processed, stops it. */
  private void detect(EmbeddedKafka kafka, Admin admin, Path stateDir, DetectorMetrics metrics, List<DnsEvent> events)
      throws Exception {
    KafkaStreams streams = new KafkaStreams(DetectorTopology.build(CONFIG, Feed.ONE_PARTITION, metrics),
        StreamsSettings.detector(APPLICATION_ID, kafka.bootstrapServers(), stateDir, Map.of()));
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

  private static Admin admin(EmbeddedKafka kafka) {
    return Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
  }

  private static List<DnsEvent> concat(List<DnsEvent> first, List<DnsEvent> second) {
    List<DnsEvent> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }

  private static DnsEvent lookup(int source, int day, int hour) {
    return DnsEvent.newBuilder().setEventTime(DAY0.plus(Duration.ofDays(day)).plus(Duration.ofHours(hour)))
        .setSensor("it").setSourceIp("192.0.2." + source).setQuery(NAME).setQtype(1).setRcode(0)
        .setAnswers(List.of()).build();
  }
}
