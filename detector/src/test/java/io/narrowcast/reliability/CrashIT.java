package io.narrowcast.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.narrowcast.cli.NarrowcastProcess;
import io.narrowcast.config.DetectionConfig;
import io.narrowcast.embedded.EmbeddedKafka;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The detector, a process of its own at the operator's defaults, is killed with SIGKILL twice at
 * random points while it works through the {@link Workload} (12 collapses, 10 renames), and
 * restarted on its data directory each time. The alert topics end up exactly as after an
 * uninterrupted run: nothing lost, nothing twice, every record timestamp the same. Each kill waits,
 * from its random point, for a transaction to be open, and at least one must land inside one, or the
 * test proves nothing about aborted work. A restart after a kill rebuilds the local state from the
 * changelogs (see LocalState).
 * {@code -Dnarrowcast.faults.seed=N} repeats a run's kill points.
 */
@Tag("reliability")
class CrashIT {
  private static final Logger LOG = LoggerFactory.getLogger(CrashIT.class);

  @TempDir
  Path work;

  @Test
  void twoKillsAtRandomPointsLoseNoAlertAndRepeatNone() throws Exception {
    AlertTopics expected = Uninterrupted.alerts(DetectorRig.PARTITIONS);
    assertThat(expected.counts()).as("the workload's alert messages").containsEntry("QUERIER_COLLAPSE new", 12L)
        .containsEntry("RENAME_FOLLOW new", 10L);
    long seed = Long.getLong("narrowcast.faults.seed", System.nanoTime());
    Random random = new Random(seed);
    double[] killAt = {0.1 + 0.35 * random.nextDouble(), 0.5 + 0.35 * random.nextDouble()};
    LOG.info("crash test seed {}: kills at {} and {} of dns.events committed", seed, killAt[0], killAt[1]);
    try (EmbeddedKafka kafka = EmbeddedKafka.start(work.resolve("broker"));
        DetectorRig rig = new DetectorRig(kafka.bootstrapServers(), "narrowcast-crash", work)) {
      NarrowcastProcess detector = rig.start("detector");
      Feed.all(kafka.bootstrapServers(), Workload.lines(), DetectionConfig.defaults());

      List<Boolean> inTransaction = new ArrayList<>();
      for (double share : killAt) {
        rig.awaitProgress(share, detector);
        rig.awaitOpenTransaction(detector);
        detector.kill();
        inTransaction.add(rig.transactions().stream().anyMatch(t -> t.state() == TransactionState.ONGOING));
        detector = rig.start("detector");
      }
      rig.awaitCaughtUp(detector);

      LOG.info("crash test seed {}: kills inside an open transaction: {}; {} aborted alert records", seed, inTransaction,
          AlertTopics.abortedAlerts(kafka.bootstrapServers()));
      assertThat(inTransaction).as("a kill inside an open transaction (seed %d)", seed).contains(true);
      assertThat(detector.output()).contains("narrowcast run: the last run on this --data-dir did not stop cleanly: its "
          + "local stores were deleted and are rebuilt from the changelogs");
      AlertTopics.read(kafka.bootstrapServers()).assertSameAs(expected);
      // the detector wrote in transactions (exactly-once), under one transactional id that its restarts took over
      assertThat(rig.transactions()).extracting(TransactionListing::transactionalId).singleElement()
          .asString().matches(rig.applicationId() + "-[0-9a-f-]{36}-1");
    }
  }
}
