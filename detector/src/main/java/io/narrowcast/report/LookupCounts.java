package io.narrowcast.report;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/** Lookups of a few names, counted per name, source and hour: the raw material of the timelines. Not thread-safe. */
public final class LookupCounts {
  /** The finest grain a timeline can show. */
  public static final long HOUR_MS = Duration.ofHours(1).toMillis();

  private final Map<String, Map<String, Map<Long, Long>>> counts = new HashMap<>();

  /** Counts one lookup of {@code name} by {@code source} at {@code time} (epoch milliseconds). */
  public void add(String name, String source, long time) {
    counts.computeIfAbsent(name, n -> new HashMap<>())
        .computeIfAbsent(source, s -> new HashMap<>())
        .merge(Math.floorDiv(time, HOUR_MS) * HOUR_MS, 1L, Long::sum);
  }

  /** Start of the first hour at or after {@code from} in which {@code name} was looked up. */
  public OptionalLong firstHour(String name, long from) {
    return counts.getOrDefault(name, Map.of()).values().stream()
        .flatMap(hours -> hours.keySet().stream())
        .filter(hour -> hour + HOUR_MS > from)
        .mapToLong(Long::longValue).min();
  }

  /**
   * The lookups of {@code name} in [{@code from}, {@code from + buckets × width}), per source, in
   * buckets of {@code width} milliseconds (a whole number of hours); sources in no bucket are left out.
   */
  public Map<String, long[]> series(String name, long from, long width, int buckets) {
    if (width % HOUR_MS != 0 || from % HOUR_MS != 0) {
      throw new IllegalArgumentException("buckets start on the hour and last whole hours, not at " + from + " for " + width + " ms");
    }
    Map<String, long[]> out = new LinkedHashMap<>();
    counts.getOrDefault(name, Map.of()).forEach((source, hours) -> hours.forEach((hour, count) -> {
      long bucket = Math.floorDiv(hour - from, width);
      if (bucket >= 0 && bucket < buckets) {
        out.computeIfAbsent(source, s -> new long[buckets])[(int) bucket] += count;
      }
    }));
    return out;
  }
}
