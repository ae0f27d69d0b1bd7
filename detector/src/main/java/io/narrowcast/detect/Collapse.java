package io.narrowcast.detect;

import io.narrowcast.state.SourceCount;
import java.util.List;

/**
 * A querier-set collapse, found in a window after the name had been narrow for a few windows.
 *
 * @param start start of the first window of the narrow streak: when the collapse began
 * @param remaining the few sources over the streak, most lookups first
 * @param distinctSources distinct sources over the streak
 * @param queries lookups over the streak
 * @param narrowWindows windows of the streak in which the few made at least min-queries lookups
 * @param baselineSources distinct sources over the baseline windows (before the streak)
 * @param baselineQueries lookups over the baseline windows
 * @param baselineShare share of baseline lookups made by the remaining sources
 * @param score 0..1, higher when more sources fell away and the remaining ones were minor before
 */
public record Collapse(
    long start, List<SourceCount> remaining, long distinctSources, long queries, int narrowWindows,
    long baselineSources, long baselineQueries, double baselineShare, double score) {

  public Collapse {
    remaining = List.copyOf(remaining);
  }
}
