package io.narrowcast.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.narrowcast.cli.NarrowcastProcess;
import io.narrowcast.config.DetectionConfig;
import io.narrowcast.embedded.TopicContents;
import io.narrowcast.topics.Topics;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Item 4 of issue 8: the broker, a process of its own, is stopped (SIGTERM) twice while the detector
 * works through its input and started again on the same data directory each time. The detector
 * recovers by itself (the same process) and the alert topics end up exactly as after an
 * uninterrupted run.
 *
 * <p>Not SIGKILL: a lone broker killed while transactions are open can come back with a hanging
 * transaction, one its partition still holds open while the coordinator has completed it. A
 * changelog partition in that state stops every restore of it for good, whatever the client; an
 * operator aborts it ({@code kafka-transactions.sh find-hanging}, then {@code abort}). Seen here as
 * "rename-candidates-changelog-2: producer 1 epoch 4 open from offset 0", coordinator CompleteCommit.
 *
 * <p>The whole input is sent before the first outage: an idempotent producer that sends across a
 * lone broker's restart can have its batches refused as "out of order" after it (seen here with
 * both in-flight and later batches), which is about the producer and a single broker, not about
 * the detector.
 */
@Tag("reliability")
class BrokerRestartIT {
  private static final Logger LOG = LoggerFactory.getLogger(BrokerRestartIT.class);

  @TempDir
  Path work;

  @Test
  void theDetectorRidesOutBrokerRestarts() throws Exception {
    AlertTopics expected = Uninterrupted.alerts(DetectorRig.PARTITIONS);
    List<String> lines = CaseInput.lines();
    try (BrokerProcess broker = BrokerProcess.start(work.resolve("broker"), Path.of("target", "reliability", "broker-restart"));
        DetectorRig rig = new DetectorRig(broker.bootstrapServers(), "narrowcast-broker-restart", work);
        Feed feed = new Feed(broker.bootstrapServers())) {
      NarrowcastProcess detector = rig.start("detector");
      long pid = detector.pid();
      feed.lines(lines);
      feed.closeLastWindows(DetectionConfig.defaults());
      rig.awaitProgress(0.25, detector);

      broker.stop();
      broker.restart();
      rig.awaitProgress(0.5, detector);

      broker.stop();
      broker.restart();
      rig.awaitCaughtUp(detector);

      assertThat(detector.pid()).as("the detector recovered without a restart").isEqualTo(pid);
      assertThat(TopicContents.readAll(broker.bootstrapServers(), Topics.EVENTS.name()))
          .as("every event once, and a tick per partition").hasSize(lines.size() + DetectorRig.PARTITIONS);
      LOG.info("broker restarts: {} aborted alert records", AlertTopics.abortedAlerts(broker.bootstrapServers()));
      AlertTopics.read(broker.bootstrapServers()).assertSameAs(expected);
    }
  }
}
