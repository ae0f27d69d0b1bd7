package io.narrowcast.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.narrowcast.avro.Alert;
import io.narrowcast.avro.DnsEvent;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fails when a change to a schema breaks a released version: the current schema must read every
 * released version (new consumers, old data) and every released version must read the current one
 * (consumers not yet upgraded, new data). To release, copy the current schema to the next vN.avsc.
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

  private static void assertCompatible(Schema reader, Schema writer, String what) {
    var result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
    var problems = result.getResult().getIncompatibilities().stream()
        .map(i -> i.getType() + " at " + i.getLocation() + " (" + i.getMessage() + ")").toList();
    assertThat(result.getType()).as("%s: %s", what, problems).isEqualTo(SchemaCompatibilityType.COMPATIBLE);
  }
}
