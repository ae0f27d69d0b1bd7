package io.narrowcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.narrowcast.alert.AlertJson;
import io.narrowcast.alert.OcsfFinding;
import io.narrowcast.avro.Alert;
import io.narrowcast.embedded.EmbeddedKafka;
import io.narrowcast.embedded.TestBroker;
import io.narrowcast.ingest.RejectReason;
import io.narrowcast.topics.DeadLetters;
import io.narrowcast.topics.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a cluster holds, as a person sees it: dlq shows dns.events.dlq in the order written, whatever
 * bytes were refused; alerts --ocsf shows dns.alerts.ocsf as its SIEM receives it, oldest first.
 */
class TopicViewsIT {
  static final String NL = System.lineSeparator();
  static final ObjectMapper MAPPER = new ObjectMapper();
  @TempDir
  static Path dir;
  static EmbeddedKafka kafka;
  static String collapse;
  static String closed;
  static String rename;

  @BeforeAll
  static void startBroker() throws Exception {
    kafka = TestBroker.startWithTopics(dir);
    deadLetters();
    findings();
  }

  static void deadLetters() throws Exception {
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
      // given, in the order produced, each at its own time:
      // a line that is no JSON,
      send(producer, "2026-05-01T12:00:01Z", "this is not json".getBytes(StandardCharsets.UTF_8),
          refused(RejectReason.UNPARSABLE, "not JSON: Unrecognized token 'this'", "dns.jsonl:2"));
      // a name in Latin-1, whose é is no UTF-8,
      send(producer, "2026-05-01T12:00:02Z", "{\"query\":\"caf\u00e9.example\"}".getBytes(StandardCharsets.ISO_8859_1),
          refused(RejectReason.BAD_CHARACTERS, "bad characters in name caf\uFFFD.example", "dns.jsonl:3"));
      // a tombstone, which is no dead letter and is skipped,
      send(producer, "2026-05-01T12:00:03Z", null, new RecordHeaders());
      // the end of a gzip file cut short, stamped before the two above but written after them,
      send(producer, "2026-05-01T12:00:00Z", new byte[0],
          refused(RejectReason.UNPARSABLE, "truncated gzip stream after line 9", "dns.log.gz:10"));
      // and the detector's: an Avro record from 2016 it could not decode, with its event time
      send(producer, "2016-05-04T09:30:00Z", new byte[] {(byte) 0xc3, 0x01, 0x7f, 0x00, 'a', '\\'},
          refused(RejectReason.UNPARSABLE, "not a DnsEvent: unknown schema fingerprint", "dns.events-0@42"));
    }
  }

  /** The findings of the contract's collapse, opened and closed, and of its rename, written out of time order, and a stray. */
  static void findings() throws Exception {
    collapse = OcsfFinding.json(contract("alert-collapse.jsonl"), Instant.parse("2016-05-05T00:00:00Z").toEpochMilli());
    closed = OcsfFinding.json(contract("alert-collapse-closed.jsonl"), Instant.parse("2016-09-24T00:00:00Z").toEpochMilli());
    String prettyRename = resource("ocsf-rename.json");
    rename = MAPPER.readTree(prettyRename).toString();
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
      for (String value : List.of(prettyRename, "not a finding", closed, collapse)) {
        producer.send(new ProducerRecord<>(Topics.ALERTS_OCSF.name(), "key", value)).get();
      }
    }
  }

  private static Alert contract(String name) throws IOException {
    return AlertJson.read(resource(name).strip());
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = TopicViewsIT.class.getResourceAsStream("/contract/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static Headers refused(RejectReason reason, String detail, String origin) {
    return DeadLetters.annotate(new RecordHeaders(), reason, detail, origin);
  }

  private static void send(KafkaProducer<String, byte[]> producer, String time, byte[] value, Headers headers) throws Exception {
    producer.send(new ProducerRecord<>(Topics.DEAD_LETTERS.name(), 0, Instant.parse(time).toEpochMilli(), "key", value, headers))
        .get();
  }

  @AfterAll
  static void stopBroker() {
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void dlqShowsEachDeadLetterInTheOrderWrittenWithTheBytesEscaped() {
    assertThat(Cli.run("dlq", "--bootstrap-servers", kafka.bootstrapServers())).isEqualTo(new Cli.Result(0, String.join(NL,
        "TIME (UTC)           REASON             ORIGIN                            DETAIL                                    RECORD",
        "2026-05-01 12:00:01  unparsable         dns.jsonl:2                       not JSON: Unrecognized token 'this'       "
            + "this is not json",
        "2026-05-01 12:00:02  bad characters     dns.jsonl:3                       bad characters in name caf\uFFFD.example       "
            + "{\"query\":\"caf\\xe9.example\"}",
        "2026-05-01 12:00:00  unparsable         dns.log.gz:10                     truncated gzip stream after line 9",
        "2016-05-04 09:30:00  unparsable         dns.events-0@42                   not a DnsEvent: unknown schema finger...  "
            + "\\xc3\\x01\\x7f\\x00a\\\\") + NL, ""));
  }

  @Test
  void dlqJsonHasEverythingAndFiltersByReasonAndTime() {
    assertThat(Cli.run("dlq", "--json", "--reason", "bad-characters", "--bootstrap-servers", kafka.bootstrapServers()))
        .isEqualTo(new Cli.Result(0, "{\"time\":\"2026-05-01T12:00:02Z\",\"reason\":\"bad characters\","
            + "\"detail\":\"bad characters in name caf\uFFFD.example\",\"origin\":\"dns.jsonl:3\","
            + "\"value\":\"{\\\"query\\\":\\\"caf\\\\xe9.example\\\"}\",\"value_base64\":\"eyJxdWVyeSI6ImNhZukuZXhhbXBsZSJ9\"}" + NL,
            ""));
    assertThat(Cli.run("dlq", "--json", "--since", "2026-05-01T12:00:00Z", "--reason", "unparsable",
        "--bootstrap-servers", kafka.bootstrapServers())).isEqualTo(new Cli.Result(0, String.join(NL,
        "{\"time\":\"2026-05-01T12:00:01Z\",\"reason\":\"unparsable\",\"detail\":\"not JSON: Unrecognized token 'this'\","
            + "\"origin\":\"dns.jsonl:2\",\"value\":\"this is not json\",\"value_base64\":\"dGhpcyBpcyBub3QganNvbg==\"}",
        "{\"time\":\"2026-05-01T12:00:00Z\",\"reason\":\"unparsable\",\"detail\":\"truncated gzip stream after line 9\","
            + "\"origin\":\"dns.log.gz:10\",\"value\":\"\",\"value_base64\":\"\"}") + NL, ""));
  }

  @Test
  void alertsOcsfShowsEachFindingAsOneLineOfJsonOldestFirstAndFiltersByKindAndTime() {
    assertThat(Cli.run("alerts", "--ocsf", "--bootstrap-servers", kafka.bootstrapServers()))
        .isEqualTo(new Cli.Result(0, String.join(NL, collapse, closed, rename) + NL, ""));
    assertThat(Cli.run("alerts", "--ocsf", "--kind", "rename", "--bootstrap-servers", kafka.bootstrapServers()))
        .isEqualTo(new Cli.Result(0, rename + NL, ""));
    assertThat(Cli.run("alerts", "--ocsf", "--since", "2016-09-01", "--kind", "collapse", "--bootstrap-servers",
        kafka.bootstrapServers())).isEqualTo(new Cli.Result(0, closed + NL, ""));
  }
}
