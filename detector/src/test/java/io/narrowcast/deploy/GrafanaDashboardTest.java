package io.narrowcast.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.narrowcast.deploy.GrafanaDashboard.Sample;
import io.narrowcast.deploy.PromQl.Matcher;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Grafana dashboard's shape and queries; DashboardIT checks them against a running detector's /metrics. */
class GrafanaDashboardTest {
  static final int GRID_COLUMNS = 24;

  static GrafanaDashboard dashboard;
  static GrafanaDashboard.ScrapeJob job;

  @BeforeAll
  static void read() throws IOException {
    dashboard = GrafanaDashboard.read();
    job = GrafanaDashboard.ScrapeJob.read();
  }

  @Test
  void thePanelsShowWhatOperatorsAskedFor() {
    Map<String, Set<String>> metrics = new LinkedHashMap<>();
    dashboard.panelQueries().forEach((title, queries) -> metrics.put(title,
        queries.stream().flatMap(q -> q.metrics().stream()).collect(Collectors.toSet())));

    assertThat(metrics).containsExactly(
        Map.entry("Events in /s", Set.of("narrowcast_events_in_total")),
        Map.entry("Refused /s, by reason", Set.of("narrowcast_events_rejected_total")),
        Map.entry("Late lookups /s", Set.of("narrowcast_events_late_total")),
        Map.entry("Open alerts, by kind", Set.of("narrowcast_alerts_open")),
        Map.entry("Alert messages per hour, by kind and status", Set.of("narrowcast_alerts_total")),
        Map.entry("Input lag (records)", Set.of("narrowcast_input_lag_records")),
        Map.entry("Event lag", Set.of("narrowcast_event_lag_seconds")),
        Map.entry("State: keys, by store", Set.of("narrowcast_store_keys")),
        Map.entry("State: bytes on disk, by store", Set.of("narrowcast_store_disk_bytes")),
        Map.entry("Commit latency", Set.of("kafka_stream_thread_commit_latency_avg", "kafka_stream_thread_commit_latency_max")),
        Map.entry("Able to alert from, by rule", Set.of("narrowcast_able_to_alert_from_seconds")));
  }

  @Test
  void deployReadmeNamesEveryPanelWithItsMetrics() throws IOException {
    List<String> lines = Files.readAllLines(ManifestsTest.DEPLOY.resolve("README.md"));
    dashboard.panelQueries().forEach((title, queries) -> assertThat(lines).as(title)
        .filteredOn(line -> line.startsWith("| " + title + " | ")).singleElement()
        .satisfies(line -> queries.forEach(q -> q.metrics().forEach(metric -> assertThat(line).contains(metric)))));
  }

  @Test
  void everyPanelIsATimeSeriesOfTheChosenPrometheusOnTheGrid() {
    List<JsonNode> panels = dashboard.panels();
    assertThat(panels).extracting(p -> p.path("id").asInt()).doesNotHaveDuplicates();
    List<int[]> placed = new ArrayList<>();
    for (JsonNode panel : panels) {
      String title = panel.path("title").asText();
      assertThat(panel.path("type").asText()).as(title).isEqualTo("timeseries");
      assertThat(panel.path("description").asText()).as(title).isNotBlank();
      assertThat(panel.at("/datasource/uid").asText()).as(title).isEqualTo("${datasource}");
      assertThat(panel.path("targets")).as(title).isNotEmpty()
          .allSatisfy(t -> assertThat(t.at("/datasource/uid").asText()).isEqualTo("${datasource}"))
          .extracting(t -> t.path("refId").asText()).doesNotHaveDuplicates();
      JsonNode grid = panel.path("gridPos");
      int[] box = {grid.path("x").asInt(), grid.path("y").asInt(), grid.path("w").asInt(), grid.path("h").asInt()};
      assertThat(box[0] + box[2]).as(title).isLessThanOrEqualTo(GRID_COLUMNS);
      assertThat(placed).as(title + " overlaps no other panel").noneMatch(other -> overlap(box, other));
      placed.add(box);
    }
    assertThat(dashboard.json().at("/templating/list/0/type").asText()).isEqualTo("datasource");
    assertThat(dashboard.json().at("/templating/list/0/query").asText()).isEqualTo("prometheus");
  }

  @Test
  void everyQueryReadsTheScrapeJobAndThePanelsTheChosenNamespace() {
    assertThat(dashboard.variableQueries()).containsOnlyKeys("namespace");
    PromQl namespaces = dashboard.variableQueries().get("namespace");
    assertThat(namespaces.groupingLabels()).singleElement().isIn(job.targetLabels());
    assertThat(namespaces.selectors()).allSatisfy(s -> assertThat(s.matchers()).contains(new Matcher("job", "=", job.name())));

    dashboard.panelQueries().forEach((title, queries) -> assertThat(queries).as(title).allSatisfy(query ->
        assertThat(query.selectors()).isNotEmpty().allSatisfy(s -> assertThat(s.matchers()).containsExactlyInAnyOrder(
            new Matcher("job", "=", job.name()), new Matcher("namespace", "=", "$namespace")))));
  }

  @Test
  void aScrapeLacksAQueryWhoseMetricMatchedValueOrGroupingLabelItDoesNotHave() throws IOException {
    GrafanaDashboard queries = new GrafanaDashboard(new ObjectMapper().readTree("""
        {"panels": [{"title": "keys", "targets": [
          {"expr": "sum by (store, pod) (narrowcast_store_keys{job=\\"narrowcast\\", store=~\\"querier-.*\\"})"},
          {"expr": "sum by (kind) (narrowcast_store_keys{namespace=\\"$namespace\\", thread_id!=\\"\\"})"},
          {"expr": "narrowcast_store_keys{store=\\"alert-state\\"} + narrowcast_alerts_open"}]}]}
        """));
    List<Sample> scrape = Sample.parse("""
        # TYPE narrowcast_store_keys gauge
        narrowcast_store_keys{store="querier-sets",thread_id="a \\"b\\", c"} 3.0
        narrowcast_events_in_total 5.0
        """);

    assertThat(scrape).containsExactly(
        new Sample("narrowcast_store_keys", Map.of("store", "querier-sets", "thread_id", "a \"b\", c")),
        new Sample("narrowcast_events_in_total", Map.of()));
    // job, pod and namespace are labels Prometheus adds; the series has a store but no kind
    assertThat(queries.missingIn(scrape, job.targetLabels())).containsExactly("label kind of [narrowcast_store_keys]",
        "narrowcast_store_keys{store=\"alert-state\"}", "narrowcast_alerts_open{}");
  }

  private static boolean overlap(int[] a, int[] b) {
    return a[0] < b[0] + b[2] && b[0] < a[0] + a[2] && a[1] < b[1] + b[3] && b[1] < a[1] + a[3];
  }
}
