package io.narrowcast.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.narrowcast.cli.NarrowcastProcess;
import io.narrowcast.config.DetectionConfig;
import io.narrowcast.embedded.EmbeddedKafka;
import java.nio.file.Path;
import org.apache.kafka.clients.admin.TransactionListing;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Item 2 of issue 8: the detector, a process of its own, is killed with SIGKILL twice while it works
 * through the case, and restarted on its data directory each time. The alert topics end up exactly
 * as after an uninterrupted run: nothing lost, nothing twice.
 */
@Tag("reliability")
class CrashIT {
  @TempDir
  Path work;

  @Test
  void twoKillsMidStreamLoseNoAlertAndRepeatNone() throws Exception {
    AlertTopics expected = Uninterrupted.alerts(DetectorRig.PARTITIONS);
    try (EmbeddedKafka kafka = EmbeddedKafka.start(work.resolve("broker"));
        DetectorRig rig = new DetectorRig(kafka.bootstrapServers(), "narrowcast-crash", work)) {
      NarrowcastProcess detector = rig.start("detector");
      Feed.all(kafka.bootstrapServers(), CaseInput.lines(), DetectionConfig.defaults());

      rig.awaitProgress(1.0 / 3, detector);
      detector.kill();
      detector = rig.start("detector");
      rig.awaitProgress(2.0 / 3, detector);
      detector.kill();
      detector = rig.start("detector");
      rig.awaitCaughtUp(detector);

      AlertTopics.read(kafka.bootstrapServers()).assertSameAs(expected);
      // the detector wrote in transactions (exactly-once), under one transactional id that its restarts took over
      assertThat(rig.transactions()).extracting(TransactionListing::transactionalId).singleElement()
          .asString().matches(rig.applicationId() + "-[0-9a-f-]{36}-1");
    }
  }
}
