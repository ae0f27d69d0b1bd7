package io.narrowcast.detect;

import io.narrowcast.config.DetectionConfig;
import io.narrowcast.state.QuerierSet;
import io.narrowcast.state.SourceCount;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.datasketches.hll.Union;

/**
 * The querier-set collapse rule of DESIGN.md: the baseline windows saw many distinct sources, the
 * current window sees at most a few, the name is still in use, and those few were minor in the
 * baseline. A pure function of the window and its baseline.
 */
public final class CollapseDetector {
  private final DetectionConfig config;

  public CollapseDetector(DetectionConfig config) {
    this.config = config;
  }

  /**
   * Cheap first test on the current window alone, before the baseline is read: still in use, and at
   * most max-remaining-sources sources make its lookups (strays up to max-stray-share aside).
   */
  public boolean isCandidate(QuerierSet current) {
    return current.queries() >= config.minQueries() && isNarrow(current);
  }

  /** At most max-remaining-sources sources make all but max-stray-share of the window's lookups. */
  public boolean isNarrow(QuerierSet window) {
    return window.distinctSources() <= config.maxRemainingSources() || core(window).size() <= config.maxRemainingSources();
  }

  /**
   * The sources that made the window's lookups apart from the strays: the busiest ones until they
   * cover all but max-stray-share of the lookups.
   */
  public List<String> core(QuerierSet window) {
    return core(window.sourceCounts(), window.queries(), config.maxStrayShare()).stream().map(SourceCount::source).toList();
  }

  /**
   * The busiest of {@code sources} (most lookups first) until they cover all but {@code strayShare}
   * of {@code total} lookups.
   */
  public static List<SourceCount> core(List<SourceCount> sources, long total, double strayShare) {
    List<SourceCount> core = new java.util.ArrayList<>();
    long covered = 0;
    for (SourceCount source : sources) {
      if (covered >= (1.0 - strayShare) * total) {
        break;
      }
      core.add(source);
      covered += source.queries();
    }
    return core;
  }

  /**
   * Whether {@code window} is made by {@code few} (the busy sources of the windows already theirs): it
   * is narrow, and when in use, the few and the sources it takes beyond them to make all but
   * max-stray-share of its lookups are at most max-remaining-sources. Those sources join the few.
   */
  public boolean joinsFew(Set<String> few, QuerierSet window) {
    if (!isNarrow(window)) {
      return false;
    }
    if (window.queries() < config.minQueries()) {
      return true; // a quiet window says little about who the few are: its strays do not count
    }
    long covered = few.stream().mapToLong(window::queriesBy).sum();
    List<String> beyond = new java.util.ArrayList<>();
    for (SourceCount source : window.sourceCounts()) {
      if (covered >= (1.0 - config.maxStrayShare()) * window.queries()) {
        break;
      }
      if (!few.contains(source.source())) {
        beyond.add(source.source());
        covered += source.queries();
      }
    }
    if (few.size() + beyond.size() > config.maxRemainingSources()) {
      return false;
    }
    few.addAll(beyond);
    return true;
  }

  /** The busy sources of {@code windows} together: those that made all but max-stray-share of their lookups. */
  private List<String> busy(List<QuerierSet> windows) {
    List<SourceCount> merged = merged(windows);
    long total = merged.stream().mapToLong(SourceCount::queries).sum();
    return core(merged, total, config.maxStrayShare()).stream().map(SourceCount::source).toList();
  }

  /** Whether each of {@code few} made lookups in at least min-narrow-windows of {@code windows}. */
  private boolean everyOneRecurs(List<String> few, List<QuerierSet> windows) {
    return few.stream().allMatch(source ->
        windows.stream().filter(window -> window.queriesBy(source) > 0).count() >= config.minNarrowWindows());
  }

  /**
   * The collapse in the window at {@code currentStart} against the windows before it ({@code previous}:
   * the last baseline-windows windows with lookups, oldest first), if any.
   *
   * <p>Walking back from the current window, windows in which the few already made the lookups
   * (narrow and in use) belong to the collapse itself, and quiet narrow windows (a weekend) do not
   * interrupt it; the first broad window ends the walk. The few must be the same few throughout: a
   * window in use that the few of the windows after it could not make without more than
   * max-remaining-sources sources in all ends the walk too ({@link #joinsFew}), and each busy source
   * of the streak's lookups must have made lookups in at least min-narrow-windows of its windows in
   * use. A name sampled thinly (a few lookups a window, from whichever two or three of its many
   * sources happen to need it) is narrow in every window, but with different few each time; the
   * pattern is the same few, window after window. The name must
   * have been narrow and in use in at least min-narrow-windows windows of that streak: the few query
   * it persistently, not once by chance. The baseline is everything before the streak.
   *
   * <p>What closes an open collapse also ends the walk: a window in which the name stopped resolving,
   * and a quiet spell of dark-after. A collapse found after a close then starts after it, and so has
   * an id of its own rather than that of the closed one. A window in which the name stopped resolving
   * opens nothing: it would close at once.
   */
  public Optional<Collapse> evaluate(long currentStart, QuerierSet current, List<WindowSet> previous) {
    if (!isCandidate(current) || current.stoppedResolving()) {
      return Optional.empty();
    }
    Set<String> few = new HashSet<>(core(current));
    List<QuerierSet> inUse = new java.util.ArrayList<>(List.of(current));
    int streakStart = previous.size();
    long next = currentStart;
    for (int i = previous.size() - 1; i >= 0; i--) {
      QuerierSet window = previous.get(i).set();
      long start = previous.get(i).start();
      if (window.stoppedResolving() || next - (start + config.windowMs()) >= config.darkAfter().toMillis()) {
        break;
      }
      if (isCandidate(window)) {
        if (!joinsFew(few, window)) {
          break; // narrow, but made by others: the few changed, and this window is the baseline's
        }
        inUse.add(window);
        streakStart = i;
      } else if (!isNarrow(window)) {
        break;
      }
      next = start;
    }
    int narrowWindows = inUse.size();
    if (narrowWindows < config.minNarrowWindows() || !everyOneRecurs(busy(inUse), inUse)) {
      return Optional.empty();
    }
    List<QuerierSet> baseline = previous.subList(0, streakStart).stream().map(WindowSet::set).toList();
    if (baseline.size() < config.minBaselineWindows()) {
      return Optional.empty();
    }
    long baselineSources = distinctUnion(baseline);
    if (baselineSources < config.minBaselineSources()) {
      return Optional.empty();
    }
    List<QuerierSet> streak = new java.util.ArrayList<>(previous.subList(streakStart, previous.size()).stream()
        .map(WindowSet::set).toList());
    streak.add(current);
    List<SourceCount> remaining = merged(streak);
    long queries = streak.stream().mapToLong(QuerierSet::queries).sum();
    long baselineQueries = 0;
    long remainingInBaseline = 0;
    for (QuerierSet window : baseline) {
      baselineQueries += window.queries();
      for (SourceCount source : remaining) {
        remainingInBaseline += window.queriesBy(source.source());
      }
    }
    double share = baselineQueries == 0 ? 0.0 : (double) remainingInBaseline / baselineQueries;
    if (share > config.maxBaselineShare()) {
      return Optional.empty();
    }
    double fellAway = Math.max(0.0, 1.0 - (double) remaining.size() / baselineSources);
    double score = fellAway * (1.0 - share);
    long start = streakStart < previous.size() ? previous.get(streakStart).start() : currentStart;
    return Optional.of(new Collapse(start, remaining, remaining.size(), queries, narrowWindows,
        baselineSources, baselineQueries, share, score));
  }

  /** Each source's lookups over {@code windows}, most first. */
  private static List<SourceCount> merged(List<QuerierSet> windows) {
    java.util.Map<String, Long> counts = new java.util.HashMap<>();
    windows.forEach(w -> w.sourceCounts().forEach(s -> counts.merge(s.source(), s.queries(), Long::sum)));
    return counts.entrySet().stream().map(e -> new SourceCount(e.getKey(), e.getValue()))
        .sorted(java.util.Comparator.comparingLong(SourceCount::queries).reversed().thenComparing(SourceCount::source))
        .toList();
  }

  /** Distinct sources across windows: exact when every window is, else an HLL union estimate. */
  static long distinctUnion(List<QuerierSet> windows) {
    if (windows.stream().allMatch(QuerierSet::isExact)) {
      Set<String> all = new HashSet<>();
      windows.forEach(window -> window.addExactSourcesTo(all));
      return all.size();
    }
    Union union = new Union(QuerierSet.HLL_LG_K);
    windows.forEach(window -> window.addSourcesTo(union));
    return Math.round(union.getEstimate());
  }
}
