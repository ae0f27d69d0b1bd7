package io.narrowcast.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.narrowcast.avro.Alert;
import io.narrowcast.avro.DnsEvent;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fails when a change to a schema breaks a released version: the current schema must read every
 * released version (new consumers, old data) and every released version must read the current one
 * (consumers not yet upgraded, new data). The current schema must be the latest release: to change it,
 * copy the changed schema to the next vN.avsc (and add its golden bytes), in the same change.
 */
class SchemaCompatibilityTest {

  static Stream<Arguments> releasedVersions() {
    return Stream.of(DnsEvent.getClassSchema(), Alert.getClassSchema()).flatMap(current -> {
      List<Schema> released = ReleasedSchemas.of(current.getName());
      assertThat(released).as("released versions of %s", current.getName()).isNotEmpty();
      return java.util.stream.IntStream.range(0, released.size())
          .mapToObj(i -> Arguments.of(current.getName() + " v" + (i + 1), current, released.get(i)));
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("releasedVersions")
  void currentReadsReleased(String label, Schema current, Schema released) {
    assertCompatible(current, released, label + " written, current reading");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("releasedVersions")
  void releasedReadsCurrent(String label, Schema current, Schema released) {
    assertCompatible(released, current, "current written, " + label + " reading");
  }

  /**
   * A message carries its writer schema's fingerprint, and a reader only decodes fingerprints it
   * knows, which are the released versions: a producer must never write with an unreleased schema.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("currentSchemas")
  void theCurrentSchemaIsTheLatestRelease(String name, Schema current) {
    List<Schema> released = ReleasedSchemas.of(name);
    assertThat(SchemaNormalization.parsingFingerprint64(current))
        .as("%s differs from its latest release v%d: copy it to released/%s/v%d.avsc to release it",
            name, released.size(), name, released.size() + 1)
        .isEqualTo(SchemaNormalization.parsingFingerprint64(released.get(released.size() - 1)));
  }

  static Stream<Arguments> currentSchemas() {
    return Stream.of(DnsEvent.getClassSchema(), Alert.getClassSchema()).map(s -> Arguments.of(s.getName(), s));
  }

  private static void assertCompatible(Schema reader, Schema writer, String what) {
    var result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
    var problems = result.getResult().getIncompatibilities().stream()
        .map(i -> i.getType() + " at " + i.getLocation() + " (" + i.getMessage() + ")").toList();
    assertThat(result.getType()).as("%s: %s", what, problems).isEqualTo(SchemaCompatibilityType.COMPATIBLE);
  }
}
