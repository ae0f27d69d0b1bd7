package io.narrowcast.detect;

import io.narrowcast.config.DetectionConfig;
import io.narrowcast.detect.RenameCandidate.Side;
import io.narrowcast.state.SourceCount;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;

/**
 * The rename-following rule of DESIGN.md. A dark name A and a newly seen name B match when B's first
 * lookup came within rename-max-lag after A went dark, both querier sets are small, most of B's early
 * sources queried A, those shared sources were A's main queriers (they made at least
 * rename-min-old-share of A's recent lookups), and there is more than one shared source or a shared
 * answer. A pure function.
 */
public final class RenameMatcher {
  /** Score weights: containment is the evidence; a shared answer and a shared first querier add to it. */
  static final double CONTAINMENT_WEIGHT = 0.6;
  static final double SHARED_ANSWER_WEIGHT = 0.25;
  static final double FIRST_QUERIER_WEIGHT = 0.15;

  private final DetectionConfig config;

  public RenameMatcher(DetectionConfig config) {
    this.config = config;
  }

  /** Whether a candidate's querier set is small enough to be fanned out and matched at all. */
  public boolean isSmall(RenameCandidate candidate) {
    return !candidate.sources().isEmpty() && candidate.sources().size() <= config.renameMaxSources();
  }

  /** The rename of {@code retired} into {@code born}, if they match. */
  public Optional<RenameMatch> match(RenameCandidate retired, RenameCandidate born) {
    if (retired.side() != Side.RETIRED || born.side() != Side.BORN || retired.domain().equals(born.domain())
        || !isSmall(retired) || !isSmall(born)) {
      return Optional.empty();
    }
    long lag = born.time() - retired.time();
    if (lag < 0 || lag > config.renameMaxLag().toMillis()) {
      return Optional.empty();
    }
    Map<String, Long> oldSources = new HashMap<>();
    retired.sources().forEach(s -> oldSources.put(s.source(), s.queries()));
    List<SourceCount> shared = new ArrayList<>();
    for (SourceCount source : born.sources()) {
      if (oldSources.containsKey(source.source())) {
        shared.add(source);
      }
    }
    double containment = (double) shared.size() / born.sources().size();
    if (containment < config.renameMinContainment()) {
      return Optional.empty();
    }
    long sharedOldLookups = shared.stream().mapToLong(s -> oldSources.get(s.source())).sum();
    if (sharedOldLookups < config.renameMinOldShare() * retired.queries()) {
      return Optional.empty(); // the old name's occasional queriers, not the few that made it
    }
    if (shared.size() < config.renameMinSharedSources()) {
      return Optional.empty(); // a shared answer only adds to the score: one host's CDN names share edge addresses
    }
    List<String> sharedAnswers = born.answers().stream().filter(retired.answers()::contains).toList();
    boolean firstShared = born.firstSource() != null && oldSources.containsKey(born.firstSource());
    double score = CONTAINMENT_WEIGHT * containment
        + (sharedAnswers.isEmpty() ? 0 : SHARED_ANSWER_WEIGHT)
        + (firstShared ? FIRST_QUERIER_WEIGHT : 0);
    return Optional.of(new RenameMatch(retired.domain(), born.domain(), retired.time(), born.time(),
        born.windowStart(), born.windowEnd(), shared, born.sources().size(), born.queries(),
        retired.sources().size(), retired.queries(), sharedAnswers, firstShared, containment, score));
  }
}
