package io.narrowcast.topology;

import io.narrowcast.alert.AlertLifecycle.Transition;
import io.narrowcast.alert.AlertState;
import io.narrowcast.avro.Alert;
import io.narrowcast.metrics.DetectorMetrics;
import java.util.function.Consumer;
import org.apache.kafka.streams.state.KeyValueStore;

/** Applies alert lifecycle transitions to the "alert-state" store and hands on what they send. */
final class AlertStore {
  private final KeyValueStore<String, AlertState> store;
  private final DetectorMetrics metrics;

  AlertStore(KeyValueStore<String, AlertState> store, DetectorMetrics metrics) {
    this.store = store;
    this.metrics = metrics;
  }

  AlertState get(String key) {
    return store.get(key);
  }

  KeyValueStore<String, AlertState> store() {
    return store;
  }

  void apply(String key, Transition transition, Consumer<Alert> send) {
    if (transition.changed()) {
      if (transition.next() == null) {
        store.delete(key);
      } else {
        store.put(key, transition.next());
      }
    }
    if (transition.send() != null) {
      metrics.countAlert(transition.send().getKind(), transition.send().getStatus());
      send.accept(transition.send());
    }
  }
}
