package io.narrowcast.detect;

import io.narrowcast.state.SourceCount;
import java.util.List;

/**
 * One side of a possible rename, sent to every source it names: a name that went dark (with its
 * recent querier set and answers) or a newly seen name (with its first window's queriers and answers);
 * or a dark name that resolved again, which withdraws its dark side.
 *
 * @param side which side
 * @param domain the name
 * @param time when it went dark, its first lookup, or (revived) the start of the window it answered in
 * @param windowStart start of the window it was decided in (the new name's first window)
 * @param windowEnd end of that window
 * @param sources its querier set, most lookups first (revived: every recent source, to reach all that had it dark)
 * @param answers its answer values
 * @param firstSource the source of the new name's first lookup (null for a dark name)
 */
public record RenameCandidate(
    Side side, String domain, long time, long windowStart, long windowEnd,
    List<SourceCount> sources, List<String> answers, String firstSource) {

  /** Dark (the old name) or newly seen (the new one); or revived, no longer dark. */
  public enum Side {
    RETIRED,
    BORN,
    /** A dark name answered again: it was not renamed, and its RETIRED side is forgotten. */
    REVIVED
  }

  public RenameCandidate {
    sources = List.copyOf(sources);
    answers = List.copyOf(answers);
  }

  public long queries() {
    return sources.stream().mapToLong(SourceCount::queries).sum();
  }
}
