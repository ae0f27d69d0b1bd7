package io.narrowcast.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.io.MoreFiles;
import com.google.common.io.RecursiveDeleteOption;
import io.narrowcast.config.DetectionConfig;
import io.narrowcast.embedded.EmbeddedKafka;
import io.narrowcast.ingest.Format;
import io.narrowcast.replay.Replay;
import io.narrowcast.replay.ReplayRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an uninterrupted run makes of the case: the alert topics after replaying {@link CaseInput}
 * (exactly-once, nothing killed) on a broker of its own. Computed once per partition count and JVM.
 */
final class Uninterrupted {
  private static final Logger LOG = LoggerFactory.getLogger(Uninterrupted.class);
  private static final Map<Integer, AlertTopics> RUNS = new HashMap<>();

  private Uninterrupted() {}

  static synchronized AlertTopics alerts(int partitions) throws IOException, InterruptedException {
    AlertTopics known = RUNS.get(partitions);
    if (known != null) {
      return known;
    }
    Path work = Files.createTempDirectory("narrowcast-uninterrupted");
    try (EmbeddedKafka kafka = EmbeddedKafka.start(work.resolve("broker"))) {
      long started = System.nanoTime();
      Replay.run(new ReplayRequest(List.of(CaseInput.jsonl()), Format.JSONL, DetectionConfig.defaults(), partitions,
          alert -> { }, null), kafka.bootstrapServers(), work.resolve("state"));
      AlertTopics alerts = AlertTopics.read(kafka.bootstrapServers());
      LOG.info("uninterrupted run on {} partitions: {} in {} ms", partitions, alerts.counts(),
          (System.nanoTime() - started) / 1_000_000);
      assertThat(alerts.alerts()).as("the reference alerts").isNotEmpty().doesNotHaveDuplicates();
      RUNS.put(partitions, alerts);
      return alerts;
    } finally {
      MoreFiles.deleteRecursively(work, RecursiveDeleteOption.ALLOW_INSECURE);
    }
  }
}
