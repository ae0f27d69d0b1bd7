package io.narrowcast.topology;

import io.narrowcast.avro.DnsEvent;
import io.narrowcast.config.DetectionConfig;
import io.narrowcast.metrics.DetectorMetrics;
import io.narrowcast.normalize.EventNormalizer;
import io.narrowcast.privacy.SourcePseudonymizer;
import io.narrowcast.state.QuerierSetSerde;
import io.narrowcast.topics.Topics;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The detection topology, a pure function of its configuration:
 * dns.events → decode and normalize (bad records → dns.events.dlq) → per-domain windowed querier
 * sets → collapse detector → dns.alerts. Every processor, store and internal topic is named; the
 * names are part of the upgrade contract.
 */
public final class DetectorTopology {
  /** Windowed per-domain querier sets (RocksDB). */
  public static final String QUERIER_SETS_STORE = "querier-sets";
  /** Per task: the end of the last evaluated window. */
  public static final String WINDOW_PROGRESS_STORE = "window-progress";
  /** Internal topic for events whose record key was not their domain. */
  public static final String REKEY_TOPIC = "events-rekeyed";

  private DetectorTopology() {}

  public static Topology build(DetectionConfig config, DetectorMetrics metrics) {
    return build(config, metrics, SourcePseudonymizer.NONE);
  }

  /** The topology with sources replaced by {@code pseudonymizer} in the decode step, before anything is stored. */
  public static Topology build(DetectionConfig config, DetectorMetrics metrics, SourcePseudonymizer pseudonymizer) {
    StreamsBuilder builder = new StreamsBuilder();
    EventNormalizer normalizer =
        new EventNormalizer(config.sourceGranularity(), config.domainGranularity(), pseudonymizer);

    KStream<String, Decoded> decoded = builder
        .stream(Topics.EVENTS.name(), Consumed.with(Serdes.String(), Serdes.ByteArray())
            .withName("events-in").withTimestampExtractor(new EventTimestamps()))
        .process(() -> new DecodeProcessor(normalizer, metrics), Named.as("decode"));

    Map<String, KStream<String, Decoded>> routes = decoded.split(Named.as("route-"))
        .branch((key, value) -> value instanceof Decoded.Dead, Branched.as("dead"))
        .branch((key, value) -> value instanceof Decoded.Event e && e.rekey(), Branched.as("rekey"))
        .defaultBranch(Branched.as("ready"));

    routes.get("route-dead")
        .mapValues(value -> ((Decoded.Dead) value).raw(), Named.as("dead-raw"))
        .to(Topics.DEAD_LETTERS.name(), Produced.with(Topics.DEAD_LETTERS.keySerde(), Topics.DEAD_LETTERS.valueSerde())
            .withName("dead-letters-out"));

    KStream<String, DnsEvent> rekeyed = routes.get("route-rekey")
        .mapValues(DetectorTopology::eventOrTick, Named.as("rekey-events"))
        .repartition(Repartitioned.with(Topics.EVENTS.keySerde(), Topics.EVENTS.valueSerde()).withName(REKEY_TOPIC));

    routes.get("route-ready")
        .mapValues(DetectorTopology::eventOrTick, Named.as("ready-events"))
        .merge(rekeyed, Named.as("events-by-domain"))
        .process(aggregator(config, metrics), Named.as("querier-aggregate"))
        .to(Topics.ALERTS.name(), Produced.with(Topics.ALERTS.keySerde(), Topics.ALERTS.valueSerde())
            .withName("alerts-out"));
    return builder.build();
  }

  /** Ticks travel on as records without a value. */
  private static DnsEvent eventOrTick(Decoded value) {
    return value instanceof Decoded.Event e ? e.event() : null;
  }

  private static ProcessorSupplier<String, DnsEvent, String, io.narrowcast.avro.Alert> aggregator(
      DetectionConfig config, DetectorMetrics metrics) {
    return new ProcessorSupplier<>() {
      @Override
      public QuerierAggregator get() {
        return new QuerierAggregator(config, metrics);
      }

      @Override
      public Set<StoreBuilder<?>> stores() {
        return Set.of(querierSets(config), windowProgress());
      }
    };
  }

  static StoreBuilder<?> querierSets(DetectionConfig config) {
    return Stores.windowStoreBuilder(
            Stores.persistentWindowStore(QUERIER_SETS_STORE, config.retention(), config.window(), false),
            Serdes.String(), new QuerierSetSerde())
        .withCachingEnabled();
  }

  static StoreBuilder<?> windowProgress() {
    return Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(WINDOW_PROGRESS_STORE), Serdes.String(), Serdes.Long());
  }
}
