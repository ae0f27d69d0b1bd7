package io.narrowcast.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.io.MoreFiles;
import com.google.common.io.RecursiveDeleteOption;
import io.narrowcast.config.DetectionConfig;
import io.narrowcast.config.DetectionConfig.DomainGranularity;
import io.narrowcast.embedded.EmbeddedKafka;
import io.narrowcast.ingest.Format;
import io.narrowcast.replay.Replay;
import io.narrowcast.replay.ReplayRequest;
import io.narrowcast.replay.ReplayResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an uninterrupted run makes of the {@link Workload}: the alert topics after replaying it
 * (exactly-once, nothing killed) on a broker of its own. Computed once per partition count,
 * granularity and JVM.
 */
final class Uninterrupted {
  private static final Logger LOG = LoggerFactory.getLogger(Uninterrupted.class);
  private static final Map<String, Run> RUNS = new HashMap<>();

  /**
   * @param alerts the alert topics
   * @param late lookups counted late
   */
  record Run(AlertTopics alerts, long late) {}

  private Uninterrupted() {}

  /** By name, with the defaults: what the fault tests compare with. */
  static AlertTopics alerts(int partitions) throws IOException, InterruptedException {
    return run(partitions, DomainGranularity.NAME).alerts();
  }

  static synchronized Run run(int partitions, DomainGranularity granularity) throws IOException, InterruptedException {
    String key = partitions + " " + granularity;
    Run known = RUNS.get(key);
    if (known != null) {
      return known;
    }
    Path work = Files.createTempDirectory("narrowcast-uninterrupted");
    try (EmbeddedKafka kafka = EmbeddedKafka.start(work.resolve("broker"))) {
      long started = System.nanoTime();
      DetectionConfig config = DetectionConfig.builder().domainGranularity(granularity).build();
      ReplayResult result = Replay.run(new ReplayRequest(List.of(Workload.jsonl()), Format.JSONL, config, partitions,
          alert -> { }, null), kafka.bootstrapServers(), work.resolve("state"));
      Run run = new Run(AlertTopics.read(kafka.bootstrapServers()), result.lateDropped());
      LOG.info("uninterrupted run on {} partitions by {}: {}, {} late, in {} ms", partitions, granularity,
          run.alerts().counts(), run.late(), (System.nanoTime() - started) / 1_000_000);
      assertThat(run.alerts().alerts()).as("the reference alerts").isNotEmpty().doesNotHaveDuplicates();
      RUNS.put(key, run);
      return run;
    } finally {
      MoreFiles.deleteRecursively(work, RecursiveDeleteOption.ALLOW_INSECURE);
    }
  }
}
