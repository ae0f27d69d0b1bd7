package io.narrowcast.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.narrowcast.cli.NarrowcastProcess;
import io.narrowcast.config.DetectionConfig;
import io.narrowcast.embedded.EmbeddedKafka;
import io.narrowcast.metrics.DetectorMetrics;
import io.narrowcast.topics.Topics;
import io.narrowcast.topology.DetectorTopology;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two detector processes of one application id share the partitions; one is killed with SIGKILL
 * mid-stream, the other takes over its tasks and finishes. The alert topics end up exactly as after
 * an uninterrupted run. At the operator's defaults (no standby, the 45-second session timeout, the
 * detector's transaction timeout), and with standby copies and short timeouts, as a deployment that
 * wants fast fail-over sets them.
 */
@Tag("reliability")
class FailoverIT {
  private static final Logger LOG = LoggerFactory.getLogger(FailoverIT.class);

  @TempDir
  Path work;

  /** A short session, so a killed instance's tasks move after seconds; a short transaction timeout, so its open one ends sooner. */
  private static final List<String> FAST_FAIL_OVER = List.of(
      "main.consumer.session.timeout.ms=6000", "main.consumer.heartbeat.interval.ms=2000",
      "producer.transaction.timeout.ms=20000");

  @Test
  void atTheOperatorsDefaultsTheSurvivorTakesOverAndTheAlertsAreThoseOfOneUninterruptedRun() throws Exception {
    AlertTopics expected = Uninterrupted.alerts(DetectorRig.PARTITIONS);
    double killAt = 0.2 + 0.5 * new Random().nextDouble();
    LOG.info("fail-over at defaults: kill at {} of dns.events committed", killAt);
    try (EmbeddedKafka kafka = EmbeddedKafka.start(work.resolve("broker"));
        DetectorRig rig = new DetectorRig(kafka.bootstrapServers(), "narrowcast-failover-defaults", work)) {
      NarrowcastProcess first = rig.start("first");
      NarrowcastProcess second = rig.start("second");
      await().atMost(Duration.ofMinutes(2)).untilAsserted(() ->
          assertThat(activeEventPartitions(rig)).hasSize(2).allSatisfy(partitions -> assertThat(partitions).isPositive()));

      Feed.all(kafka.bootstrapServers(), Workload.lines(), DetectionConfig.defaults());
      rig.awaitProgress(killAt, first, second);
      first.kill();
      rig.awaitCaughtUp(second);

      assertThat(activeEventPartitions(rig)).containsExactly(DetectorRig.PARTITIONS);
      LOG.info("fail-over at defaults: {} aborted alert records", AlertTopics.abortedAlerts(kafka.bootstrapServers()));
      AlertTopics.read(kafka.bootstrapServers()).assertSameAs(expected);
    }
  }

  @Test
  void withStandbysTheSurvivorTakesOverAndTheAlertsAreThoseOfOneUninterruptedRun() throws Exception {
    AlertTopics expected = Uninterrupted.alerts(DetectorRig.PARTITIONS);
    try (EmbeddedKafka kafka = EmbeddedKafka.start(work.resolve("broker"));
        DetectorRig rig = new DetectorRig(kafka.bootstrapServers(), "narrowcast-failover", work, FAST_FAIL_OVER)) {
      NarrowcastProcess first = rig.start("first", "--standby-replicas", "1");
      NarrowcastProcess second = rig.start("second", "--standby-replicas", "1");
      // both process some partitions, and the second holds the state of every task, active or standby
      await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
        assertThat(activeEventPartitions(rig)).hasSize(2).allSatisfy(partitions -> assertThat(partitions).isPositive());
        assertThat(taskDirectories(rig.dataDir("second").resolve("state").resolve(rig.applicationId())))
            .isEqualTo(statefulTasks());
      });

      Feed.all(kafka.bootstrapServers(), Workload.lines(), DetectionConfig.defaults());
      rig.awaitProgress(0.4, first, second);
      first.kill();
      rig.awaitCaughtUp(second);

      assertThat(activeEventPartitions(rig)).containsExactly(DetectorRig.PARTITIONS);
      LOG.info("fail-over: {} aborted alert records", AlertTopics.abortedAlerts(kafka.bootstrapServers()));
      AlertTopics.read(kafka.bootstrapServers()).assertSameAs(expected);
    }
  }

  /** For each member of the application's group, how many partitions of dns.events it processes. */
  private static List<Integer> activeEventPartitions(DetectorRig rig) throws Exception {
    ConsumerGroupDescription group = rig.admin().describeConsumerGroups(List.of(rig.applicationId()))
        .describedGroups().get(rig.applicationId()).get();
    return group.members().stream().map(MemberDescription::assignment)
        .map(a -> (int) a.topicPartitions().stream().filter(p -> p.topic().equals(Topics.EVENTS.name())).count())
        .toList();
  }

  /** The task directories (1_0, ...) under an instance's state directory for the application. */
  private static Set<String> taskDirectories(Path appStateDir) {
    File[] dirs = appStateDir.toFile().listFiles(f -> f.isDirectory() && f.getName().matches("\\d+_\\d+"));
    Set<String> names = new TreeSet<>();
    if (dirs != null) {
      Arrays.stream(dirs).map(File::getName).forEach(names::add);
    }
    return names;
  }

  /** Every task that has state: each partition of each sub-topology with a store. */
  private static Set<String> statefulTasks() {
    Set<String> tasks = new TreeSet<>();
    for (TopologyDescription.Subtopology sub : DetectorTopology.build(DetectionConfig.defaults(), new DetectorMetrics())
        .describe().subtopologies()) {
      boolean stateful = sub.nodes().stream()
          .anyMatch(n -> n instanceof TopologyDescription.Processor p && !p.stores().isEmpty());
      for (int p = 0; stateful && p < DetectorRig.PARTITIONS; p++) {
        tasks.add(sub.id() + "_" + p);
      }
    }
    return tasks;
  }
}
