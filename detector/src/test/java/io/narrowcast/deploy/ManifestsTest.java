package io.narrowcast.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.narrowcast.cli.Main;
import io.narrowcast.config.DetectionConfig;
import io.narrowcast.metrics.DetectorMetrics;
import io.narrowcast.query.QueryServer;
import io.narrowcast.topics.Topic;
import io.narrowcast.topics.Topics;
import io.narrowcast.topology.DetectorTopology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** The manifests under deploy/ parse, and name the topics, options, paths and ports the code has. */
class ManifestsTest {
  static final Path DEPLOY = Path.of("..", "deploy");
  static final YAMLMapper YAML = new YAMLMapper();

  static Map<Path, List<JsonNode>> documents;
  static CommandSpec run;
  static Map<String, String> config;

  @BeforeAll
  static void read() throws IOException {
    try (Stream<Path> files = Files.walk(DEPLOY)) {
      documents = new TreeMap<>();
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
        try (var parser = YAML.getFactory().createParser(file.toFile())) {
          documents.put(DEPLOY.relativize(file), YAML.readValues(parser, JsonNode.class).readAll());
        }
      }
    }
    run = new CommandLine(new Main()).getSubcommands().get("run").getCommandSpec();
    config = strings(single("ConfigMap", "narrowcast").path("data"));
  }

  static List<JsonNode> resources(String kind) {
    return documents.entrySet().stream().filter(e -> !e.getKey().startsWith("prometheus"))
        .flatMap(e -> e.getValue().stream()).filter(d -> kind.equals(d.path("kind").asText())).toList();
  }

  static JsonNode single(String kind, String name) {
    List<JsonNode> found = resources(kind).stream().filter(d -> name.equals(d.path("metadata").path("name").asText())).toList();
    assertThat(found).as(kind + " " + name).hasSize(1);
    return found.get(0);
  }

  static Map<String, String> strings(JsonNode object) {
    Map<String, String> out = new TreeMap<>();
    object.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }

  static int port(String hostPort) {
    return Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
  }

  @Test
  void everyManifestParsesAndEveryKubernetesResourceIsNamed() {
    assertThat(documents.keySet()).extracting(Path::toString).contains(
        "kafka/topics.yaml", "kafka/internal-topics.yaml", "kafka/user.yaml", "k8s/configmap.yaml", "k8s/service.yaml",
        "k8s/statefulset.yaml", "prometheus/scrape-config.yaml");
    documents.forEach((file, docs) -> {
      assertThat(docs).as(file.toString()).isNotEmpty();
      if (!file.startsWith("prometheus")) {
        docs.forEach(d -> assertThat(List.of(d.path("apiVersion").asText(), d.path("kind").asText(),
            d.path("metadata").path("name").asText())).as(file.toString()).doesNotContain(""));
      }
    });
  }

  /** Every topic the code reads or writes, and every internal topic of the topology under the configured id. */
  static Set<String> topicsOfTheCode(String applicationId) {
    Set<String> external = Topics.ALL.stream().map(Topic::name).collect(Collectors.toSet());
    Set<String> topics = new TreeSet<>(external);
    TopologyDescription topology = DetectorTopology.build(DetectionConfig.defaults(), new DetectorMetrics()).describe();
    for (TopologyDescription.Subtopology sub : topology.subtopologies()) {
      for (TopologyDescription.Node node : sub.nodes()) {
        if (node instanceof TopologyDescription.Processor processor) {
          processor.stores().forEach(store -> topics.add(applicationId + "-" + store + "-changelog"));
        }
        if (node instanceof TopologyDescription.Sink sink && !external.contains(sink.topic())) {
          topics.add(applicationId + "-" + sink.topic());
        }
      }
    }
    return topics;
  }

  @Test
  void theKafkaTopicsAreExactlyTheTopicsOfTheCode() {
    Set<String> declared = resources("KafkaTopic").stream().map(t -> t.path("metadata").path("name").asText())
        .collect(Collectors.toCollection(TreeSet::new));

    assertThat(declared).isEqualTo(topicsOfTheCode(config.get("NARROWCAST_APPLICATION_ID")));
    assertThat(declared).contains("dns.events", "dns.events.dlq", "dns.alerts", "narrowcast-querier-sets-changelog",
        "narrowcast-window-progress-changelog", "narrowcast-events-rekeyed-repartition");
  }

  @Test
  void internalTopicsMatchTheInputAndChangelogsAreCompacted() {
    int eventPartitions = single("KafkaTopic", Topics.EVENTS.name()).path("spec").path("partitions").asInt();
    for (JsonNode topic : resources("KafkaTopic")) {
      String name = topic.path("metadata").path("name").asText();
      JsonNode spec = topic.path("spec");
      assertThat(spec.path("replicas").asInt()).as(name).isGreaterThanOrEqualTo(3);
      assertThat(spec.path("config").path("min.insync.replicas").asInt()).as(name).isEqualTo(2);
      String policy = spec.path("config").path("cleanup.policy").asText();
      if (name.endsWith("-changelog")) {
        // every store is a key-value or heap store: its records stay until tombstoned, whatever their age
        assertThat(policy).as(name).isEqualTo("compact");
        assertThat(spec.path("config").has("retention.ms")).as(name).isFalse();
        assertThat(spec.path("config").path("message.timestamp.type").asText()).as(name).isEqualTo("LogAppendTime");
      } else {
        assertThat(policy).as(name).isEqualTo("delete");
      }
      if (name.startsWith(config.get("NARROWCAST_APPLICATION_ID") + "-")) {
        assertThat(spec.path("partitions").asInt()).as(name).isEqualTo(eventPartitions);
      }
    }
  }

  @Test
  void theConfigMapSetsOnlyOptionsOfRun() {
    List<String> variables = new ArrayList<>(config.keySet());
    variables.add("NARROWCAST_HTTP_ADVERTISE"); // set in the StatefulSet from the pod's name
    for (String variable : variables) {
      String option = "--" + variable.substring("NARROWCAST_".length()).toLowerCase(Locale.ROOT).replace('_', '-');
      assertThat(run.findOption(option)).as(variable + " names " + option).isNotNull();
    }
    assertThat(Integer.parseInt(config.get("NARROWCAST_STANDBY_REPLICAS"))).isPositive();
  }

  @Test
  void portsAndPathsAgreeWithTheCode() {
    int port = port(config.get("NARROWCAST_HTTP_BIND"));
    assertThat(port).isEqualTo(port(run.findOption("--http-bind").defaultValue()));
    JsonNode pod = single("StatefulSet", "narrowcast").path("spec").path("template").path("spec");
    JsonNode container = pod.path("containers").get(0);
    assertThat(container.path("ports")).singleElement().satisfies(p -> {
      assertThat(p.path("name").asText()).isEqualTo("http");
      assertThat(p.path("containerPort").asInt()).isEqualTo(port);
    });
    assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo(QueryServer.READY_PATH);
    assertThat(container.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo(QueryServer.HEALTH_PATH);
    for (JsonNode service : resources("Service")) {
      assertThat(service.path("spec").path("ports")).singleElement().satisfies(p -> {
        assertThat(p.path("port").asInt()).isEqualTo(port);
        assertThat(p.path("targetPort").asText()).isEqualTo("http");
      });
    }
    String advertise = strings(envByName(container)).get("NARROWCAST_HTTP_ADVERTISE");
    assertThat(advertise).isEqualTo("$(POD_NAME).narrowcast-headless.$(POD_NAMESPACE).svc.cluster.local:" + port);
  }

  @Test
  void theStatefulSetKeepsStateOnItsVolumeAndFindsItsSecrets() {
    JsonNode set = single("StatefulSet", "narrowcast").path("spec");
    JsonNode headless = single("Service", set.path("serviceName").asText()).path("spec");
    assertThat(headless.path("clusterIP").asText()).isEqualTo("None");
    assertThat(headless.path("publishNotReadyAddresses").asBoolean()).isTrue();
    assertThat(set.path("replicas").asInt()).isGreaterThan(Integer.parseInt(config.get("NARROWCAST_STANDBY_REPLICAS")));

    Map<String, String> mounts = strings(mountsOf(set.path("template").path("spec").path("containers").get(0)));
    assertThat(mounts.get(set.path("volumeClaimTemplates").get(0).path("metadata").path("name").asText()))
        .isEqualTo(config.get("NARROWCAST_DATA_DIR"));
    assertThat(config.get("NARROWCAST_HTTP_TOKEN_FILE")).startsWith(mounts.get("secrets") + "/");
    assertThat(config.get("NARROWCAST_KAFKA_CONFIG")).startsWith(mounts.get("kafka-client") + "/");
  }

  @Test
  void prometheusScrapesTheMetricsPathOnTheHttpPortWithTheToken() {
    JsonNode job = documents.get(Path.of("prometheus", "scrape-config.yaml")).get(0).path("scrape_configs").get(0);
    assertThat(job.path("metrics_path").asText()).isEqualTo(QueryServer.METRICS_PATH);
    assertThat(job.path("authorization").path("credentials_file").asText()).isNotEmpty();
    List<String> kept = new ArrayList<>();
    job.path("relabel_configs").forEach(r -> {
      if ("keep".equals(r.path("action").asText())) {
        kept.add(r.path("source_labels").get(0).asText() + "=" + r.path("regex").asText());
      }
    });
    assertThat(kept).containsExactlyInAnyOrder("__meta_kubernetes_pod_label_app_kubernetes_io_name=narrowcast",
        "__meta_kubernetes_pod_container_port_name=http");
  }

  @Test
  void theKafkaUserMayUseExactlyTheDeclaredTopicsAndTheApplicationsPrefix() {
    String applicationId = config.get("NARROWCAST_APPLICATION_ID");
    Set<String> declared = topicsOfTheCode(applicationId);
    single("KafkaUser", "narrowcast").path("spec").path("authorization").path("acls").forEach(acl -> {
      JsonNode resource = acl.path("resource");
      switch (resource.path("type").asText()) {
        case "topic" -> {
          if ("prefix".equals(resource.path("patternType").asText())) {
            assertThat(resource.path("name").asText()).isEqualTo(applicationId + "-");
          } else {
            assertThat(declared).contains(resource.path("name").asText());
          }
        }
        case "group" -> assertThat(resource.path("name").asText()).isEqualTo(applicationId);
        case "transactionalId" -> assertThat(resource.path("name").asText()).isEqualTo(applicationId + "-");
        default -> assertThat(resource.path("type").asText()).isEqualTo("cluster");
      }
    });
  }

  private static JsonNode envByName(JsonNode container) {
    var out = YAML.createObjectNode();
    container.path("env").forEach(e -> out.put(e.path("name").asText(), e.path("value").asText()));
    return out;
  }

  private static JsonNode mountsOf(JsonNode container) {
    var out = YAML.createObjectNode();
    container.path("volumeMounts").forEach(m -> out.put(m.path("name").asText(), m.path("mountPath").asText()));
    return out;
  }
}
