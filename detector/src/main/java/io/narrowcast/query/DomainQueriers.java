package io.narrowcast.query;

import io.narrowcast.state.QuerierSet;
import io.narrowcast.state.SourceCount;
import java.time.Instant;
import java.util.List;

/**
 * The answer of {@code /api/domains/{name}/queriers}: who queried a domain, window by window, oldest
 * first. Times are ISO-8601 UTC; {@code from} and {@code to} are null when the query was unbounded.
 *
 * @param domain the domain as the detector counts it (normalized; the registered domain at that granularity)
 * @param servedBy the instance whose state store answered (its {@code --http-advertise} address)
 */
public record DomainQueriers(String domain, String from, String to, String servedBy, List<Window> windows) {
  public DomainQueriers {
    windows = List.copyOf(windows);
  }

  /**
   * One window of one domain.
   *
   * @param distinctSources exact when {@code exact}, else the sketch's estimate
   * @param sources the exactly counted sources, most lookups first; share = their lookups / all lookups
   * @param answers up to a few answer values seen in the window
   */
  public record Window(String windowStart, String windowEnd, long queries, long nxdomain, long distinctSources,
      boolean exact, String firstSource, String firstSeen, List<Source> sources, List<String> answers) {
    public Window {
      sources = List.copyOf(sources);
      answers = List.copyOf(answers);
    }

    /** The window starting at {@code start} as {@code set} describes it. */
    public static Window of(Instant start, Instant end, QuerierSet set) {
      List<Source> sources = set.sourceCounts().stream()
          .map(s -> Source.of(s, set.queries()))
          .toList();
      String firstSeen = set.firstSource() == null ? null : Instant.ofEpochMilli(set.firstSeen()).toString();
      return new Window(start.toString(), end.toString(), set.queries(), set.nxdomain(), set.distinctSources(),
          set.isExact(), set.firstSource(), firstSeen, sources, set.answers());
    }
  }

  /** A source and its lookups in the window. */
  public record Source(String source, long queries, double share) {
    private static final double ROUNDING = 10_000.0;

    static Source of(SourceCount count, long allQueries) {
      double share = allQueries == 0 ? 0 : Math.round(count.queries() * ROUNDING / allQueries) / ROUNDING;
      return new Source(count.source(), count.queries(), share);
    }
  }
}
