package io.narrowcast.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.narrowcast.avro.Answer;
import io.narrowcast.avro.DnsEvent;
import io.narrowcast.embedded.EmbeddedKafka;
import io.narrowcast.embedded.TestBroker;
import io.narrowcast.embedded.TopicContents;
import io.narrowcast.framestream.ControlType;
import io.narrowcast.framestream.FrameStreamClient;
import io.narrowcast.framestream.FrameStreamServer;
import io.narrowcast.framestream.FrameStreamWriter;
import io.narrowcast.framestream.ListenAddress;
import io.narrowcast.normalize.EventNormalizer;
import io.narrowcast.normalize.TimeRange;
import io.narrowcast.topics.DeadLetters;
import io.narrowcast.topics.Topics;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dnstap end to end on the embedded broker: a resolver's Frame Streams connection on 127.0.0.1 and a
 * resolver's dnstap file each deliver exactly their N messages to dns.events. The N messages are
 * queries and responses of N different transactions (a query and its own response would be one
 * event, which {@link SuricataEveParserTest} and {@link DnstapDecoderTest} cover).
 */
class DnstapIngestIT {
  static final int N = 40;
  static final Instant T0 = Instant.parse("2016-09-27T07:00:00Z");
  static EmbeddedKafka kafka;
  @TempDir
  static Path brokerDir;
  @TempDir
  Path work;

  @BeforeAll
  static void startBroker() throws InterruptedException {
    kafka = TestBroker.startWithTopics(brokerDir);
  }

  @AfterAll
  static void stopBroker() {
    if (kafka != null) {
      kafka.close();
    }
  }

  /** Message i: even ones are client queries over IPv4, odd ones responses to IPv6 clients (every fourth NXDOMAIN). */
  static byte[] message(int i) {
    Instant time = T0.plusSeconds(i);
    if (i % 2 == 0) {
      return DnstapMessages.query(i, "10.1.0." + i, 10_000 + i, "q" + i + ".example", i % 4 == 0 ? 1 : 28, time);
    }
    return DnstapMessages.response(i, "2001:db8::" + Integer.toHexString(i), 10_000 + i, "r" + i + ".example", 1, time,
        i % 4 == 3 ? null : "192.0.2." + i);
  }

  static List<byte[]> messages() {
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      out.add(message(i));
    }
    return out;
  }

  static void assertEveryMessageArrived(List<ConsumerRecord<String, byte[]>> records) {
    assertThat(records).hasSize(N);
    Map<String, DnsEvent> byName = records.stream()
        .map(r -> Topics.EVENTS.valueSerde().deserializer().deserialize(Topics.EVENTS.name(), r.value()))
        .collect(Collectors.toMap(DnsEvent::getQuery, Function.identity()));
    assertThat(records).allSatisfy(r -> assertThat(byName).containsKey(r.key()));
    for (int i = 0; i < N; i++) {
      DnsEvent event = byName.get((i % 2 == 0 ? "q" : "r") + i + ".example");
      assertThat(event).as("message %d", i).isNotNull();
      assertThat(event.getEventTime()).isEqualTo(T0.plusSeconds(i));
      assertThat(event.getSourcePort()).isEqualTo(10_000 + i);
      assertThat(event.getTransport()).isEqualTo("udp");
      if (i % 2 == 0) {
        assertThat(event.getSourceIp()).isEqualTo("10.1.0." + i);
        assertThat(event.getQtype()).isEqualTo(i % 4 == 0 ? 1 : 28);
        assertThat(event.getRcode()).isNull();
        assertThat(event.getAnswers()).isEmpty();
      } else {
        assertThat(event.getSourceIp()).isEqualTo("2001:db8::" + Integer.toHexString(i));
        assertThat(event.getRcode()).isEqualTo(i % 4 == 3 ? 3 : 0);
        assertThat(event.getAnswers()).isEqualTo(i % 4 == 3 ? List.of() : List.of(new Answer("A", 300L, "192.0.2." + i)));
      }
    }
  }

  private static KafkaEventSink sink() {
    return new KafkaEventSink(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
  }

  private static RecordRouter router(KafkaEventSink sink, IngestSummary summary) {
    return new RecordRouter(sink, summary, EventNormalizer.exact().within(TimeRange.defaults()));
  }

  @Test
  void aListenerOnLoopbackDeliversExactlyTheMessagesSent() throws IOException {
    long before = TopicContents.end(kafka.bootstrapServers(), Topics.EVENTS.name());
    IngestSummary summary = new IngestSummary();
    try (KafkaEventSink sink = sink()) {
      RecordRouter router = router(sink, summary);
      try (FrameStreamServer server = FrameStreamServer.start(ListenAddress.parse("tcp://127.0.0.1:0"),
          DnstapDecoder.CONTENT_TYPE, new DnstapFrames(new DnstapDecoder("it"), router));
          SocketChannel resolver = SocketChannel.open(server.address().address())) {
        FrameStreamClient.send(resolver, List.of(DnstapDecoder.CONTENT_TYPE), DnstapDecoder.CONTENT_TYPE, messages());
      } finally {
        router.finish(); // as the command does when it stops
      }
    }
    assertThat(summary.accepted()).isEqualTo(N);
    assertEveryMessageArrived(TopicContents.read(kafka.bootstrapServers(), Topics.EVENTS.name(), before));
  }

  @Test
  void aDnstapFileDeliversExactlyItsMessagesAndABadFrameIsADeadLetter() throws IOException {
    long eventsBefore = TopicContents.end(kafka.bootstrapServers(), Topics.EVENTS.name());
    long deadBefore = TopicContents.end(kafka.bootstrapServers(), Topics.DEAD_LETTERS.name());
    Path file = work.resolve("resolver.dnstap");
    try (OutputStream out = Files.newOutputStream(file)) {
      FrameStreamWriter writer = new FrameStreamWriter(out).control(ControlType.START, List.of(DnstapDecoder.CONTENT_TYPE));
      for (byte[] message : messages()) {
        writer.data(message);
      }
      writer.data(new byte[] {(byte) 0xff, 0x01}).control(ControlType.STOP, List.of()).flush();
    }
    IngestSummary summary = new IngestSummary();
    try (KafkaEventSink sink = sink()) {
      new FileIngestor(router(sink, summary)).ingest(List.of(file), Format.DNSTAP);
    }
    assertThat(summary.describe()).isEqualTo("read 41: accepted 40, rejected 1 (unparsable 1), skipped 0");
    assertEveryMessageArrived(TopicContents.read(kafka.bootstrapServers(), Topics.EVENTS.name(), eventsBefore));
    List<ConsumerRecord<String, byte[]>> dead = TopicContents.read(kafka.bootstrapServers(), Topics.DEAD_LETTERS.name(), deadBefore);
    assertThat(dead).singleElement().satisfies(record -> {
      assertThat(DeadLetters.header(record.headers(), DeadLetters.REASON)).isEqualTo("unparsable");
      assertThat(DeadLetters.header(record.headers(), DeadLetters.ORIGIN)).isEqualTo(file + "#42");
      assertThat(record.value()).containsExactly(0xff, 0x01);
    });
  }
}
