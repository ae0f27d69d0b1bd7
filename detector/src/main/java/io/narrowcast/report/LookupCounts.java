package io.narrowcast.report;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Lookups of a few names, counted per name, source and hour (the raw material of the timelines), and
 * per detector window: lookups and distinct sources, as the detector counted them. Not thread-safe.
 */
public final class LookupCounts {
  /** The finest grain a timeline can show. */
  public static final long HOUR_MS = Duration.ofHours(1).toMillis();

  private final long windowMs;
  private final Map<String, Map<String, Map<Long, Long>>> counts = new HashMap<>();
  private final Map<String, Map<Long, Set<String>>> sourcesPerWindow = new HashMap<>();
  private final Map<String, Map<Long, Long>> lookupsPerWindow = new HashMap<>();

  /** @param windowMs the detector's window: per-window counts are for windows of this length, from the epoch */
  public LookupCounts(long windowMs) {
    this.windowMs = windowMs;
  }

  /** Counts one lookup of {@code name} by {@code source} at {@code time} (epoch milliseconds). */
  public void add(String name, String source, long time) {
    counts.computeIfAbsent(name, n -> new HashMap<>())
        .computeIfAbsent(source, s -> new HashMap<>())
        .merge(Math.floorDiv(time, HOUR_MS) * HOUR_MS, 1L, Long::sum);
    long window = Math.floorDiv(time, windowMs) * windowMs;
    sourcesPerWindow.computeIfAbsent(name, n -> new HashMap<>()).computeIfAbsent(window, w -> new HashSet<>()).add(source);
    lookupsPerWindow.computeIfAbsent(name, n -> new HashMap<>()).merge(window, 1L, Long::sum);
  }

  /**
   * Lookups and distinct sources of {@code name} in each detector window that overlaps [{@code from},
   * {@code to}), the first being the window holding {@code from}.
   */
  public WindowSeries perWindow(String name, long from, long to) {
    long first = Math.floorDiv(from, windowMs) * windowMs;
    int windows = (int) ((to - first + windowMs - 1) / windowMs);
    long[] lookups = new long[windows];
    long[] sources = new long[windows];
    for (int w = 0; w < windows; w++) {
      long start = first + w * windowMs;
      lookups[w] = lookupsPerWindow.getOrDefault(name, Map.of()).getOrDefault(start, 0L);
      sources[w] = sourcesPerWindow.getOrDefault(name, Map.of()).getOrDefault(start, Set.of()).size();
    }
    return new WindowSeries(name, first, windowMs, lookups, sources);
  }

  /**
   * One name's lookups and distinct sources per detector window.
   *
   * @param from start of the first window (epoch milliseconds)
   */
  public record WindowSeries(String name, long from, long windowMs, long[] lookups, long[] sources) {}

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
