package io.narrowcast.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.narrowcast.avro.Alert;
import io.narrowcast.avro.Answer;
import io.narrowcast.avro.DnsEvent;
import io.narrowcast.avro.SourceShare;
import io.narrowcast.config.DetectionConfig;
import io.narrowcast.embedded.EmbeddedKafka;
import io.narrowcast.ingest.Format;
import io.narrowcast.ingest.JsonlEventWriter;
import io.narrowcast.runtime.StreamsSettings;
import io.narrowcast.simulate.AlfaScenario;
import io.narrowcast.simulate.BackgroundOptions;
import io.narrowcast.topics.DeadLetters;
import io.narrowcast.topics.Topics;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The replay path end to end on the embedded broker, with exactly-once processing. */
class ReplayIT {
  static final Path REAL = Path.of("..", "..", "shared", "data", "real");
  static EmbeddedKafka kafka;
  @TempDir
  static Path brokerDir;
  @TempDir
  Path work;

  @BeforeAll
  static void startBroker() {
    kafka = EmbeddedKafka.start(brokerDir);
  }

  @AfterAll
  static void stopBroker() {
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void theDetectorRunsExactlyOnce() {
    var props = StreamsSettings.detector("id", "localhost:1", work, Map.of());
    assertThat(props.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
  }

  @Test
  void theCaseRaisesItsCollapseAndRenameOnTheEmbeddedBrokerAndBackgroundStaysQuiet() throws Exception {
    Path events = caseEvents();
    List<Alert> fired = new ArrayList<>();
    // own broker: Replay.run(request) starts and stops one, as the CLI does
    ReplayResult result = Replay.run(new ReplayRequest(List.of(events), Format.JSONL, DetectionConfig.defaults(), 2,
        fired::add, null));

    assertThat(result.alerts()).isEqualTo(fired);
    assertThat(result.eventsDetected()).isEqualTo(result.ingest().accepted());
    assertThat(fired).extracting(Alert::getDomain).containsOnly(MAIL1, TRUMP1);
    Alert opened = fired.stream().filter(a -> a.getStatus().equals("new") && a.getDomain().equals(MAIL1)).findFirst().orElseThrow();
    assertThat(opened.getKind()).isEqualTo("QUERIER_COLLAPSE");
    assertThat(opened.getWindowStart()).isEqualTo(Instant.parse("2016-05-04T00:00:00Z"));
    assertThat(opened.getSources()).extracting(SourceShare::getSource).hasSizeGreaterThanOrEqualTo(3)
        .startsWith(opened.getSources().get(0).getSource()) // the three make most lookups; strays may follow
        .contains("217.12.96.15", "217.12.97.15", "167.73.110.8");
    assertThat(opened.getSources().stream().limit(3).mapToDouble(SourceShare::getShare).sum()).isGreaterThan(0.9);
    assertThat(opened.getSources().stream().mapToDouble(SourceShare::getShare).sum()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.001));
    assertThat(fired).filteredOn(a -> a.getDomain().equals(MAIL1)).last().satisfies(closed -> {
      assertThat(closed.getStatus()).isEqualTo("closed");
      assertThat(closed.getAlertId()).isEqualTo(opened.getAlertId());
      assertThat(closed.getCloseReason()).isEqualTo("the name stopped resolving (NXDOMAIN)");
    });
    assertThat(fired).filteredOn(a -> a.getDomain().equals(TRUMP1)).first().satisfies(rename -> {
      assertThat(rename.getKind()).isEqualTo("RENAME_FOLLOW");
      assertThat(rename.getStatus()).isEqualTo("new");
      assertThat(rename.getPreviousDomain()).isEqualTo(MAIL1);
      assertThat(rename.getWindowStart()).isEqualTo(Instant.parse("2016-09-27T00:00:00Z"));
      assertThat(rename.getSharedAnswers()).containsExactly("66.216.133.29");
      assertThat(rename.getFirstQuerierShared()).isTrue();
      assertThat(rename.getSources()).extracting(SourceShare::getSource).contains("217.12.96.15");
    });
  }

  @Test
  void byRegisteredDomainNoLookupIsLateAndTheCaseIsFoundUnderItsRegisteredDomains() throws Exception {
    DetectionConfig byRegisteredDomain = DetectionConfig.defaults().toBuilder()
        .domainGranularity(DetectionConfig.DomainGranularity.REGISTERED_DOMAIN).build();
    ReplayResult result = Replay.run(new ReplayRequest(List.of(caseEvents()), Format.JSONL, byRegisteredDomain, 1,
        alert -> { }, null));

    // most names are re-keyed to their registered domain; they must not fall behind the rest
    assertThat(result.lateDropped()).isZero();
    assertThat(result.eventsDetected()).isEqualTo(result.ingest().accepted());
    assertThat(result.alerts()).extracting(Alert::getKind, Alert::getDomain, Alert::getStatus).containsExactly(
        tuple("QUERIER_COLLAPSE", "trump-email.com", "new"),
        tuple("QUERIER_COLLAPSE", "trump-email.com", "update"),
        tuple("QUERIER_COLLAPSE", "trump-email.com", "closed"),
        tuple("RENAME_FOLLOW", "contact-client.com", "new"));
    assertThat(result.alerts().get(3).getPreviousDomain()).isEqualTo("trump-email.com");
  }

  /** The case of CASE.md with a small background, as JSON lines. */
  private Path caseEvents() throws IOException {
    Path events = work.resolve("alfa.jsonl");
    try (OutputStream out = Files.newOutputStream(events); JsonlEventWriter writer = new JsonlEventWriter(out)) {
      new AlfaScenario(7, new BackgroundOptions(300, 400, 300)).generate(writer::write);
    }
    return events;
  }

  @Test
  void aRenameIsFoundWhenTheTwoNamesLiveOnDifferentPartitions() throws Exception {
    String oldName = "portal.old-brand.com";
    String newName = "portal.new-brand.net";
    int partitions = 4;
    assertThat(partition(oldName, partitions)).isNotEqualTo(partition(newName, partitions));
    Path log = work.resolve("rename.jsonl");
    Instant day0 = Instant.parse("2021-03-01T00:00:00Z");
    try (OutputStream out = Files.newOutputStream(log); JsonlEventWriter writer = new JsonlEventWriter(out)) {
      for (int day = 0; day < 36; day++) { // 35 answered days: past the 30-day new-name lookback
        for (String source : List.of("198.51.100.10", "198.51.100.11", "198.51.100.12")) {
          writer.write(lookup(oldName, source, day0.plus(Duration.ofDays(day).plusHours(9)), 0));
        }
        writer.write(lookup("unrelated-" + day + ".example", "203.0.113." + day, day0.plus(Duration.ofDays(day).plusHours(10)), 0));
      }
      writer.write(lookup(oldName, "198.51.100.10", day0.plus(Duration.ofDays(36).plusHours(9)), 3));
      writer.write(lookup(oldName, "198.51.100.11", day0.plus(Duration.ofDays(36).plusHours(10)), 3)); // still NXDOMAIN: dark
      writer.write(lookup(newName, "198.51.100.11", day0.plus(Duration.ofDays(38).plusHours(8)), 0));
      writer.write(lookup(newName, "198.51.100.12", day0.plus(Duration.ofDays(38).plusHours(9)), 0));
    }
    ReplayResult result = Replay.run(new ReplayRequest(List.of(log), Format.JSONL, DetectionConfig.defaults(), partitions,
        a -> { }, null));
    assertThat(result.alerts()).filteredOn(a -> a.getKind().equals("RENAME_FOLLOW")).singleElement().satisfies(rename -> {
      assertThat(rename.getDomain()).isEqualTo(newName);
      assertThat(rename.getPreviousDomain()).isEqualTo(oldName);
      assertThat(rename.getSources()).extracting(SourceShare::getSource).containsExactly("198.51.100.11", "198.51.100.12");
      assertThat(rename.getLagSeconds()).isEqualTo(Duration.ofHours(47).toSeconds());
      assertThat(rename.getFirstQuerierShared()).isTrue();
    });
  }

  static final String MAIL1 = "mail1.trump-email.com";
  static final String TRUMP1 = "trump1.contact-client.com";

  static int partition(String key, int partitions) {
    return Utils.toPositive(Utils.murmur2(key.getBytes(java.nio.charset.StandardCharsets.UTF_8))) % partitions;
  }

  static DnsEvent lookup(String name, String source, Instant time, int rcode) {
    return DnsEvent.newBuilder().setEventTime(time).setSensor("it").setSourceIp(source).setQuery(name).setQtype(1)
        .setRcode(rcode).setAnswers(rcode == 0 ? List.of(new Answer("A", 60L, "192.0.2.44")) : List.of()).build();
  }

  @Test
  void badLinesLandOnTheDeadLetterTopicWithTheirReason() throws Exception {
    Path log = work.resolve("dns.jsonl");
    Files.writeString(log, String.join("\n",
        "{\"event_time\":\"2020-01-01T00:00:00Z\",\"source_ip\":\"10.0.0.1\",\"query\":\"a.example\"}",
        "this is not json",
        "{\"event_time\":\"2020-01-01T00:00:01Z\",\"source_ip\":\"10.0.0.1\",\"query\":\"b..example\"}",
        "{\"event_time\":\"2020-01-01T00:00:02Z\",\"source_ip\":\"10.0.0.2\",\"query\":\"c.example\"}") + "\n");
    ReplayResult result = Replay.run(new ReplayRequest(List.of(log), Format.JSONL, DetectionConfig.defaults(), 1,
        alert -> { }, null), kafka.bootstrapServers(), work.resolve("state"));

    assertThat(result.ingest().accepted()).isEqualTo(2);
    assertThat(result.eventsDetected()).isEqualTo(2);
    List<ConsumerRecord<String, byte[]>> dead = readAll(Topics.DEAD_LETTERS.name());
    assertThat(dead).extracting(r -> DeadLetters.header(r.headers(), DeadLetters.REASON))
        .containsExactly("unparsable", "bad characters");
    assertThat(dead).extracting(r -> DeadLetters.header(r.headers(), DeadLetters.ORIGIN))
        .containsExactly(log + ":2", log + ":3");
    assertThat(new String(dead.get(0).value())).isEqualTo("this is not json");
  }

  @Test
  void everyRealZeekLogReplaysWithItsCountsConserved() throws IOException, InterruptedException {
    Assumptions.assumeTrue(Files.isDirectory(REAL), "../shared/data/real is not beside the project");
    for (Format format : List.of(Format.ZEEK, Format.ZEEK_JSON)) {
      List<Path> files = realFiles(format);
      assertThat(files).isNotEmpty();
      ReplayResult result = Replay.run(new ReplayRequest(files, format, DetectionConfig.defaults(), 1, a -> { }, null));
      var in = result.ingest();
      assertThat(in.read()).isEqualTo(in.accepted() + in.rejected() + in.skipped());
      assertThat(in.accepted()).isPositive();
      assertThat(result.eventsDetected()).isEqualTo(in.accepted());
    }
  }

  static List<Path> realFiles(Format format) throws IOException {
    try (Stream<Path> all = Files.walk(REAL)) {
      return all.filter(Files::isRegularFile)
          .filter(p -> p.toString().contains("dns") && !p.toString().contains("suricata") && !p.toString().endsWith(".md"))
          .filter(p -> format == Format.ZEEK_JSON == isJson(p))
          .sorted().toList();
    }
  }

  private static boolean isJson(Path file) {
    try (var reader = Files.newBufferedReader(file)) {
      String first = reader.readLine();
      return first != null && first.startsWith("{");
    } catch (IOException e) {
      return false; // gzip: TSV in this data set
    }
  }

  private List<ConsumerRecord<String, byte[]>> readAll(String topic) {
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new ByteArrayDeserializer())) {
      TopicPartition partition = new TopicPartition(topic, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long end = consumer.endOffsets(List.of(partition)).get(partition);
      List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
      while (consumer.position(partition) < end) {
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
      }
      return out;
    }
  }
}
