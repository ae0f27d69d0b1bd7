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
   * The collapse in {@code current} against the windows before it ({@code previous}: the last
   * baseline-windows windows with lookups, oldest first), if any. The baseline is what came before
   * the name turned narrow: the narrow windows right before the current one belong to the collapse
   * itself (its first days may have had a stray, or too few lookups), not to what it collapsed from.
   */
  public Optional<Collapse> evaluate(QuerierSet current, List<QuerierSet> previous) {
    if (!isCandidate(current)) {
      return Optional.empty();
    }
    int streakStart = previous.size();
    while (streakStart > 0 && isNarrow(previous.get(streakStart - 1))) {
      streakStart--;
    }
    List<QuerierSet> baseline = previous.subList(0, streakStart);
    if (baseline.size() < config.minBaselineWindows()) {
      return Optional.empty();
    }
    long baselineSources = distinctUnion(baseline);
    if (baselineSources < config.minBaselineSources()) {
      return Optional.empty();
    }
    long baselineQueries = 0;
    long remainingInBaseline = 0;
    var remaining = current.sourceCounts();
    for (QuerierSet window : baseline) {
      baselineQueries += window.queries();
      for (var source : remaining) {
        remainingInBaseline += window.queriesBy(source.source());
      }
    }
    double share = baselineQueries == 0 ? 0.0 : (double) remainingInBaseline / baselineQueries;
    if (share > config.maxBaselineShare()) {
      return Optional.empty();
    }
    double fellAway = 1.0 - (double) current.distinctSources() / baselineSources;
    double score = fellAway * (1.0 - share);
    return Optional.of(new Collapse(remaining, current.distinctSources(), current.queries(),
        baselineSources, baselineQueries, share, score));
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
