package io.narrowcast.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.collect.Lists;
import io.narrowcast.avro.Answer;
import io.narrowcast.avro.DnsEvent;
import io.narrowcast.cli.NarrowcastProcess;
import io.narrowcast.config.DetectionConfig;
import io.narrowcast.embedded.EmbeddedKafka;
import io.narrowcast.embedded.TopicContents;
import io.narrowcast.ingest.InvalidRecordException;
import io.narrowcast.normalize.DomainNames;
import io.narrowcast.normalize.TimeRange;
import io.narrowcast.topics.Control;
import io.narrowcast.topics.DeadLetters;
import io.narrowcast.topics.Topics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records that are not events (raw garbage, JSON, a tombstone, events written with a schema from the
 * future), schema-valid events with values no sensor sends (a time in 2099 or before the epoch, a
 * name longer than DNS allows) and a tick no detector signed sit between the workload's events on
 * every partition of dns.events. Each goes to dns.events.dlq with its reason, its origin and its
 * original bytes, and is counted; events with extreme but harmless values (a half-megabyte answer,
 * out-of-range numbers) are taken in, the answer left out; the events around them are processed as
 * if the poison were not there.
 */
@Tag("reliability")
class PoisonRecordIT {
  /** Bytes a newer release might write: DnsEvent plus a field, so its fingerprint is unknown here. */
  static final Schema FUTURE_EVENT = futureEventSchema();
  private static final HexFormat HEX = HexFormat.of();
  private static final long GARBAGE_SEED = 8;

  @TempDir
  Path work;

  /** A record on the dead-letter topic: its key, the reason and origin headers, the detail, the value in hex. */
  record DeadLetter(String key, String reason, String origin, String detail, String value) {}

  @Test
  void poisonGoesToTheDeadLetterTopicCountedAndTheEventsAroundItStillAlert() throws Exception {
    AlertTopics expected = Uninterrupted.alerts(DetectorRig.PARTITIONS);
    List<String> lines = Workload.lines();
    try (EmbeddedKafka kafka = EmbeddedKafka.start(work.resolve("broker"));
        DetectorRig rig = new DetectorRig(kafka.bootstrapServers(), "narrowcast-poison", work)) {
      NarrowcastProcess detector = rig.start("detector");
      List<DeadLetter> expectedDeadLetters = new ArrayList<>();
      List<List<String>> quarters = Lists.partition(lines, (lines.size() + 3) / 4);
      int rounds = quarters.size() - 1;
      try (Feed feed = new Feed(kafka.bootstrapServers()); KafkaProducer<String, byte[]> producer = producer(kafka)) {
        for (int q = 0; q < quarters.size(); q++) {
          feed.lines(quarters.get(q));
          if (q < rounds) {
            expectedDeadLetters.addAll(poisonEveryPartition(producer, lines.get(q)));
          }
        }
        feed.closeLastWindows(DetectionConfig.defaults());
      }
      rig.awaitCaughtUp(detector);

      AlertTopics.read(kafka.bootstrapServers()).assertSameAs(expected);
      // each poison record once on the dead-letter topic: its key, reason, where it was, why, its bytes
      assertThat(TopicContents.readAll(kafka.bootstrapServers(), Topics.DEAD_LETTERS.name()))
          .extracting(r -> new DeadLetter(r.key(), DeadLetters.header(r.headers(), DeadLetters.REASON),
              DeadLetters.header(r.headers(), DeadLetters.ORIGIN),
              withoutClock(DeadLetters.header(r.headers(), DeadLetters.DETAIL)), HEX.formatHex(r.value())))
          .containsExactlyInAnyOrderElementsOf(expectedDeadLetters);
      assertThat(detector.metrics(null)).containsAllEntriesOf(Map.of(
          "narrowcast_events_in_total", (double) lines.size() + HARMLESS_PER_PARTITION * rounds * DetectorRig.PARTITIONS,
          "narrowcast_events_rejected_total{reason=\"unparsable\"}", (double) count(expectedDeadLetters, "unparsable"),
          "narrowcast_events_rejected_total{reason=\"time out of range\"}", (double) count(expectedDeadLetters, "time out of range"),
          "narrowcast_events_rejected_total{reason=\"name too long\"}", (double) count(expectedDeadLetters, "name too long")));
    }
  }

  /**
   * One record of each kind of poison on each partition, and the dead letters they must become. The
   * JSON line stands for a producer that sends JSON to the Avro topic; the truncated event has a
   * known fingerprint and too few bytes after it.
   */
  private static List<DeadLetter> poisonEveryPartition(KafkaProducer<String, byte[]> producer, String jsonLine)
      throws Exception {
    byte[] garbage = new byte[64];
    SplittableRandom random = new SplittableRandom(GARBAGE_SEED);
    for (int i = 0; i < garbage.length; i++) {
      garbage[i] = (byte) random.nextInt(256);
    }
    byte[] event = Topics.EVENTS.valueSerde().serializer().serialize(Topics.EVENTS.name(), DnsEvent.newBuilder()
        .setEventTime(Instant.parse("2016-05-04T10:00:00Z")).setSourceIp("192.0.2.1").setQuery("cut.example").build());
    List<DeadLetter> dead = new ArrayList<>();
    for (int partition = 0; partition < DetectorRig.PARTITIONS; partition++) {
      dead.add(send(producer, partition, "poison-garbage", garbage, badHeader(garbage)));
      byte[] json = jsonLine.getBytes(StandardCharsets.UTF_8);
      dead.add(send(producer, partition, "poison-json", json, badHeader(json)));
      dead.add(send(producer, partition, "poison-empty", new byte[0],
          "BadHeaderException: not a single-object message: no bytes"));
      dead.add(send(producer, partition, "poison-tombstone", null, "record without a value"));
      dead.add(send(producer, partition, "poison-truncated", Arrays.copyOf(event, event.length / 2),
          "EOFException: Attempted to read 9 bytes, but only 4 bytes are available"));
      dead.add(send(producer, partition, "poison-future-schema", futureEvent(),
          "MissingSchemaException: no released schema has fingerprint "
              + Long.toHexString(SchemaNormalization.parsingFingerprint64(FUTURE_EVENT))));
      dead.add(send(producer, partition, "poison-2099", encode(edge("far-future.example", FAR_FUTURE)),
          "time out of range", withoutClock(refusal(() -> TimeRange.defaults().check(FAR_FUTURE)))));
      Instant longAgo = Instant.ofEpochMilli(Long.MIN_VALUE);
      dead.add(send(producer, partition, "poison-before-1970", encode(edge("far-past.example", longAgo)),
          "time out of range", refusal(() -> TimeRange.defaults().check(longAgo))));
      String longName = "a".repeat(60) + ("." + "b".repeat(60)).repeat(4) + ".example";
      dead.add(send(producer, partition, "poison-long-name", encode(edge(longName)), "name too long",
          refusal(() -> DomainNames.normalize(longName))));
      RecordHeaders tick = new RecordHeaders();
      tick.add(Control.HEADER, Control.TICK.getBytes(StandardCharsets.UTF_8));
      tick.add(Control.TIME, Long.toString(FAR_FUTURE.toEpochMilli()).getBytes(StandardCharsets.UTF_8));
      dead.add(send(producer, new ProducerRecord<>(Topics.EVENTS.name(), partition, "poison-forged-tick", null, tick),
          "unparsable", "a control record not signed with this detector's control key"));
      // taken in: values no sensor sends, but nothing a detector cannot hold (HARMLESS_PER_PARTITION of them)
      DnsEvent giantAnswer = edge("giant-answer.example");
      giantAnswer.setAnswers(List.of(new Answer("TXT", 60L, "x".repeat(500_000))));
      producer.send(new ProducerRecord<>(Topics.EVENTS.name(), partition, "giant-answer.example", encode(giantAnswer))).get();
      DnsEvent extremes = edge("extremes.example");
      extremes.setSourcePort(Integer.MIN_VALUE);
      extremes.setQtype(Integer.MAX_VALUE);
      extremes.setRcode(-1);
      producer.send(new ProducerRecord<>(Topics.EVENTS.name(), partition, "extremes.example", encode(extremes))).get();
    }
    return dead;
  }

  /** Events of {@link #poisonEveryPartition} that are taken in, on each partition. */
  static final int HARMLESS_PER_PARTITION = 2;
  static final Instant FAR_FUTURE = Instant.parse("2099-01-01T00:00:00Z");

  /** A lookup of {@code name} on the workload's first day, schema-valid. */
  private static DnsEvent edge(String name) {
    return edge(name, Instant.parse("2021-01-01T12:00:00Z"));
  }

  private static DnsEvent edge(String name, Instant time) {
    return DnsEvent.newBuilder().setEventTime(time).setSensor("edge").setSourceIp("192.0.2.77").setQuery(name)
        .setQtype(1).setRcode(0).setAnswers(List.of()).build();
  }

  private static byte[] encode(DnsEvent event) {
    return Topics.EVENTS.valueSerde().serializer().serialize(Topics.EVENTS.name(), event);
  }

  /** A dead letter's detail with the clock's time, which differs from run to run, written as "(clock)". */
  private static String withoutClock(String detail) {
    return detail.replaceAll("\\(\\d{4}-\\d\\d-\\d\\dT[^)]*\\)$", "(clock)");
  }

  /** What the normalizer says when it refuses. */
  private static String refusal(Refused check) {
    try {
      check.run();
    } catch (InvalidRecordException e) {
      return e.getMessage();
    }
    throw new AssertionError("not refused");
  }

  private interface Refused {
    void run() throws InvalidRecordException;
  }

  private static long count(List<DeadLetter> letters, String reason) {
    return letters.stream().filter(letter -> letter.reason().equals(reason)).count();
  }

  /** What the serde says of bytes without the single-object marker: their first ten bytes in hex. */
  private static String badHeader(byte[] value) {
    return "BadHeaderException: not a single-object message: header "
        + HexFormat.of().formatHex(Arrays.copyOf(value, Math.min(10, value.length)));
  }

  /** Sends a poison record; its dead letter has reason unparsable, the record's place as origin and its bytes (none for a tombstone). */
  private static DeadLetter send(KafkaProducer<String, byte[]> producer, int partition, String key, byte[] value, String detail)
      throws Exception {
    return send(producer, partition, key, value, "unparsable", detail);
  }

  private static DeadLetter send(KafkaProducer<String, byte[]> producer, int partition, String key, byte[] value,
      String reason, String detail) throws Exception {
    return send(producer, new ProducerRecord<>(Topics.EVENTS.name(), partition, key, value), reason, detail);
  }

  private static DeadLetter send(KafkaProducer<String, byte[]> producer, ProducerRecord<String, byte[]> record,
      String reason, String detail) throws Exception {
    RecordMetadata at = producer.send(record).get();
    return new DeadLetter(record.key(), reason, Topics.EVENTS.name() + "-" + at.partition() + "@" + at.offset(), detail,
        record.value() == null ? "" : HEX.formatHex(record.value()));
  }

  private static KafkaProducer<String, byte[]> producer(EmbeddedKafka kafka) {
    return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new StringSerializer(), new ByteArraySerializer());
  }

  private static Schema futureEventSchema() {
    Schema current = DnsEvent.getClassSchema();
    List<Schema.Field> fields = new ArrayList<>();
    current.getFields().forEach(f -> fields.add(new Schema.Field(f, f.schema())));
    fields.add(new Schema.Field("client_subnet", SchemaBuilder.unionOf().nullType().and().stringType().endUnion(),
        "EDNS client subnet", JsonProperties.NULL_VALUE));
    return Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false, fields);
  }

  /** A lookup in single-object encoding with {@link #FUTURE_EVENT} as its writer schema. */
  private static byte[] futureEvent() throws IOException {
    GenericRecord event = new GenericRecordBuilder(FUTURE_EVENT).set("event_time", Instant.parse("2016-05-04T10:00:00Z").toEpochMilli())
        .set("source_ip", "192.0.2.1").set("query", "future.example").set("client_subnet", "192.0.2.0/24").build();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new BinaryMessageEncoder<GenericRecord>(GenericData.get(), FUTURE_EVENT).encode(event, out);
    return out.toByteArray();
  }
}
