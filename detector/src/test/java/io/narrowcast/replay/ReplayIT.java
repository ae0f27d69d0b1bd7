package io.narrowcast.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.narrowcast.avro.Alert;
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
  void theCaseRaisesTheCollapseOnTheEmbeddedBrokerAndBackgroundStaysQuiet() throws Exception {
    Path events = work.resolve("alfa.jsonl");
    try (OutputStream out = Files.newOutputStream(events); JsonlEventWriter writer = new JsonlEventWriter(out)) {
      new AlfaScenario(7, new BackgroundOptions(300, 400, 300)).generate(writer::write);
    }
    List<Alert> fired = new ArrayList<>();
    // own broker: Replay.run(request) starts and stops one, as the CLI does
    ReplayResult result = Replay.run(new ReplayRequest(List.of(events), Format.JSONL, DetectionConfig.defaults(), 2,
        fired::add, null));

    assertThat(result.alerts()).isEqualTo(fired);
    assertThat(result.eventsDetected()).isEqualTo(result.ingest().accepted());
    assertThat(result.alerts()).singleElement().satisfies(alert -> {
      assertThat(alert.getKind()).isEqualTo("QUERIER_COLLAPSE");
      assertThat(alert.getDomain()).isEqualTo("mail1.trump-email.com");
      assertThat(alert.getWindowStart()).isEqualTo(Instant.parse("2016-05-04T00:00:00Z"));
      assertThat(alert.getSources()).extracting(SourceShare::getSource)
          .containsExactlyInAnyOrder("217.12.96.15", "217.12.97.15", "167.73.110.8");
      assertThat(alert.getSources().stream().mapToDouble(SourceShare::getShare).sum()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.001));
    });
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
