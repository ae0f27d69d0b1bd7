package io.narrowcast.detect;

import io.narrowcast.state.SourceCount;
import java.util.List;

/**
 * A rename: {@code oldName} went dark and {@code newName} was soon queried by the same few sources.
 *
 * @param oldName the name that went dark
 * @param newName the newly seen name
 * @param darkAt when the old name went dark
 * @param firstSeen the new name's first lookup
 * @param windowStart start of the new name's first window
 * @param windowEnd end of that window
 * @param shared the new name's early sources that also queried the old name, with their lookups of the new name
 * @param newSources how many sources the new name had in its first window
 * @param newQueries the new name's lookups in its first window
 * @param oldSources how many recent sources the old name had
 * @param oldQueries the old name's recent lookups
 * @param sharedAnswers answer values both names had (the same address)
 * @param firstQuerierShared whether the new name's first lookup came from one of the old name's sources
 * @param containment shared / new sources
 * @param score 0..1: containment, raised by shared answers and a shared first querier
 */
public record RenameMatch(
    String oldName, String newName, long darkAt, long firstSeen, long windowStart, long windowEnd,
    List<SourceCount> shared, int newSources, long newQueries, int oldSources, long oldQueries,
    List<String> sharedAnswers, boolean firstQuerierShared, double containment, double score) {

  public RenameMatch {
    shared = List.copyOf(shared);
    sharedAnswers = List.copyOf(sharedAnswers);
  }

  public long lagMillis() {
    return firstSeen - darkAt;
  }
}
