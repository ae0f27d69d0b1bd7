package io.narrowcast.topology;

import io.narrowcast.alert.AlertKind;
import io.narrowcast.alert.AlertLifecycle.Transition;
import io.narrowcast.alert.AlertState;
import io.narrowcast.avro.Alert;
import io.narrowcast.eventtime.Timers;
import io.narrowcast.metrics.DetectorMetrics;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Applies alert lifecycle transitions of one kind to the "alert-state" store, hands on what they
 * send, and keeps a timer per alert for when it is due to close (or be forgotten) without a window
 * or match saying so.
 *
 * <p>Nearly every name has no open alert, and the aggregator asks for each name whose window
 * closes: the keys in the store are kept in memory so those asks need no store read. Two
 * processors share the store, one per kind, each with its own instance.
 */
final class AlertStore {
  private final KeyValueStore<String, AlertState> store;
  private final DetectorMetrics metrics;
  private final ToLongFunction<AlertState> dueAt;
  private final Set<String> keys = new HashSet<>();
  private final Timers timers = new Timers();

  /** An alert that is due, with its state. */
  record Due(String key, long time, AlertState state) {}

  /**
   * Reads the keys of {@code kind} in {@code store}: call once the store is restored (from a
   * processor's init).
   *
   * @param dueAt when an alert is due without news (Long.MAX_VALUE for never)
   */
  AlertStore(KeyValueStore<String, AlertState> store, DetectorMetrics metrics, AlertKind kind,
      ToLongFunction<AlertState> dueAt) {
    this.store = store;
    this.metrics = metrics;
    this.dueAt = dueAt;
    try (KeyValueIterator<String, AlertState> all = store.all()) {
      all.forEachRemaining(entry -> {
        if (entry.value.kind() == kind) {
          keys.add(entry.key);
          schedule(entry.key, entry.value);
        }
      });
    }
  }

  AlertState get(String key) {
    return keys.contains(key) ? store.get(key) : null;
  }

  /** When the earliest alert is due, or Long.MAX_VALUE. */
  long nextDue() {
    return timers.next();
  }

  /** Removes and returns the earliest alert due at or before {@code upTo}, or null. */
  Due pollDue(long upTo) {
    Timers.Due due = timers.poll(upTo);
    return due == null ? null : new Due(due.key(), due.time(), store.get(due.key()));
  }

  void apply(String key, Transition transition, Consumer<Alert> send) {
    if (transition.changed()) {
      if (transition.next() == null) {
        store.delete(key);
        keys.remove(key);
        timers.cancel(key);
      } else {
        store.put(key, transition.next());
        keys.add(key);
        schedule(key, transition.next());
      }
    }
    if (transition.send() != null) {
      metrics.countAlert(transition.send().getKind(), transition.send().getStatus());
      send.accept(transition.send());
    }
  }

  private void schedule(String key, AlertState state) {
    long due = dueAt.applyAsLong(state);
    if (due == Long.MAX_VALUE) {
      timers.cancel(key);
    } else {
      timers.schedule(key, due);
    }
  }
}
