package io.narrowcast.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.narrowcast.avro.Alert;
import io.narrowcast.avro.DnsEvent;
import io.narrowcast.avro.SourceShare;
import io.narrowcast.config.DetectionConfig;
import io.narrowcast.metrics.DetectorMetrics;
import io.narrowcast.normalize.Sources;
import io.narrowcast.state.QuerierSetStore;
import io.narrowcast.state.SourceCount;
import io.narrowcast.topics.Control;
import io.narrowcast.topics.Topics;
import io.narrowcast.topology.DetectorTopology;
import io.narrowcast.topology.TopologyOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With --pseudonymize-sources, neither the store nor the alerts hold a source address. */
class PseudonymizedTopologyTest {
  static final HmacPseudonymizer PSEUDONYMS = new HmacPseudonymizer(HmacPseudonymizerTest.KEY);
  static final Control CONTROL = Control.withKey(HmacPseudonymizerTest.KEY);
  static final String DOMAIN = "mail1.example.com";
  static final Instant HOUR0 = Instant.parse("2016-05-04T00:00:00Z");
  /** A collapse on small numbers: 3 baseline sources in hour 0, then one new source alone in hour 1. */
  static final DetectionConfig CONFIG = DetectionConfig.builder()
      .window(Duration.ofHours(1)).grace(Duration.ZERO).baselineWindows(1).minBaselineWindows(1)
      .minBaselineSources(3).maxRemainingSources(1).minQueries(2).build();

  @TempDir
  Path stateDir;

  @Test
  void storeAndAlertsHoldPseudonymsOnly() {
    try (TopologyTestDriver driver = driver(CONFIG)) {
      TestInputTopic<String, byte[]> events = input(driver);
      // given: hour 0 queried by three sources, hour 1 only by 10.0.0.9, twice; then event time reaches hour 2
      for (String source : List.of("10.0.0.1", "10.0.0.2", "10.0.0.3")) {
        events.pipeInput(lookup(source, HOUR0.plusSeconds(60)));
      }
      events.pipeInput(lookup("10.0.0.9", HOUR0.plus(Duration.ofMinutes(70))));
      events.pipeInput(lookup("10.0.0.9", HOUR0.plus(Duration.ofMinutes(80))));
      events.pipeInput(tick(HOUR0.plus(Duration.ofHours(2))));

      // then: the store counts the pseudonyms
      QuerierSetStore store = QuerierSetStore.of(driver.getAllStateStores().get(DetectorTopology.QUERIER_SETS_STORE));
      assertThat(store.fetch(DOMAIN, HOUR0.toEpochMilli()).sourceCounts()).containsExactlyInAnyOrder(
          new SourceCount(PSEUDONYMS.apply("10.0.0.1"), 1), new SourceCount(PSEUDONYMS.apply("10.0.0.2"), 1),
          new SourceCount(PSEUDONYMS.apply("10.0.0.3"), 1));
      // and the alert names the remaining source by its pseudonym
      List<Alert> alerts = driver.createOutputTopic(Topics.ALERTS.name(), Topics.ALERTS.keySerde().deserializer(),
          Topics.ALERTS.valueSerde().deserializer()).readValuesToList();
      assertThat(alerts).singleElement().satisfies(alert -> {
        assertThat(alert.getSources()).extracting(SourceShare::getSource).containsExactly(PSEUDONYMS.apply("10.0.0.9"));
        assertThat(alert.toString()).doesNotContain("10.0.0.");
      });
    }
  }

  @Test
  void atPrefixGranularityThePrefixIsPseudonymized() {
    DetectionConfig byPrefix = CONFIG.toBuilder().sourceGranularity(Sources.Granularity.PREFIX).build();
    try (TopologyTestDriver driver = driver(byPrefix)) {
      TestInputTopic<String, byte[]> events = input(driver);
      events.pipeInput(lookup("203.0.113.7", HOUR0));
      events.pipeInput(lookup("203.0.113.200", HOUR0));

      QuerierSetStore store = QuerierSetStore.of(driver.getAllStateStores().get(DetectorTopology.QUERIER_SETS_STORE));
      // one source: both addresses are in 203.0.113.0/24, and that prefix is what was pseudonymized
      assertThat(store.fetch(DOMAIN, HOUR0.toEpochMilli()).sourceCounts())
          .containsExactly(new SourceCount(PSEUDONYMS.apply("203.0.113.0/24"), 2));
    }
  }

  private TopologyTestDriver driver(DetectionConfig config) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "narrowcast-privacy-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    return new TopologyTestDriver(DetectorTopology.build(config,
        TopologyOptions.defaults().withPseudonymizer(PSEUDONYMS).withControl(CONTROL), new DetectorMetrics()), props);
  }

  private static TestInputTopic<String, byte[]> input(TopologyTestDriver driver) {
    return driver.createInputTopic(Topics.EVENTS.name(), Serdes.String().serializer(), Serdes.ByteArray().serializer());
  }

  private static TestRecord<String, byte[]> lookup(String source, Instant time) {
    DnsEvent event = DnsEvent.newBuilder().setEventTime(time).setSensor("test").setSourceIp(source)
        .setQuery(DOMAIN).setQtype(1).setRcode(0).setAnswers(List.of()).build();
    return new TestRecord<>(DOMAIN, Topics.EVENTS.valueSerde().serializer().serialize(Topics.EVENTS.name(), event), time);
  }

  private static TestRecord<String, byte[]> tick(Instant time) {
    return new TestRecord<>(null, null, CONTROL.markTick(new RecordHeaders(), 0, time.toEpochMilli()), time);
  }
}
