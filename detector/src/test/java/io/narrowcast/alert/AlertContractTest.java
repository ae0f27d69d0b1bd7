package io.narrowcast.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.narrowcast.avro.Alert;
import io.narrowcast.cli.DocExample;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The contract's examples, frozen as files under src/test/resources/contract (docs/alerts.md shows the
 * same, wrapped): a change to the JSON line or the OCSF finding of the case's alerts fails here first.
 * A change on purpose updates the files, and docs/alerts.md, in the same commit.
 */
class AlertContractTest {
  static final ObjectMapper MAPPER = new ObjectMapper();

  static Stream<Arguments> examples() {
    return Stream.of(
        Arguments.of("alert-collapse.jsonl", AlertFixtures.collapseOpened()),
        Arguments.of("alert-collapse-closed.jsonl", AlertFixtures.collapseClosed()),
        Arguments.of("alert-rename.jsonl", AlertFixtures.rename()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void theJsonLineIsTheExample(String example, Alert alert) throws IOException {
    String line = resource(example).strip();
    assertThat(AlertJson.write(alert)).isEqualTo(line);
    assertThat(AlertJson.read(line)).isEqualTo(alert);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"alert-collapse.jsonl", "alert-rename.jsonl"})
  void theAlertsPageShowsTheExampleWrapped(String example) throws IOException {
    String line = resource(example).strip();
    String start = line.substring(0, line.indexOf(',')); // {"alert_id":"qc-...", unique to the example
    // wrapped at commas, with indents: the JSON line has no blank, so the lines stripped and joined are it
    assertThat(String.join("", DocExample.output("docs/alerts.md", start).output().stream().map(String::strip).toList()))
        .isEqualTo(line);
  }

  @Test
  void theRenameAsAnOcsfFinding() throws IOException {
    JsonNode expected = MAPPER.readTree(resource("ocsf-rename.json"));
    ObjectNode actual = OcsfFinding.render(AlertFixtures.rename(), Instant.parse("2016-09-28T00:00:00Z").toEpochMilli());
    ((ObjectNode) actual.at("/metadata/product")).put("version", "VERSION"); // the example holds for every release
    assertThat(MAPPER.readTree(actual.toString())).isEqualTo(expected); // as parsed: JSON numbers, not Java types
  }

  static String resource(String name) throws IOException {
    try (InputStream in = AlertContractTest.class.getResourceAsStream("/contract/" + name)) {
      assertThat(in).as("contract example %s", name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
