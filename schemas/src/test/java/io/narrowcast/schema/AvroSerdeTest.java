package io.narrowcast.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.narrowcast.avro.Alert;
import io.narrowcast.avro.Answer;
import io.narrowcast.avro.DnsEvent;
import io.narrowcast.avro.SourceShare;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {
  private final AvroSerde<DnsEvent> events = AvroSerde.of(DnsEvent.class);
  private final AvroSerde<Alert> alerts = AvroSerde.of(Alert.class);

  static DnsEvent sampleEvent() {
    return DnsEvent.newBuilder()
        .setEventTime(Instant.parse("2016-05-04T09:00:00Z"))
        .setSensor("ns1.cdcservices.com")
        .setSourceIp("217.12.96.15")
        .setSourcePort(53124)
        .setQuery("mail1.trump-email.com")
        .setQtype(1)
        .setRcode(0)
        .setAnswers(List.of(new Answer("A", 300L, "66.216.133.29")))
        .setTransport("udp")
        .build();
  }

  @Test
  void dnsEventRoundTrips() {
    DnsEvent event = sampleEvent();
    byte[] bytes = events.serialize("dns.events", event);
    assertThat(events.deserialize("dns.events", bytes)).isEqualTo(event);
  }

  @Test
  void dnsEventWithUnsetOptionalFieldsRoundTrips() {
    DnsEvent event = DnsEvent.newBuilder()
        .setEventTime(Instant.EPOCH).setSourceIp("::1").setQuery("example.com").build();
    DnsEvent back = events.deserialize("t", events.serialize("t", event));
    assertThat(back.getRcode()).isNull();
    assertThat(back.getSourcePort()).isNull();
    assertThat(back.getAnswers()).isEmpty();
    assertThat(back.getSensor()).isEmpty();
  }

  @Test
  void alertRoundTrips() {
    Alert alert = Alert.newBuilder()
        .setAlertId("id").setKind("QUERIER_COLLAPSE").setDomain("mail1.trump-email.com")
        .setWindowStart(Instant.parse("2016-05-04T00:00:00Z"))
        .setWindowEnd(Instant.parse("2016-05-05T00:00:00Z"))
        .setSources(List.of(new SourceShare("217.12.96.15", 12L, 0.4)))
        .setBaselineSources(120).setScore(0.9).setSeverity("high")
        .build();
    assertThat(alerts.deserialize("dns.alerts", alerts.serialize("dns.alerts", alert))).isEqualTo(alert);
  }

  @Test
  void nullStaysNull() {
    assertThat(events.serialize("t", null)).isNull();
    assertThat(events.deserialize("t", null)).isNull();
  }

  @Test
  void releasedVersion1DnsEventBytesStillDecode() throws IOException {
    DnsEvent event = events.deserialize("dns.events", golden("DnsEvent.v1.bin"));
    assertThat(event).isEqualTo(sampleEvent());
  }

  @Test
  void releasedVersion1AlertBytesStillDecode() throws IOException {
    Alert alert = alerts.deserialize("dns.alerts", golden("Alert.v1.bin"));
    assertThat(alert.getAlertId()).isEqualTo("qc-0123456789abcdef");
    assertThat(alert.getDomain()).isEqualTo("mail1.trump-email.com");
    assertThat(alert.getPreviousDomain()).isNull();
    assertThat(alert.getWindowStart()).isEqualTo(Instant.parse("2016-05-04T00:00:00Z"));
    assertThat(alert.getSources()).containsExactly(new SourceShare("217.12.96.15", 40L, 0.4));
    assertThat(alert.getBaselineSources()).isEqualTo(120L);
    assertThat(alert.getSeverity()).isEqualTo("high");
    assertThat(alert.getStatus()).as("a v1 alert had no status: read as new").isEqualTo("new");
    assertThat(alert.getFirstQuerierShared()).isNull();
    assertThat(alert.getCloseReason()).isNull();
  }

  @Test
  void releasedVersion2AlertBytesStillDecode() throws IOException {
    Alert alert = alerts.deserialize("dns.alerts", golden("Alert.v2.bin"));
    assertThat(alert.getKind()).isEqualTo("RENAME_FOLLOW");
    assertThat(alert.getPreviousDomain()).isEqualTo("mail1.trump-email.com");
    assertThat(alert.getSharedAnswers()).containsExactly("66.216.133.29");
    assertThat(alert.getLagSeconds()).isEqualTo(321_000L);
    assertThat(alert.getStatus()).isEqualTo("new");
    assertThat(alert.getFirstQuerierShared()).isTrue();
  }

  @Test
  void garbageIsASerializationErrorNotACrash() {
    assertThatThrownBy(() -> events.deserialize("dns.events", new byte[] {1, 2, 3}))
        .isInstanceOf(SerializationException.class);
  }

  @Test
  void unknownSchemaFingerprintIsASerializationError() throws IOException {
    byte[] bytes = golden("DnsEvent.v1.bin");
    bytes[2] ^= 0x55; // the fingerprint follows the two-byte marker
    assertThatThrownBy(() -> events.deserialize("dns.events", bytes))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("MissingSchemaException");
  }

  @Test
  void truncatedMessageIsASerializationError() throws IOException {
    byte[] bytes = golden("DnsEvent.v1.bin");
    byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length / 2);
    assertThatThrownBy(() -> events.deserialize("dns.events", cut)).isInstanceOf(SerializationException.class);
  }

  static byte[] golden(String name) throws IOException {
    try (InputStream in = AvroSerdeTest.class.getResourceAsStream("/golden/" + name)) {
      assertThat(in).as("golden file %s", name).isNotNull();
      return in.readAllBytes();
    }
  }
}
