package io.narrowcast.detect;

import io.narrowcast.state.SourceCount;
import java.util.List;

/**
 * A querier-set collapse found in one window.
 *
 * @param remaining the few sources left, most lookups first
 * @param distinctSources distinct sources in the window
 * @param queries lookups in the window
 * @param baselineSources distinct sources over the baseline windows
 * @param baselineQueries lookups over the baseline windows
 * @param baselineShare share of baseline lookups made by the remaining sources
 * @param score 0..1, higher when more sources fell away and the remaining ones were minor before
 */
public record Collapse(
    List<SourceCount> remaining, long distinctSources, long queries,
    long baselineSources, long baselineQueries, double baselineShare, double score) {

  public Collapse {
    remaining = List.copyOf(remaining);
  }
}
