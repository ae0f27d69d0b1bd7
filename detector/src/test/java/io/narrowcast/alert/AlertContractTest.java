package io.narrowcast.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.narrowcast.avro.Alert;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The contract's examples, frozen as files under src/test/resources/contract (the README shows the
 * same): a change to the JSON line or the OCSF finding of the case's alerts fails here first. A change
 * on purpose updates the files, and the README, in the same commit.
 */
class AlertContractTest {
  static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void theCollapseAsAJsonLine() throws IOException {
    String line = resource("alert-collapse.jsonl").strip();
    assertThat(AlertJson.write(AlertFixtures.collapseOpened())).isEqualTo(line);
    assertThat(AlertJson.read(line)).isEqualTo(AlertFixtures.collapseOpened());
  }

  @Test
  void theClosedCollapseAsAJsonLine() throws IOException {
    String line = resource("alert-collapse-closed.jsonl").strip();
    assertThat(AlertJson.write(AlertFixtures.collapseClosed())).isEqualTo(line);
    assertThat(AlertJson.read(line)).isEqualTo(AlertFixtures.collapseClosed());
  }

  @Test
  void theRenameAsAJsonLine() throws IOException {
    String line = resource("alert-rename.jsonl").strip();
    assertThat(AlertJson.write(AlertFixtures.rename())).isEqualTo(line);
    assertThat(AlertJson.read(line)).isEqualTo(AlertFixtures.rename());
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
