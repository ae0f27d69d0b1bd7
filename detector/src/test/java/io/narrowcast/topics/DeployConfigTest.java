package io.narrowcast.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The files under deploy/ parse, and name the topics the detector really uses. */
class DeployConfigTest {
  static final Path DEPLOY = Path.of("..", "deploy");

  @Test
  void topicsYamlDefinesExactlyTheDetectorsTopics() throws IOException {
    List<String> names = new ArrayList<>();
    try (MappingIterator<JsonNode> resources = new ObjectMapper(new YAMLFactory())
        .readerFor(JsonNode.class).readValues(DEPLOY.resolve("kafka/topics.yaml").toFile())) {
      while (resources.hasNext()) {
        JsonNode resource = resources.next();
        assertThat(resource.get("kind").asText()).isEqualTo("KafkaTopic");
        names.add(resource.at("/metadata/name").asText());
      }
    }
    assertThat(names).containsExactlyInAnyOrderElementsOf(Topics.ALL.stream().map(Topic::name).toList());
  }

  @Test
  void theSplunkConnectorReadsTheOcsfTopicCommittedOnlyAsStrings() throws IOException {
    JsonNode config = new ObjectMapper().readTree(DEPLOY.resolve("siem/splunk-connect-for-kafka.json").toFile()).get("config");
    assertThat(config.get("connector.class").asText()).isEqualTo("com.splunk.kafka.connect.SplunkSinkConnector");
    assertThat(config.get("topics").asText()).isEqualTo(Topics.ALERTS_OCSF.name());
    assertThat(config.get("consumer.override.isolation.level").asText()).isEqualTo("read_committed");
    assertThat(config.get("value.converter").asText()).isEqualTo("org.apache.kafka.connect.storage.StringConverter");
    assertThat(config.get("splunk.hec.raw").asText()).isEqualTo("false");
    assertThat(config.get("splunk.hec.uri").asText()).startsWith("https://");
  }

  @Test
  void theLogstashPipelineReadsTheOcsfTopicIntoElasticsearch() throws IOException {
    var pipeline = LogstashConfig.parse(Files.readString(DEPLOY.resolve("siem/logstash-narrowcast-ocsf.conf")));

    assertThat(pipeline).containsOnlyKeys("input", "filter", "output");
    assertThat(pipeline.get("input")).singleElement().satisfies(kafka -> {
      assertThat(kafka.name()).isEqualTo("kafka");
      assertThat(kafka.settings()).containsEntry("topics", List.of(Topics.ALERTS_OCSF.name()))
          .containsEntry("isolation_level", "read_committed").containsEntry("codec", "json");
    });
    assertThat(pipeline.get("filter")).extracting(LogstashConfig.Plugin::name).containsExactly("date", "mutate", "mutate", "ruby");
    assertThat(pipeline.get("filter").get(0).settings()).containsEntry("match", List.of("time", "UNIX_MS"));
    assertThat(pipeline.get("filter").get(1).settings().get("add_field")).asInstanceOf(
        org.assertj.core.api.InstanceOfAssertFactories.MAP).containsEntry("[event][kind]", "alert");
    assertThat(pipeline.get("output")).singleElement().satisfies(es -> {
      assertThat(es.name()).isEqualTo("elasticsearch");
      assertThat(es.settings()).containsEntry("document_id", "%{[finding_info][uid]}-%{activity_id}-%{time}");
    });
  }

  @Test
  void theLogstashParserRefusesWhatItDoesNotKnow() {
    assertThatThrownBy(() -> LogstashConfig.parse("input { kafka { topics => [\"a\" }"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LogstashConfig.parse("filter { if [x] { drop {} } }"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("conditionals are not supported at line 1");
    assertThat(LogstashConfig.parse("# nothing\noutput { stdout { codec => rubydebug } }"))
        .isEqualTo(Map.of("output", List.of(new LogstashConfig.Plugin("stdout", Map.of("codec", "rubydebug")))));
  }
}
