package io.narrowcast.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.narrowcast.alert.AlertStateSerde;
import io.narrowcast.avro.DnsEvent;
import io.narrowcast.config.DetectionConfig;
import io.narrowcast.metrics.DetectorMetrics;
import io.narrowcast.state.DomainLifecycle;
import io.narrowcast.state.QuerierSet;
import io.narrowcast.state.QuerierSetStore;
import io.narrowcast.state.SourceCount;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task revived after a TaskCorruptedException (say, a transaction timeout under exactly-once):
 * Kafka Streams rolls its stores back to the last commit and calls {@code init} again on the same
 * processor. Here the "rollback" is a fresh set of empty stores, as nothing was committed.
 */
class RevivedTaskTest {
  static final DetectionConfig CONFIG = DetectionConfig.defaults(); // 1-day windows, 10 minutes' grace
  static final String DOMAIN = "mail1.example.com";
  static final String SOURCE = "198.51.100.1";
  static final Instant DAY0 = Instant.parse("2016-04-01T00:00:00Z");
  static final Instant LOOKUP = DAY0.plus(Duration.ofHours(10));
  /** Day 0 is due: its end plus the grace. */
  static final Instant DAY0_DUE = DAY0.plus(Duration.ofDays(1)).plus(Duration.ofMinutes(10));

  @TempDir
  Path stateDir;

  final QuerierAggregator aggregator = new QuerierAggregator(CONFIG, null, new DetectorMetrics());

  @Test
  void aLookupFirstSeenInTheAbortedTransactionIsStoredAgain() {
    MockProcessorContext<String, DetectorOutput> first = contextWithEmptyStores(stateDir.resolve("first"));
    aggregator.init(first);
    lookup(DOMAIN, SOURCE, LOOKUP); // not committed: the transaction is aborted

    MockProcessorContext<String, DetectorOutput> revived = contextWithEmptyStores(stateDir.resolve("revived"));
    aggregator.init(revived);
    lookup(DOMAIN, SOURCE, LOOKUP);

    QuerierSet set = QuerierSetStore.of(revived.getStateStore(DetectorTopology.QUERIER_SETS_STORE))
        .fetch(DOMAIN, DAY0.toEpochMilli());
    assertThat(set).isNotNull();
    assertThat(set.sourceCounts()).containsExactly(new SourceCount(SOURCE, 1));
    assertThat(set.queries()).isEqualTo(1);

    // and the window is handled once it is due: the name's lifecycle entry is written
    aggregator.process(new Record<>(null, null, DAY0_DUE.toEpochMilli()));
    KeyValueStore<String, byte[]> lifecycle = revived.getStateStore(DetectorTopology.DOMAIN_LIFECYCLE_STORE);
    assertThat(DomainLifecycle.fromBytes(lifecycle.get(DOMAIN)).lastSeen()).isEqualTo(LOOKUP.toEpochMilli());
  }

  private void lookup(String domain, String source, Instant time) {
    DnsEvent event = DetectorDriver.event(domain, source, time);
    aggregator.process(new Record<>(domain, event, time.toEpochMilli()));
  }

  /** The aggregator's stores, as DetectorTopology names them, without logging or caching, in {@code stateDir}. */
  static MockProcessorContext<String, DetectorOutput> contextWithEmptyStores(Path stateDir) {
    MockProcessorContext<String, DetectorOutput> context =
        new MockProcessorContext<>(new Properties(), new TaskId(0, 0), stateDir.toFile());
    List<StateStore> stores = List.of(
        DetectorTopology.querierSets(CONFIG).withLoggingDisabled().build(),
        keyValueStore(DetectorTopology.WINDOW_PROGRESS_STORE, Serdes.Long()),
        keyValueStore(DetectorTopology.DOMAIN_LIFECYCLE_STORE, Serdes.ByteArray()),
        keyValueStore(DetectorTopology.SILENCE_WATCH_STORE, Serdes.Long()),
        keyValueStore(DetectorTopology.ALERT_STATE_STORE, new AlertStateSerde()));
    for (StateStore store : stores) {
      store.init(context.getStateStoreContext(), store);
      context.addStateStore(store);
    }
    return context;
  }

  static <V> KeyValueStore<String, V> keyValueStore(String name, Serde<V> values) {
    return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), values)
        .withLoggingDisabled().withCachingDisabled().build();
  }
}
