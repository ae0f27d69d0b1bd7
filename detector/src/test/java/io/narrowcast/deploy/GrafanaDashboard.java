package io.narrowcast.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.narrowcast.deploy.PromQl.Selector;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * deploy/grafana/narrowcast.json, the Grafana dashboard of the detector's metrics, and the Prometheus
 * job of deploy/prometheus/scrape-config.yaml whose series it shows.
 */
record GrafanaDashboard(JsonNode json) {
  static final String FILE = "grafana/narrowcast.json";
  /** A query variable's query: the values of a label on the series of a selector. */
  private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.*),\\s*([A-Za-z_][A-Za-z0-9_]*)\\)");

  /** The scrape job: its name, and the labels Prometheus puts on its series that the detector does not export. */
  record ScrapeJob(String name, Set<String> targetLabels) {
    static ScrapeJob read() throws IOException {
      JsonNode job = ManifestsTest.YAML.readTree(ManifestsTest.DEPLOY.resolve("prometheus/scrape-config.yaml").toFile())
          .path("scrape_configs").get(0);
      Set<String> labels = new LinkedHashSet<>(List.of("job", "instance"));
      job.path("relabel_configs").forEach(r -> {
        if (r.has("target_label")) {
          labels.add(r.path("target_label").asText());
        }
      });
      return new ScrapeJob(job.path("job_name").asText(), Set.copyOf(labels));
    }
  }

  /** One series of a Prometheus text exposition (/metrics): its name and labels. */
  record Sample(String name, Map<String, String> labels) {
    /** The series of a Prometheus text exposition, comments left out. */
    static List<Sample> parse(String exposition) {
      List<Sample> samples = new ArrayList<>();
      for (String line : exposition.split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          samples.add(parseLine(line));
        }
      }
      return samples;
    }

    private static Sample parseLine(String line) {
      int brace = line.indexOf('{');
      int space = line.indexOf(' ');
      if (brace < 0 || brace > space) {
        return new Sample(line.substring(0, space), Map.of());
      }
      Map<String, String> labels = new LinkedHashMap<>();
      int at = brace + 1;
      while (line.charAt(at) != '}') {
        int equals = line.indexOf("=\"", at);
        String label = line.substring(at, equals);
        StringBuilder value = new StringBuilder();
        for (at = equals + 2; line.charAt(at) != '"'; at++) {
          char c = line.charAt(at);
          if (c == '\\') {
            c = line.charAt(++at) == 'n' ? '\n' : line.charAt(at);
          }
          value.append(c);
        }
        labels.put(label, value.toString());
        at++;
        if (line.charAt(at) == ',') {
          at++;
        }
      }
      return new Sample(line.substring(0, brace), labels);
    }
  }

  static GrafanaDashboard read() throws IOException {
    return new GrafanaDashboard(new ObjectMapper().readTree(ManifestsTest.DEPLOY.resolve(FILE).toFile()));
  }

  /** The panels, those inside rows included. */
  List<JsonNode> panels() {
    List<JsonNode> panels = new ArrayList<>();
    json.path("panels").forEach(panel -> {
      panels.add(panel);
      panel.path("panels").forEach(panels::add);
    });
    return panels;
  }

  /** The queries of each panel, by its title. */
  Map<String, List<PromQl>> panelQueries() {
    Map<String, List<PromQl>> queries = new LinkedHashMap<>();
    for (JsonNode panel : panels()) {
      List<PromQl> parsed = new ArrayList<>();
      panel.path("targets").forEach(target -> parsed.add(PromQl.parse(target.path("expr").asText())));
      queries.put(panel.path("title").asText(), parsed);
    }
    return queries;
  }

  /** The query of each query variable, by its name: its selector, and the label whose values it lists as grouping label. */
  Map<String, PromQl> variableQueries() {
    Map<String, PromQl> queries = new LinkedHashMap<>();
    json.path("templating").path("list").forEach(variable -> {
      if ("query".equals(variable.path("type").asText())) {
        String query = variable.path("query").path("query").asText();
        Matcher labelValues = LABEL_VALUES.matcher(query);
        if (!labelValues.matches()) {
          throw new IllegalArgumentException("variable " + variable.path("name").asText() + ": not label_values: " + query);
        }
        queries.put(variable.path("name").asText(),
            new PromQl(PromQl.parse(labelValues.group(1)).selectors(), Set.of(labelValues.group(2))));
      }
    });
    return queries;
  }

  /** Every query of the dashboard, the panels' and the variables'. */
  List<PromQl> queries() {
    List<PromQl> all = new ArrayList<>();
    panelQueries().values().forEach(all::addAll);
    all.addAll(variableQueries().values());
    return all;
  }

  /** The metric names every query reads. */
  Set<String> metrics() {
    Set<String> metrics = new LinkedHashSet<>();
    queries().forEach(query -> metrics.addAll(query.metrics()));
    return metrics;
  }

  /**
   * What the queries read that {@code samples} lack: a selector that no series matches, a grouping
   * label that no series it matched has. Labels that Prometheus adds ({@code targetLabels}) and
   * values holding Grafana variables match anything.
   */
  List<String> missingIn(List<Sample> samples, Set<String> targetLabels) {
    List<String> missing = new ArrayList<>();
    for (PromQl query : queries()) {
      List<Sample> read = new ArrayList<>();
      for (Selector selector : query.selectors()) {
        List<Sample> matched = samples.stream().filter(s -> matches(selector, s, targetLabels)).toList();
        if (matched.isEmpty()) {
          missing.add(selector.toString());
        }
        read.addAll(matched);
      }
      for (String label : query.groupingLabels()) {
        if (!targetLabels.contains(label) && !label.startsWith("$") && read.stream().noneMatch(s -> s.labels().containsKey(label))) {
          missing.add("label " + label + " of " + query.metrics());
        }
      }
    }
    return missing;
  }

  /** Whether {@code sample} is of the selector's metric and, where Prometheus will not add the label, matches its matchers. */
  private static boolean matches(Selector selector, Sample sample, Set<String> targetLabels) {
    return selector.metric().equals(sample.name()) && selector.matchers().stream().allMatch(m ->
        targetLabels.contains(m.label()) || m.value().contains("$") || test(m, sample.labels().getOrDefault(m.label(), "")));
  }

  private static boolean test(PromQl.Matcher matcher, String value) {
    return switch (matcher.op()) {
      case "=" -> value.equals(matcher.value());
      case "!=" -> !value.equals(matcher.value());
      case "=~" -> Pattern.matches(matcher.value(), value);
      default -> !Pattern.matches(matcher.value(), value);
    };
  }
}
