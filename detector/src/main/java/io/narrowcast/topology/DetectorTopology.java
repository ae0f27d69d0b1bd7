package io.narrowcast.topology;

import com.fasterxml.jackson.core.type.TypeReference;
import io.narrowcast.alert.AlertStateSerde;
import io.narrowcast.avro.Alert;
import io.narrowcast.avro.DnsEvent;
import io.narrowcast.config.DetectionConfig;
import io.narrowcast.detect.RenameCandidate;
import io.narrowcast.detect.RenameMatch;
import io.narrowcast.eventtime.Mark;
import io.narrowcast.metrics.DetectorMetrics;
import io.narrowcast.normalize.EventNormalizer;
import io.narrowcast.state.CheckpointedKeyValueStore;
import io.narrowcast.state.JsonSerde;
import io.narrowcast.state.QuerierSetStore;
import io.narrowcast.topics.Topics;
import java.util.List;
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
 * <pre>
 * dns.events → decode, normalize (bad → dns.events.dlq) → querier-aggregate ─┬→ collapse alerts ───────────┐
 *   stores querier-sets, window-progress, domain-lifecycle, alert-state       └→ rename candidates          │
 *     → fan out by source → rename-by-source → rename-match (store rename-candidates)                      │
 *     → rename-by-domain → rename-alerts (store alert-state) → rename alerts ──────────────────────────── ─┴→ dns.alerts
 *                                                                           all alerts → ocsf-findings → dns.alerts.ocsf
 * </pre>
 * Every processor, store and internal topic is named; the names are part of the upgrade contract.
 */
public final class DetectorTopology {
  /** Windowed per-domain querier sets: open windows in the heap, closed ones on disk. */
  public static final String QUERIER_SETS_STORE = "querier-sets";
  /** Per task: the end of the last handled window and the start of the first. */
  public static final String WINDOW_PROGRESS_STORE = "window-progress";
  /** Per domain: first/last seen, activity, dark or not, recent sources and answers. */
  public static final String DOMAIN_LIFECYCLE_STORE = "domain-lifecycle";
  /** Names that may still go dark by silence (regular, few sources), with their last lookup. */
  public static final String SILENCE_WATCH_STORE = "silence-watch";
  /** Open alerts, one per kind and domain. */
  public static final String ALERT_STATE_STORE = "alert-state";
  /** Per source: recent dark and newly seen names it queried. */
  public static final String RENAME_CANDIDATES_STORE = "rename-candidates";
  /** Rename candidates waiting for every aggregating task to pass their time. */
  public static final String RENAME_PENDING_STORE = "rename-pending";
  /** The aggregating tasks' progress marks, as the matching tasks last saw them. */
  public static final String RENAME_WATERMARKS_STORE = "rename-watermarks";
  /** Rename matches waiting for every matching task to pass their time. */
  public static final String MATCH_PENDING_STORE = "match-pending";
  /** The matching tasks' progress marks, as the rename-alert tasks last saw them. */
  public static final String MATCH_WATERMARKS_STORE = "match-watermarks";
  /** Internal topic for events whose record key was not their domain. */
  public static final String REKEY_TOPIC = "events-rekeyed";
  /** Internal topic: rename candidates keyed by source. */
  public static final String BY_SOURCE_TOPIC = "rename-by-source";
  /** Internal topic: rename matches keyed by the new name. */
  public static final String BY_DOMAIN_TOPIC = "rename-by-domain";

  static final JsonSerde<RenameCandidate> CANDIDATE_SERDE = JsonSerde.of(RenameCandidate.class);
  static final JsonSerde<RenameMatch> MATCH_SERDE = JsonSerde.of(RenameMatch.class);
  static final JsonSerde<List<RenameCandidate>> CANDIDATES_SERDE = JsonSerde.of(new TypeReference<>() { });
  static final JsonSerde<RenameMatchProcessor.SourcedCandidate> PENDING_CANDIDATE_SERDE =
      JsonSerde.of(RenameMatchProcessor.SourcedCandidate.class);

  private DetectorTopology() {}

  /** The topology with {@link TopologyOptions#defaults()}: one partition, no ticks (tests build their own options). */
  public static Topology build(DetectionConfig config, DetectorMetrics metrics) {
    return build(config, TopologyOptions.defaults(), metrics);
  }

  public static Topology build(DetectionConfig config, TopologyOptions options, DetectorMetrics metrics) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.addStateStore(alertState());
    EventNormalizer normalizer =
        new EventNormalizer(config.sourceGranularity(), config.domainGranularity(), options.pseudonymizer())
            .within(options.times());
    KStream<String, DnsEvent> events = decodedEvents(builder, normalizer, options, metrics);
    int origins = options.inputPartitions();

    Map<String, KStream<String, DetectorOutput>> outputs = events
        .process(aggregator(config, options, metrics), Named.as("querier-aggregate"), ALERT_STATE_STORE)
        .split(Named.as("output-"))
        .branch((key, value) -> value instanceof DetectorOutput.AlertOut, Branched.as("alerts"))
        .defaultBranch(Branched.as("candidates"));
    KStream<String, Alert> collapseAlerts = outputs.get("output-alerts")
        .mapValues(value -> ((DetectorOutput.AlertOut) value).alert(), Named.as("collapse-alerts"));

    KStream<String, Alert> renameAlerts = outputs.get("output-candidates")
        .process(FanOutBySource::new, Named.as("fan-out-by-source"))
        .repartition(Repartitioned.with(Serdes.String(), CANDIDATE_SERDE).withName(BY_SOURCE_TOPIC)
            .withStreamPartitioner(Mark.broadcast()))
        .process(matcher(config, origins), Named.as("rename-match"))
        .repartition(Repartitioned.with(Serdes.String(), MATCH_SERDE).withName(BY_DOMAIN_TOPIC)
            .withStreamPartitioner(Mark.broadcast()))
        .process(renameAlerts(config, origins, metrics), Named.as("rename-alerts"), ALERT_STATE_STORE);

    KStream<String, Alert> allAlerts = collapseAlerts.merge(renameAlerts, Named.as("all-alerts"));
    allAlerts.to(Topics.ALERTS.name(), Produced.with(Topics.ALERTS.keySerde(), Topics.ALERTS.valueSerde())
        .withName("alerts-out"));
    allAlerts.processValues(OcsfProcessor::new, Named.as("ocsf-findings"))
        .to(Topics.ALERTS_OCSF.name(), Produced.with(Topics.ALERTS_OCSF.keySerde(), Topics.ALERTS_OCSF.valueSerde())
            .withName("ocsf-out"));
    return builder.build();
  }

  /** dns.events decoded and normalized, keyed by domain; bad records to the dead-letter topic. */
  private static KStream<String, DnsEvent> decodedEvents(StreamsBuilder builder, EventNormalizer normalizer,
      TopologyOptions options, DetectorMetrics metrics) {
    Map<String, KStream<String, Decoded>> routes = builder
        .stream(Topics.EVENTS.name(), Consumed.with(Serdes.String(), Serdes.ByteArray())
            .withName("events-in").withTimestampExtractor(new EventTimestamps()))
        .process(() -> new DecodeProcessor(normalizer, options.control(), options.inputPartitions(), metrics),
            Named.as("decode"))
        .split(Named.as("route-"))
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
    return routes.get("route-ready")
        .mapValues(DetectorTopology::eventOrTick, Named.as("ready-events"))
        .merge(rekeyed, Named.as("events-by-domain"));
  }

  /** Ticks travel on as records without a value. */
  private static DnsEvent eventOrTick(Decoded value) {
    return value instanceof Decoded.Event e ? e.event() : null;
  }

  private static ProcessorSupplier<String, DnsEvent, String, DetectorOutput> aggregator(
      DetectionConfig config, TopologyOptions options, DetectorMetrics metrics) {
    return new ProcessorSupplier<>() {
      @Override
      public QuerierAggregator get() {
        return new QuerierAggregator(config, options.idleAfter(), metrics);
      }

      @Override
      public Set<StoreBuilder<?>> stores() {
        return Set.of(querierSets(config), windowProgress(), domainLifecycle(), silenceWatch());
      }
    };
  }

  private static ProcessorSupplier<String, RenameCandidate, String, RenameMatch> matcher(DetectionConfig config, int origins) {
    return new ProcessorSupplier<>() {
      @Override
      public RenameMatchProcessor get() {
        return new RenameMatchProcessor(config, origins);
      }

      @Override
      public Set<StoreBuilder<?>> stores() {
        return Set.of(
            Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(RENAME_CANDIDATES_STORE), Serdes.String(),
                CANDIDATES_SERDE).withCachingEnabled(),
            Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(RENAME_PENDING_STORE), Serdes.String(),
                PENDING_CANDIDATE_SERDE).withCachingEnabled(),
            watermarks(RENAME_WATERMARKS_STORE));
      }
    };
  }

  private static ProcessorSupplier<String, RenameMatch, String, Alert> renameAlerts(DetectionConfig config, int origins,
      DetectorMetrics metrics) {
    return new ProcessorSupplier<>() {
      @Override
      public RenameAlertProcessor get() {
        return new RenameAlertProcessor(config, origins, metrics);
      }

      @Override
      public Set<StoreBuilder<?>> stores() {
        return Set.of(
            Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(MATCH_PENDING_STORE), Serdes.String(), MATCH_SERDE)
                .withCachingEnabled(),
            watermarks(MATCH_WATERMARKS_STORE));
      }
    };
  }

  private static StoreBuilder<?> watermarks(String name) {
    return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), Serdes.Long())
        .withCachingEnabled();
  }

  /** Open windows in the heap, closed ones on local disk, checkpointed to the changelog in chunks. */
  static StoreBuilder<?> querierSets(DetectionConfig config) {
    return QuerierSetStore.builder(QUERIER_SETS_STORE, config.window(), config.retention());
  }

  static StoreBuilder<?> windowProgress() {
    return Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(WINDOW_PROGRESS_STORE), Serdes.String(), Serdes.Long());
  }

  /**
   * Encoded entries, read and written once per name and window: in the heap, checkpointed to the
   * changelog in chunks, so that closing a window costs no RocksDB read or write per name. The
   * expiry scan reads the head of each without decoding the rest.
   */
  static StoreBuilder<?> domainLifecycle() {
    return CheckpointedKeyValueStore.builder(DOMAIN_LIFECYCLE_STORE);
  }

  static StoreBuilder<?> silenceWatch() {
    return Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(SILENCE_WATCH_STORE), Serdes.String(), Serdes.Long())
        .withCachingEnabled();
  }

  static StoreBuilder<?> alertState() {
    return Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(ALERT_STATE_STORE), Serdes.String(), new AlertStateSerde());
  }
}
