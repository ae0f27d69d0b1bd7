package io.narrowcast.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.collect.Lists;
import io.narrowcast.cli.NarrowcastProcess;
import io.narrowcast.config.DetectionConfig;
import io.narrowcast.embedded.TopicContents;
import io.narrowcast.topics.Topics;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Item 4 of issue 8: the broker, a process of its own, goes down twice mid-stream (stopped with
 * SIGTERM, then killed with SIGKILL) and is started again on the same data directory each time,
 * while the detector keeps running and the ingesting producer sends the next part of the input.
 * The detector recovers by itself (the same process), the producer's retries duplicate nothing, and
 * the alert topics end up exactly as after an uninterrupted run.
 */
@Tag("reliability")
class BrokerRestartIT {
  private static final Logger LOG = LoggerFactory.getLogger(BrokerRestartIT.class);
  private static final long SEND_TIMEOUT_MINUTES = 3;

  @TempDir
  Path work;

  private final ExecutorService sender = Executors.newSingleThreadExecutor();

  @Test
  void theDetectorAndTheProducerRideOutBrokerRestarts() throws Exception {
    AlertTopics expected = Uninterrupted.alerts(DetectorRig.PARTITIONS);
    List<String> lines = CaseInput.lines();
    List<List<String>> thirds = Lists.partition(lines, (lines.size() + 2) / 3);
    try (BrokerProcess broker = BrokerProcess.start(work.resolve("broker"), Path.of("target", "reliability", "broker-restart"));
        DetectorRig rig = new DetectorRig(broker.bootstrapServers(), "narrowcast-broker-restart", work);
        Feed feed = new Feed(broker.bootstrapServers())) {
      NarrowcastProcess detector = rig.start("detector");
      long pid = detector.pid();
      feed.lines(thirds.get(0));
      rig.awaitProgress(0.5, detector); // half of the first third

      broker.stop();
      restartWhileSending(broker, () -> feed.lines(thirds.get(1)));
      rig.awaitProgress(0.75, detector); // half of the input

      broker.kill();
      restartWhileSending(broker, () -> {
        feed.lines(thirds.get(2));
        feed.closeLastWindows(DetectionConfig.defaults());
      });
      rig.awaitCaughtUp(detector);

      assertThat(detector.pid()).as("the detector recovered without a restart").isEqualTo(pid);
      assertThat(TopicContents.readAll(broker.bootstrapServers(), Topics.EVENTS.name()))
          .as("every event once, and a tick per partition").hasSize(lines.size() + DetectorRig.PARTITIONS);
      LOG.info("broker restarts: {} aborted alert records", AlertTopics.abortedAlerts(broker.bootstrapServers()));
      AlertTopics.read(broker.bootstrapServers()).assertSameAs(expected);
    } finally {
      sender.shutdownNow();
    }
  }

  /** Sends while the broker is down (the producer holds the records and retries), restarts it, waits until all is stored. */
  private void restartWhileSending(BrokerProcess broker, ThrowingRunnable send) throws Exception {
    Callable<Void> sending = () -> {
      send.run();
      return null;
    };
    var sent = sender.submit(sending);
    broker.restart();
    sent.get(SEND_TIMEOUT_MINUTES, TimeUnit.MINUTES);
  }

  @FunctionalInterface
  private interface ThrowingRunnable {
    void run() throws Exception;
  }
}
