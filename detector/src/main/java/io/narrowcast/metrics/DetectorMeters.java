package io.narrowcast.metrics;

import io.narrowcast.config.DetectionConfig;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.narrowcast.alert.AlertKind;
import io.narrowcast.alert.AlertState;
import io.narrowcast.alert.AlertStatus;
import io.narrowcast.ingest.RejectReason;
import io.narrowcast.topics.Topics;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Predicate;
import java.util.stream.DoubleStream;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Publishes what the detector measures to a Micrometer registry. In Prometheus form:
 * <ul>
 *   <li>{@code narrowcast_events_in_total}: events the topology took in (decoded and normalized);
 *   <li>{@code narrowcast_events_rejected_total{reason}}: records sent to the dead-letter topic;
 *   <li>{@code narrowcast_events_late_total}: lookups that came after their window closed;
 *   <li>{@code narrowcast_alerts_total{kind,status}}: alert messages emitted (new, update, closed);
 *   <li>{@code narrowcast_alerts_open{kind}}: alerts open in this instance's active tasks;
 *   <li>{@code narrowcast_store_keys{store}}: the keys in each state store (RocksDB's estimate; a heap store's
 *       entries as of its last commit);
 *   <li>{@code narrowcast_store_disk_bytes{store}}: the bytes of each state store on local disk (RocksDB's SST
 *       files; a heap store's closed windows);
 *   <li>{@code narrowcast_input_lag_records}: records on dns.events not read yet;
 *   <li>{@code narrowcast_event_lag_seconds}: largest wall-clock age of the events read in the last
 *       30 s (the end-to-end lag of a live feed; for a replay of old logs, simply their age);
 *   <li>{@code kafka_stream_*}, {@code kafka_consumer_*}, {@code kafka_producer_*}: every Kafka
 *       Streams and client metric, through {@link KafkaStreamsMetrics};
 *   <li>{@code jvm_*}, {@code process_*}, {@code system_*}: the JVM and the process.
 * </ul>
 * The counters count processing: under exactly-once a transaction that aborts and is processed again
 * counts its records twice, while the topics hold them once.
 */
public final class DetectorMeters implements AutoCloseable {
  /** How often Kafka metrics that appear later (tasks, stores) are picked up. */
  static final Duration KAFKA_METRICS_REFRESH = Duration.ofSeconds(10);
  /** The source node that reads dns.events, as DetectorTopology names it. */
  private static final String EVENTS_SOURCE_NODE = "events-in";
  /** The store of open alerts, as DetectorTopology names it. */
  private static final String ALERT_STATE_STORE = "alert-state";

  private final KafkaStreamsMetrics kafka;
  private final JvmGcMetrics gc;

  private DetectorMeters(KafkaStreamsMetrics kafka, JvmGcMetrics gc) {
    this.kafka = kafka;
    this.gc = gc;
  }

  /**
   * Binds everything above to {@code registry}.
   *
   * @param stores the names of the topology's state stores, each measured by {@code narrowcast_store_keys} and
   *     {@code narrowcast_store_disk_bytes}
   */
  public static DetectorMeters bind(MeterRegistry registry, DetectorMetrics metrics, KafkaStreams streams,
      Collection<String> stores) {
    bindCounters(registry, metrics);
    for (String store : stores) {
      Gauge.builder("narrowcast.store.keys", streams, s -> sum(s, isStoreMetric(store, "estimate-num-keys")))
          .description("Keys in a state store over all local tasks (RocksDB's estimate-num-keys; a heap store's entries)")
          .tag("store", store).register(registry);
      Gauge.builder("narrowcast.store.disk", streams, s -> sum(s, isStoreMetric(store, "total-sst-files-size")))
          .description("Bytes of a state store on local disk over all local tasks (RocksDB's SST files; a heap store's closed windows)")
          .baseUnit("bytes").tag("store", store).register(registry);
    }
    for (AlertKind kind : AlertKind.values()) {
      Gauge.builder("narrowcast.alerts.open", streams, s -> openAlerts(s, kind))
          .description("Alerts open in this instance's active tasks").tag("kind", kind.name()).register(registry);
    }
    Gauge.builder("narrowcast.input.lag", streams, s -> sum(s, isEventsLag()))
        .description("Records on dns.events not read yet").baseUnit("records").register(registry);
    Gauge.builder("narrowcast.event.lag", streams, s -> max(s, isEventsLatency()) / 1000.0)
        .description("Largest wall-clock age of the events read in the last 30 s").baseUnit("seconds")
        .register(registry);
    ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "kafka-metrics-refresh");
      thread.setDaemon(true);
      return thread;
    });
    KafkaStreamsMetrics kafka = new KafkaStreamsMetrics(streams, List.of(), refresher, KAFKA_METRICS_REFRESH);
    kafka.bindTo(registry);
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
    return new DetectorMeters(kafka, gc);
  }

  /**
   * {@code narrowcast_able_to_alert_from_seconds{rule}}: the event time (epoch seconds) from which each
   * rule can raise an alert, NaN before the first lookup; compare with the event time to see whether
   * a fresh detector is still learning.
   */
  public static void bindWarmUp(MeterRegistry registry, DetectorMetrics metrics, DetectionConfig config) {
    for (WarmUp rule : WarmUp.of(config)) {
      Gauge.builder("narrowcast.able.to.alert.from", metrics,
              m -> rule.ableFrom(m.watchedSince()).stream().mapToDouble(ms -> ms / 1000.0).findFirst().orElse(Double.NaN))
          .description("Event time from which the rule can raise an alert (the detector is learning before)")
          .baseUnit("seconds").tag("rule", rule.rule()).register(registry);
    }
  }

  /** The project's own counters; Prometheus adds the {@code _total} suffix. */
  static void bindCounters(MeterRegistry registry, DetectorMetrics metrics) {
    FunctionCounter.builder("narrowcast.events.in", metrics, DetectorMetrics::eventsIn)
        .description("Events taken in by the detector").register(registry);
    FunctionCounter.builder("narrowcast.events.late", metrics, DetectorMetrics::lateDropped)
        .description("Lookups dropped because their window had closed").register(registry);
    for (RejectReason reason : RejectReason.values()) {
      FunctionCounter.builder("narrowcast.events.rejected", metrics, m -> m.rejected(reason))
          .description("Records sent to the dead-letter topic").tag("reason", reason.label()).register(registry);
    }
    for (AlertKind kind : AlertKind.values()) {
      for (AlertStatus status : AlertStatus.values()) {
        FunctionCounter.builder("narrowcast.alerts", metrics, m -> m.alerts(kind.name(), status.label()))
            .description("Alert messages emitted").tag("kind", kind.name()).tag("status", status.label()).register(registry);
      }
    }
  }

  /**
   * Store metric {@code metric} of {@code store}, tagged rocksdb-state-id, rocksdb-window-state-id for a
   * RocksDB window store, or heap-state-id for a heap store (io.narrowcast.state.StoreSizeMetrics).
   */
  private static Predicate<MetricName> isStoreMetric(String store, String metric) {
    return name -> name.name().equals(metric)
        && name.tags().entrySet().stream().anyMatch(t -> t.getKey().endsWith("state-id") && t.getValue().equals(store));
  }

  /**
   * Open alerts of {@code kind} in the alert store of this instance's active tasks (a closed rename
   * stays there a while, remembered), or NaN while the store cannot be queried: before the start or
   * during a rebalance.
   */
  private static double openAlerts(KafkaStreams streams, AlertKind kind) {
    try {
      ReadOnlyKeyValueStore<String, AlertState> store = streams.store(StoreQueryParameters.fromNameAndType(
          ALERT_STATE_STORE, QueryableStoreTypes.<String, AlertState>keyValueStore()));
      long open = 0;
      try (KeyValueIterator<String, AlertState> alerts = store.prefixScan(AlertState.key(kind, ""), new StringSerializer())) {
        while (alerts.hasNext()) {
          if (!alerts.next().value.closed()) {
            open++;
          }
        }
      }
      return open;
    } catch (InvalidStateStoreException e) {
      return Double.NaN;
    }
  }

  private static Predicate<MetricName> isEventsLag() {
    return name -> name.name().equals("records-lag") && Topics.EVENTS.name().equals(name.tags().get("topic"));
  }

  private static Predicate<MetricName> isEventsLatency() {
    return name -> name.name().equals("record-e2e-latency-max")
        && EVENTS_SOURCE_NODE.equals(name.tags().get("processor-node-id"));
  }

  private static double sum(KafkaStreams streams, Predicate<MetricName> which) {
    return values(streams, which).sum();
  }

  /** The largest value, or NaN when there is none (no task yet, or nothing read lately). */
  private static double max(KafkaStreams streams, Predicate<MetricName> which) {
    return values(streams, which).max().orElse(Double.NaN);
  }

  private static DoubleStream values(KafkaStreams streams, Predicate<MetricName> which) {
    return streams.metrics().entrySet().stream()
        .filter(e -> which.test(e.getKey()))
        .map(e -> e.getValue().metricValue())
        .filter(Number.class::isInstance)
        .mapToDouble(v -> ((Number) v).doubleValue())
        .filter(v -> !Double.isNaN(v));
  }

  /** Stops the refresh of Kafka metrics (its scheduler included) and the GC listener. */
  @Override
  public void close() {
    kafka.close();
    gc.close();
  }
}
