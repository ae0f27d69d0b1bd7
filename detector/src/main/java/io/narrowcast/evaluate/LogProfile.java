package io.narrowcast.evaluate;

import io.narrowcast.avro.DnsEvent;
import io.narrowcast.ingest.EventsOnlySink;
import io.narrowcast.ingest.FileIngestor;
import io.narrowcast.ingest.Format;
import io.narrowcast.ingest.IngestSummary;
import io.narrowcast.normalize.Sources;
import io.narrowcast.ingest.InvalidRecordException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a background log holds, as far as injecting anomalies into it needs: when its events happened,
 * who made them, and the names under the suffix the injected names use. The log is read as replay
 * reads it (the same parsers, normalization and refusals), but only these facts are kept, not the
 * events, so a large log costs twelve bytes an event.
 */
public final class LogProfile {
  private final IngestSummary summary;
  private final long[] times;
  private final int[] sources;
  private final List<String> sourceNames;
  private final Set<String> namesUnder;

  private LogProfile(IngestSummary summary, long[] times, int[] sources, List<String> sourceNames, Set<String> namesUnder) {
    this.summary = summary;
    this.times = times;
    this.sources = sources;
    this.sourceNames = sourceNames;
    this.namesUnder = namesUnder;
  }

  /**
   * Reads {@code files} in {@code format}.
   *
   * @param suffix names ending in it are remembered ({@link #namesUnder()}), so that injected names avoid them
   */
  public static LogProfile read(List<Path> files, Format format, String suffix) throws IOException {
    Collector collector = new Collector(suffix);
    IngestSummary summary = new IngestSummary();
    new FileIngestor(collector, summary).ingest(files, format);
    return new LogProfile(summary, Arrays.copyOf(collector.times, collector.size),
        Arrays.copyOf(collector.sources, collector.size), List.copyOf(collector.sourceNames), Set.copyOf(collector.namesUnder));
  }

  /** What became of the log's records: read, accepted, rejected, skipped. */
  public IngestSummary summary() {
    return summary;
  }

  /** Events accepted from the log. */
  public int events() {
    return times.length;
  }

  /** Names in the log under the suffix asked for. */
  public Set<String> namesUnder() {
    return namesUnder;
  }

  /**
   * The busiest stretch of the log: while some pause lasts longer than half of what is left, the side of
   * it holding more events. A clock that was wrong for a while (a device stamping 2010 in a 2022
   * capture) or two captures days apart then leave the span of the traffic itself, which is what the
   * detector's windows have to fit; the pauses of one capture, however long, do not split it.
   *
   * @throws IllegalStateException when the log has no events
   */
  public Stretch busiestStretch() {
    if (times.length == 0) {
      throw new IllegalStateException("no events");
    }
    long[] sorted = times.clone();
    Arrays.sort(sorted);
    int first = 0;
    int last = sorted.length - 1;
    while (true) {
      int gap = first;
      for (int i = first; i < last; i++) {
        if (sorted[i + 1] - sorted[i] > sorted[gap + 1] - sorted[gap]) {
          gap = i;
        }
      }
      if (first == last || 2 * (sorted[gap + 1] - sorted[gap]) <= sorted[last] - sorted[first]) {
        return new Stretch(sorted[first], sorted[last], last - first + 1);
      }
      if (gap + 1 - first >= last - gap) {
        last = gap;
      } else {
        first = gap + 1;
      }
    }
  }

  /**
   * The sources of the events in [{@code from}, {@code to}], busiest first (ties by name), each counted
   * as the detector counts sources at {@code granularity}: two addresses of one /24 are one source by prefix.
   */
  public List<String> busiestSources(long from, long to, Sources.Granularity granularity) {
    Map<String, Long> lookups = new HashMap<>();
    for (int i = 0; i < times.length; i++) {
      if (times[i] >= from && times[i] <= to) {
        lookups.merge(sourceNames.get(sources[i]), 1L, Long::sum);
      }
    }
    Map<String, Long> bySource = new HashMap<>();
    Map<String, String> busiestAddress = new HashMap<>();
    lookups.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .forEach(e -> {
          String source = canonical(e.getKey(), granularity);
          bySource.merge(source, e.getValue(), Long::sum);
          busiestAddress.putIfAbsent(source, e.getKey());
        });
    return bySource.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .map(e -> busiestAddress.get(e.getKey())).toList();
  }

  /** Every source of the log as the detector counts it at {@code granularity}. */
  public Set<String> allSources(Sources.Granularity granularity) {
    Set<String> out = new HashSet<>();
    sourceNames.forEach(s -> out.add(canonical(s, granularity)));
    return out;
  }

  /** Sources in the log are already canonical addresses, so they cannot be refused here. */
  static String canonical(String address, Sources.Granularity granularity) {
    try {
      return Sources.canonical(address, granularity);
    } catch (InvalidRecordException e) {
      throw new IllegalStateException("ingest accepted the source " + address, e);
    }
  }

  /**
   * A stretch of the log's events.
   *
   * @param from time of its first event (epoch milliseconds)
   * @param to time of its last
   * @param events how many it holds
   */
  public record Stretch(long from, long to, int events) {
    public long millis() {
      return to - from;
    }
  }

  /** Keeps each accepted event's time and source; dead letters are counted by the summary alone. */
  private static final class Collector extends EventsOnlySink {
    private final String suffix;
    private final Map<String, Integer> sourceIds = new HashMap<>();
    private final List<String> sourceNames = new ArrayList<>();
    private final Set<String> namesUnder = new HashSet<>();
    private long[] times = new long[1024];
    private int[] sources = new int[1024];
    private int size;

    Collector(String suffix) {
      this.suffix = suffix;
    }

    @Override
    public void event(String key, DnsEvent event) {
      if (size == times.length) {
        times = Arrays.copyOf(times, size * 2);
        sources = Arrays.copyOf(sources, size * 2);
      }
      times[size] = event.getEventTime().toEpochMilli();
      sources[size] = sourceIds.computeIfAbsent(event.getSourceIp(), s -> {
        sourceNames.add(s);
        return sourceNames.size() - 1;
      });
      size++;
      if (event.getQuery().endsWith(suffix)) {
        namesUnder.add(event.getQuery());
      }
    }
  }
}
