package io.narrowcast.topology;

import io.narrowcast.avro.Alert;
import io.narrowcast.avro.Answer;
import io.narrowcast.avro.DnsEvent;
import io.narrowcast.config.DetectionConfig;
import io.narrowcast.detect.RenameCandidate;
import io.narrowcast.eventtime.Mark;
import io.narrowcast.metrics.DetectorMetrics;
import io.narrowcast.topics.Control;
import io.narrowcast.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/** The production topology in a {@link TopologyTestDriver}, with helpers that speak in lookups. */
final class DetectorDriver implements AutoCloseable {
  /** The key the driver's ticks are signed with. */
  static final Control CONTROL = Control.withKey("narrowcast-test-control-key".getBytes(StandardCharsets.UTF_8));
  final DetectorMetrics metrics = new DetectorMetrics();
  private final TopologyTestDriver driver;
  private final TestInputTopic<String, byte[]> events;
  private final TestOutputTopic<String, Alert> alerts;
  private final TestOutputTopic<String, byte[]> deadLetters;
  private final TestOutputTopic<String, String> findings;

  DetectorDriver(DetectionConfig config, Path stateDir) {
    this(config, stateDir, new Properties());
  }

  /** With {@code overrides} (Streams settings such as the record cache size) added. */
  DetectorDriver(DetectionConfig config, Path stateDir, Properties overrides) {
    this(config, TopologyOptions.defaults().withControl(CONTROL), stateDir, overrides);
  }

  /** With {@code options} (ticks signed with {@link #CONTROL} when they name it). */
  DetectorDriver(DetectionConfig config, TopologyOptions options, Path stateDir, Properties overrides) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "narrowcast-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.putAll(overrides);
    driver = new TopologyTestDriver(DetectorTopology.build(config, options, metrics), props);
    events = driver.createInputTopic(Topics.EVENTS.name(), Serdes.String().serializer(), Serdes.ByteArray().serializer());
    alerts = driver.createOutputTopic(Topics.ALERTS.name(), Topics.ALERTS.keySerde().deserializer(),
        Topics.ALERTS.valueSerde().deserializer());
    deadLetters = driver.createOutputTopic(Topics.DEAD_LETTERS.name(), Serdes.String().deserializer(),
        Serdes.ByteArray().deserializer());
    findings = driver.createOutputTopic(Topics.ALERTS_OCSF.name(), Serdes.String().deserializer(), Serdes.String().deserializer());
  }

  static DnsEvent event(String domain, String source, Instant time) {
    return DnsEvent.newBuilder()
        .setEventTime(time).setSensor("test").setSourceIp(source).setQuery(domain).setQtype(1).setRcode(0)
        .setAnswers(List.of(new Answer("A", 60L, "192.0.2.1"))).build();
  }

  /** {@code count} lookups of {@code domain} by {@code source} at {@code time}, keyed by the domain. */
  void lookups(String domain, String source, Instant time, int count) {
    for (int i = 0; i < count; i++) {
      send(domain, event(domain, source, time));
    }
  }

  void send(String key, DnsEvent event) {
    events.pipeInput(new TestRecord<>(key, Topics.EVENTS.valueSerde().serializer().serialize("t", event),
        event.getEventTime()));
  }

  void sendRaw(String key, byte[] value, Instant time) {
    events.pipeInput(new TestRecord<>(key, value, time));
  }

  void sendRaw(String key, byte[] value, Headers headers, Instant time) {
    events.pipeInput(new TestRecord<>(key, value, headers, time));
  }

  /** Advances event time to {@code time} without a lookup. */
  void tick(Instant time) {
    events.pipeInput(new TestRecord<>(null, null, CONTROL.markTick(new RecordHeaders(), 0, time.toEpochMilli()), time));
  }

  /**
   * A rename candidate as it reaches {@code source}'s matching task from an aggregating task, at
   * event time {@code time}: for a task of another partition, which the driver does not run.
   */
  void candidate(String source, RenameCandidate candidate, Instant time) {
    driver.createInputTopic(internal(DetectorTopology.BY_SOURCE_TOPIC), Serdes.String().serializer(),
        DetectorTopology.CANDIDATE_SERDE.serializer()).pipeInput(new TestRecord<>(source, candidate, time));
  }

  /** A progress mark of {@code origin}'s aggregating task, as every matching task receives it. */
  void aggregatorMark(Mark mark) {
    driver.createInputTopic(internal(DetectorTopology.BY_SOURCE_TOPIC), Serdes.String().serializer(),
        DetectorTopology.CANDIDATE_SERDE.serializer())
        .pipeInput(new TestRecord<>("", null, mark.headers(), Instant.ofEpochMilli(Math.max(0, mark.time()))));
  }

  /** A progress mark of another partition's matching task, as every rename-alert task receives it. */
  void matcherMark(Mark mark) {
    driver.createInputTopic(internal(DetectorTopology.BY_DOMAIN_TOPIC), Serdes.String().serializer(),
        DetectorTopology.MATCH_SERDE.serializer())
        .pipeInput(new TestRecord<>("", null, mark.headers(), Instant.ofEpochMilli(Math.max(0, mark.time()))));
  }

  private static String internal(String topic) {
    return "narrowcast-test-" + topic + "-repartition";
  }

  /** The records on dns.alerts: keys, values and timestamps. */
  List<TestRecord<String, Alert>> alertRecords() {
    return alerts.readRecordsToList();
  }

  List<Alert> alerts() {
    return alerts.readValuesToList();
  }

  /** The OCSF findings on dns.alerts.ocsf, with their keys and timestamps. */
  List<TestRecord<String, String>> findings() {
    return findings.readRecordsToList();
  }

  /** What the changelog of {@code store} received since the last call, in order, as bytes. */
  List<TestRecord<byte[], byte[]>> changelog(String store) {
    return driver.createOutputTopic("narrowcast-test-" + store + "-changelog", Serdes.ByteArray().deserializer(),
        Serdes.ByteArray().deserializer()).readRecordsToList();
  }

  /** The last lookup the silence watch list holds for {@code domain}, or null when it is not watched. */
  Long silenceWatch(String domain) {
    return driver.<String, Long>getKeyValueStore(DetectorTopology.SILENCE_WATCH_STORE).get(domain);
  }

  List<TestRecord<String, byte[]>> deadLetters() {
    return deadLetters.readRecordsToList();
  }

  @Override
  public void close() {
    driver.close();
  }
}
