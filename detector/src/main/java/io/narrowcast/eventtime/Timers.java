package io.narrowcast.eventtime;

import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * At most one timer per key, each due at an event time, taken earliest first (keys in order within
 * a time, so that a run is repeatable). In memory: the owner rebuilds it from its stores on init.
 */
public final class Timers {
  private final NavigableMap<Long, TreeSet<String>> byTime = new TreeMap<>();
  private final Map<String, Long> byKey = new HashMap<>();

  /** A timer that is due. */
  public record Due(String key, long time) {}

  /** Sets the timer of {@code key} to {@code time}, replacing any it had. */
  public void schedule(String key, long time) {
    Long before = byKey.put(key, time);
    if (before != null) {
      if (before == time) {
        return;
      }
      remove(key, before);
    }
    byTime.computeIfAbsent(time, t -> new TreeSet<>()).add(key);
  }

  /** Removes the timer of {@code key}, if any. */
  public void cancel(String key) {
    Long before = byKey.remove(key);
    if (before != null) {
      remove(key, before);
    }
  }

  /** Removes and returns the earliest timer due at or before {@code upTo}, or null. */
  public Due poll(long upTo) {
    Map.Entry<Long, TreeSet<String>> first = byTime.firstEntry();
    if (first == null || first.getKey() > upTo) {
      return null;
    }
    String key = first.getValue().first();
    cancel(key);
    return new Due(key, first.getKey());
  }

  /** The time of the earliest timer, or Long.MAX_VALUE when there is none. */
  public long next() {
    return byTime.isEmpty() ? Long.MAX_VALUE : byTime.firstKey();
  }

  public void clear() {
    byTime.clear();
    byKey.clear();
  }

  private void remove(String key, long time) {
    TreeSet<String> keys = byTime.get(time);
    keys.remove(key);
    if (keys.isEmpty()) {
      byTime.remove(time);
    }
  }
}
