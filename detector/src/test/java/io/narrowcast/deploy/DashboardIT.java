package io.narrowcast.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.narrowcast.cli.NarrowcastProcess;
import io.narrowcast.deploy.GrafanaDashboard.Sample;
import io.narrowcast.embedded.EmbeddedKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every query of the Grafana dashboard finds its series in the /metrics of {@code narrowcast run}:
 * each selector's metric with the labels it matches on (less those Prometheus adds when it scrapes),
 * and the labels it groups by; and every metric of the detector's own has a panel.
 */
class DashboardIT {
  /** Kafka Streams' task and store metrics appear once the tasks are assigned, and are picked up every 10 s. */
  static final Duration METRICS_APPEAR = Duration.ofSeconds(90);

  @TempDir
  Path work;

  @Test
  void everyQueryOfTheDashboardFindsItsSeriesInTheMetricsOfRun() throws Exception {
    GrafanaDashboard dashboard = GrafanaDashboard.read();
    GrafanaDashboard.ScrapeJob job = GrafanaDashboard.ScrapeJob.read();
    EmbeddedKafka kafka = EmbeddedKafka.start(work.resolve("broker"));
    int port = NarrowcastProcess.freePort();
    Path log = Files.createDirectories(Path.of("target", "dashboard-it")).resolve("run.log");
    try (NarrowcastProcess detector = NarrowcastProcess.start(log, port, Map.of(), List.of("run",
        "--bootstrap-servers", kafka.bootstrapServers(), "--http-bind", "127.0.0.1:" + port,
        "--data-dir", work.resolve("run").toString())).awaitReady()) {
      await().atMost(METRICS_APPEAR).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
          assertThat(dashboard.missingIn(Sample.parse(detector.get("/metrics", null).body()), job.targetLabels()))
              .as("series the dashboard queries and /metrics lacks").isEmpty());

      Set<String> own = new TreeSet<>();
      Sample.parse(detector.get("/metrics", null).body()).forEach(s -> {
        if (s.name().startsWith("narrowcast_")) {
          own.add(s.name());
        }
      });
      assertThat(dashboard.metrics()).as("the detector's own metrics, each on a panel").containsAll(own);
    } finally {
      kafka.close();
    }
  }
}
