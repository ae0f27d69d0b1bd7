package io.narrowcast.detect;

import io.narrowcast.config.DetectionConfig;
import io.narrowcast.detect.RenameCandidate.Side;
import io.narrowcast.normalize.DomainNames;
import io.narrowcast.state.SourceCount;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rename-following rule of DESIGN.md. A dark name A and a newly seen name B match when B's first
 * lookup came within rename-max-lag after A went dark, both querier sets are small, most of B's early
 * sources queried A, those shared sources were A's main queriers (they made at least
 * rename-min-old-share of A's recent lookups), and there are at least rename-min-shared-sources of
 * them. Each shared source finds the match on its own ({@link #match}); whether the match is evidence
 * of a rename is decided on all their reports ({@link #isEvident}): shared sources count only as far
 * as they rarely take up new names, and a tie between the names (a shared answer, names alike) counts
 * as one more. Pure functions.
 */
public final class RenameMatcher {
  /** A run of letters long enough to name something (a brand), not an abbreviation. */
  private static final Pattern WORD = Pattern.compile("[a-z]{3,}");

  private final DetectionConfig config;

  public RenameMatcher(DetectionConfig config) {
    this.config = config;
  }

  /**
   * Whether a candidate can be one side of a rename at all, and so is fanned out to its sources: its
   * querier set is small, and holds at least the rename-min-shared-sources a rename needs (a name of
   * one source never matches, and a source's many such names would crowd out those that can).
   */
  public boolean mayMatch(RenameCandidate candidate) {
    int size = candidate.sources().size();
    return size >= config.renameMinSharedSources() && size <= config.renameMaxSources();
  }

  /**
   * The rename of {@code retired} into {@code born}, if they match, as the source {@code at} sees
   * them: {@code born} as that source keeps it, with the other new names it took up before.
   */
  public Optional<RenameMatch> match(RenameCandidate retired, RenameCandidate born, String at) {
    if (retired.side() != Side.RETIRED || born.side() != Side.BORN || born.warmingUp()
        || retired.domain().equals(born.domain()) || !mayMatch(retired) || !mayMatch(born)) {
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
      return Optional.empty(); // a shared answer alone is no rename: one host's CDN names share edge addresses
    }
    List<String> sharedAnswers = born.answers().stream().filter(retired.answers()::contains).toList();
    boolean firstShared = born.firstSource() != null && oldSources.containsKey(born.firstSource());
    return Optional.of(new RenameMatch(retired.domain(), born.domain(), retired.time(), born.time(),
        born.windowStart(), born.windowEnd(), shared, born.sources().size(), born.queries(),
        retired.sources().size(), retired.queries(), sharedAnswers, firstShared, containment,
        alike(retired.domain(), born.domain()), Map.of(at, born.newNamesBefore())));
  }

  /**
   * Whether the shared sources' reports make {@code match} a rename: the shared sources, each counted
   * by how rarely it takes up new names, and one more for a tie between the names, are at least
   * rename-min-shared-sources. On a small network every host takes up new names all day, and every
   * dark name shares its few with them: there the sources say nothing and only a tie could.
   */
  public boolean isEvident(RenameMatch match) {
    return match.specificSources() + (match.tied() ? 1 : 0) >= config.renameMinSharedSources();
  }

  /**
   * Whether two names look alike: the same registered domain, or the brand of one (the first word of
   * the label before its public suffix: {@code trump} of {@code mail1.trump-email.com}) is a word of
   * the other's labels ({@code trump1.contact-client.com}).
   */
  static boolean alike(String a, String b) {
    String registeredA = DomainNames.registeredDomain(a);
    String registeredB = DomainNames.registeredDomain(b);
    return registeredA.equals(registeredB) || brandIn(registeredA, b, registeredB) || brandIn(registeredB, a, registeredA);
  }

  private static boolean brandIn(String registered, String other, String otherRegistered) {
    Matcher brand = WORD.matcher(firstLabel(registered));
    if (!brand.find()) {
      return false;
    }
    // the other's labels before its public suffix: its registered domain's first label and those below it
    int suffix = otherRegistered.indexOf('.');
    String owned = suffix < 0 ? other : other.substring(0, other.length() - (otherRegistered.length() - suffix));
    return words(owned).contains(brand.group());
  }

  private static String firstLabel(String name) {
    int dot = name.indexOf('.');
    return dot < 0 ? name : name.substring(0, dot);
  }

  private static Set<String> words(String text) {
    Set<String> words = new HashSet<>();
    Matcher word = WORD.matcher(text);
    while (word.find()) {
      words.add(word.group());
    }
    return words;
  }
}
