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
 * @param newNamesBefore a new name as one of its sources keeps it: the other new names that source
 *     took up in the rename-max-lag before this one's first window (0 as the aggregator sends it)
 * @param warmingUp a new name within rename-max-lag of the first window a name could be new in: the
 *     new names its sources took up before are not known, so it counts towards theirs but matches nothing
 */
public record RenameCandidate(
    Side side, String domain, long time, long windowStart, long windowEnd,
    List<SourceCount> sources, List<String> answers, String firstSource, int newNamesBefore, boolean warmingUp) {

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

  /** A candidate as the aggregator decides it, before any source counts the new names it took up. */
  public RenameCandidate(Side side, String domain, long time, long windowStart, long windowEnd,
      List<SourceCount> sources, List<String> answers, String firstSource) {
    this(side, domain, time, windowStart, windowEnd, sources, answers, firstSource, 0, false);
  }

  /** This candidate as kept by a source that took up {@code count} other new names in the lag before it. */
  public RenameCandidate withNewNamesBefore(int count) {
    return new RenameCandidate(side, domain, time, windowStart, windowEnd, sources, answers, firstSource, count, warmingUp);
  }

  public long queries() {
    return sources.stream().mapToLong(SourceCount::queries).sum();
  }
}
