package io.narrowcast.topology;

import io.narrowcast.alert.AlertLifecycle.Transition;
import io.narrowcast.alert.AlertState;
import io.narrowcast.avro.Alert;
import io.narrowcast.metrics.DetectorMetrics;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Applies alert lifecycle transitions to the "alert-state" store and hands on what they send.
 *
 * <p>Nearly every name has no open alert, and the aggregator asks for each name whose window
 * closes: the keys in the store are kept in memory so those asks need no store read. Two
 * processors share the store, each with its own instance, so an instance only asks for keys it
 * creates itself (collapse alerts, rename alerts); a key another instance deleted is read from the
 * store and found absent.
 */
final class AlertStore {
  private final KeyValueStore<String, AlertState> store;
  private final DetectorMetrics metrics;
  private final Set<String> keys = new HashSet<>();

  /** Reads the keys in {@code store}: call once the store is restored (from a processor's init). */
  AlertStore(KeyValueStore<String, AlertState> store, DetectorMetrics metrics) {
    this.store = store;
    this.metrics = metrics;
    try (KeyValueIterator<String, AlertState> all = store.all()) {
      all.forEachRemaining(entry -> keys.add(entry.key));
    }
  }

  AlertState get(String key) {
    return keys.contains(key) ? store.get(key) : null;
  }

  KeyValueStore<String, AlertState> store() {
    return store;
  }

  void apply(String key, Transition transition, Consumer<Alert> send) {
    if (transition.changed()) {
      if (transition.next() == null) {
        store.delete(key);
        keys.remove(key);
      } else {
        store.put(key, transition.next());
        keys.add(key);
      }
    }
    if (transition.send() != null) {
      metrics.countAlert(transition.send().getKind(), transition.send().getStatus());
      send.accept(transition.send());
    }
  }
}
