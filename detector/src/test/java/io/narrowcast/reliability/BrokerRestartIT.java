package io.narrowcast.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.narrowcast.cli.NarrowcastProcess;
import io.narrowcast.config.DetectionConfig;
import io.narrowcast.embedded.TopicContents;
import io.narrowcast.topics.Topics;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker, a process of its own, is killed with SIGKILL at a random point while the detector
 * (at the operator's defaults) works through the {@link Workload} and its second half is still
 * being produced, and started again on the same data directory. The producer and the detector ride
 * it out (the detector without a restart) and the alert topics end up exactly as after an
 * uninterrupted run. {@code -Dnarrowcast.faults.seed=N} repeats a run's kill point.
 */
@Tag("reliability")
class BrokerRestartIT {
  private static final Logger LOG = LoggerFactory.getLogger(BrokerRestartIT.class);

  @TempDir
  Path work;

  @Test
  void theDetectorRidesOutABrokerKilledMidStream() throws Exception {
    AlertTopics expected = Uninterrupted.alerts(DetectorRig.PARTITIONS);
    List<String> lines = Workload.lines();
    long seed = Long.getLong("narrowcast.faults.seed", System.nanoTime());
    double killAt = 0.2 + 0.3 * new Random(seed).nextDouble();
    LOG.info("broker kill seed {}: at {} of what is on dns.events committed", seed, killAt);
    try (BrokerProcess broker = BrokerProcess.start(work.resolve("broker"), Path.of("target", "reliability", "broker-restart"));
        DetectorRig rig = new DetectorRig(broker.bootstrapServers(), "narrowcast-broker-restart", work);
        Feed feed = new Feed(broker.bootstrapServers())) {
      NarrowcastProcess detector = rig.start("detector");
      long pid = detector.pid();
      feed.lines(lines.subList(0, lines.size() / 2));
      CompletableFuture<Void> rest = CompletableFuture.runAsync(() -> {
        try {
          feed.lines(lines.subList(lines.size() / 2, lines.size()));
          feed.closeLastWindows(DetectionConfig.defaults());
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      rig.awaitProgress(killAt, detector);
      broker.kill();
      broker.restart();
      rest.get(DetectorRig.CATCH_UP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      rig.awaitCaughtUp(detector);

      assertThat(detector.pid()).as("the detector recovered without a restart").isEqualTo(pid);
      assertThat(TopicContents.readAll(broker.bootstrapServers(), Topics.EVENTS.name()))
          .as("every event once, and two ticks a partition (the first time, the end)")
          .hasSize(lines.size() + 2 * DetectorRig.PARTITIONS);
      LOG.info("broker kill: {} aborted alert records", AlertTopics.abortedAlerts(broker.bootstrapServers()));
      AlertTopics.read(broker.bootstrapServers()).assertSameAs(expected);
    }
  }
}
