package io.narrowcast.topology;

import io.narrowcast.avro.Alert;
import io.narrowcast.avro.Answer;
import io.narrowcast.avro.DnsEvent;
import io.narrowcast.config.DetectionConfig;
import io.narrowcast.metrics.DetectorMetrics;
import io.narrowcast.topics.Control;
import io.narrowcast.topics.Topics;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/** The production topology in a {@link TopologyTestDriver}, with helpers that speak in lookups. */
final class DetectorDriver implements AutoCloseable {
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
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "narrowcast-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.putAll(overrides);
    driver = new TopologyTestDriver(DetectorTopology.build(config, metrics), props);
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

  /** Advances event time to {@code time} without a lookup. */
  void tick(Instant time) {
    RecordHeaders headers = new RecordHeaders();
    Control.markTick(headers);
    events.pipeInput(new TestRecord<>(null, null, headers, time));
  }

  List<Alert> alerts() {
    return alerts.readValuesToList();
  }

  /** The OCSF findings on dns.alerts.ocsf, with their keys and timestamps. */
  List<TestRecord<String, String>> findings() {
    return findings.readRecordsToList();
  }

  /** What the querier-sets changelog received, in order: the windowed key bytes and the set's bytes. */
  List<TestRecord<byte[], byte[]>> querierSetChangelog() {
    return driver.createOutputTopic("narrowcast-test-querier-sets-changelog", Serdes.ByteArray().deserializer(),
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
