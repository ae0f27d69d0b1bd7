package io.narrowcast.detect;

import io.narrowcast.state.SourceCount;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A rename: {@code oldName} went dark and {@code newName} was soon queried by the same few sources.
 * Each shared source finds it on its own and reports how often it takes up new names; the reports of
 * all of them, merged, say how much the shared sources are worth as evidence.
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
 * @param namesAlike whether the names look alike: the same registered domain, or the brand of one in the other
 * @param newNamesBefore for each shared source that reported the match, the other new names (that a
 *     rename could take: queried by enough sources) it took up in the rename-max-lag before the new name's first window
 */
public record RenameMatch(
    String oldName, String newName, long darkAt, long firstSeen, long windowStart, long windowEnd,
    List<SourceCount> shared, int newSources, long newQueries, int oldSources, long oldQueries,
    List<String> sharedAnswers, boolean firstQuerierShared, double containment, boolean namesAlike,
    Map<String, Integer> newNamesBefore) {
  /** Score weights: containment of specific sources is the evidence; a tie and a shared first querier add to it. */
  static final double CONTAINMENT_WEIGHT = 0.6;
  static final double TIE_WEIGHT = 0.25;
  static final double FIRST_QUERIER_WEIGHT = 0.15;

  public RenameMatch {
    shared = List.copyOf(shared);
    sharedAnswers = List.copyOf(sharedAnswers);
    newNamesBefore = newNamesBefore == null ? Map.of() : Map.copyOf(newNamesBefore);
  }

  public long lagMillis() {
    return firstSeen - darkAt;
  }

  /** The same match with the reports of {@code other}'s sources added. */
  public RenameMatch merge(RenameMatch other) {
    Map<String, Integer> reports = new TreeMap<>(newNamesBefore);
    reports.putAll(other.newNamesBefore);
    return new RenameMatch(oldName, newName, darkAt, firstSeen, windowStart, windowEnd, shared, newSources, newQueries,
        oldSources, oldQueries, sharedAnswers, firstQuerierShared, containment, namesAlike, reports);
  }

  /**
   * The shared sources, each counted by how rarely it takes up new names: 1 / (1 + the other new names
   * it took up in the rename-max-lag before), so a source that took up B alone counts 1 and one that
   * took up nine others a tenth. Of the new names a source takes up, its lookups vouch for at most one
   * as the old name's successor. A source that did not report counts nothing.
   */
  public double specificSources() {
    return shared.stream().map(SourceCount::source).filter(newNamesBefore::containsKey)
        .mapToDouble(source -> 1.0 / (1 + newNamesBefore.get(source))).sum();
  }

  /** Whether something besides the sources ties the two names: a shared answer, or names alike. */
  public boolean tied() {
    return !sharedAnswers.isEmpty() || namesAlike;
  }

  /** 0..1: the containment, discounted by how specific the shared sources are; a tie and a shared first querier add to it. */
  public double score() {
    double specific = shared.isEmpty() ? 0 : specificSources() / shared.size();
    return CONTAINMENT_WEIGHT * containment * specific + (tied() ? TIE_WEIGHT : 0)
        + (firstQuerierShared ? FIRST_QUERIER_WEIGHT : 0);
  }
}
