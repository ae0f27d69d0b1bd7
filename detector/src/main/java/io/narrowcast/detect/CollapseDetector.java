package io.narrowcast.detect;

import io.narrowcast.config.DetectionConfig;
import io.narrowcast.state.QuerierSet;
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

  /** Cheap first test on the current window alone, before the baseline is read. */
  public boolean isCandidate(QuerierSet current) {
    return current.queries() >= config.minQueries() && current.distinctSources() <= config.maxRemainingSources();
  }

  /**
   * Whether an open collapse still holds in {@code window}: at most max-remaining-sources sources, or
   * the top ones made all but max-stray-share of the lookups.
   */
  public boolean holds(QuerierSet window) {
    if (window.distinctSources() <= config.maxRemainingSources()) {
      return true;
    }
    long top = window.sourceCounts().stream().limit(config.maxRemainingSources()).mapToLong(s -> s.queries()).sum();
    return top >= (1.0 - config.maxStrayShare()) * window.queries();
  }

  /**
   * The sources that made the window's lookups apart from the strays: the busiest ones until they
   * cover all but max-stray-share of the lookups.
   */
  public List<String> core(QuerierSet window) {
    List<String> core = new java.util.ArrayList<>();
    long covered = 0;
    for (var source : window.sourceCounts()) {
      if (covered >= (1.0 - config.maxStrayShare()) * window.queries()) {
        break;
      }
      core.add(source.source());
      covered += source.queries();
    }
    return core;
  }

  /** The collapse in {@code current} against {@code baseline} (windows with lookups only), if any. */
  public Optional<Collapse> evaluate(QuerierSet current, List<QuerierSet> baseline) {
    if (!isCandidate(current) || baseline.size() < config.minBaselineWindows()) {
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
