package io.narrowcast.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.narrowcast.config.DetectionConfig;
import io.narrowcast.detect.RenameCandidate.Side;
import io.narrowcast.state.SourceCount;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The rename rule on each side of each threshold (defaults: lag 7 days, 10 sources, containment 0.5, 2 shared). */
class RenameMatcherTest {
  static final long DARK = 1_474_632_000_000L; // 2016-09-23T12:00Z
  static final long HOUR = 3_600_000L;
  final RenameMatcher matcher = new RenameMatcher(DetectionConfig.defaults());

  static List<SourceCount> sources(String... names) {
    return java.util.Arrays.stream(names).map(n -> new SourceCount(n, 10)).toList();
  }

  static RenameCandidate old(List<SourceCount> sources, List<String> answers) {
    return new RenameCandidate(Side.RETIRED, "mail1.example.com", DARK, DARK - 12 * HOUR, DARK + 12 * HOUR, sources, answers, null);
  }

  static RenameCandidate born(long at, List<SourceCount> sources, List<String> answers, String first) {
    return new RenameCandidate(Side.BORN, "trump1.contact-client.net", at, at - at % (24 * HOUR), at - at % (24 * HOUR) + 24 * HOUR,
        sources, answers, first);
  }

  /** The match as the alert stage has it once each of {@code b}'s sources reported it (none took up other new names). */
  Optional<RenameMatch> match(RenameCandidate a, RenameCandidate b) {
    return b.sources().stream().map(s -> matcher.match(a, b, s.source())).flatMap(Optional::stream)
        .reduce(RenameMatch::merge);
  }

  @Test
  void theCaseMatchesWithFullScore() {
    RenameMatch m = match(old(sources("a1", "a2", "h"), List.of("66.216.133.29")),
        born(DARK + 91 * HOUR, sources("a1", "a2"), List.of("66.216.133.29"), "a1")).orElseThrow();
    assertThat(m.oldName()).isEqualTo("mail1.example.com");
    assertThat(m.newName()).isEqualTo("trump1.contact-client.net");
    assertThat(m.lagMillis()).isEqualTo(91 * HOUR);
    assertThat(m.shared()).extracting(SourceCount::source).containsExactly("a1", "a2");
    assertThat(m.sharedAnswers()).containsExactly("66.216.133.29");
    assertThat(m.firstQuerierShared()).isTrue();
    assertThat(m.containment()).isEqualTo(1.0);
    assertThat(m.score()).isEqualTo(1.0);
  }

  @Nested
  class Lag {
    @Test
    void exactlyTheMaximumLagMatches() {
      long max = Duration.ofDays(7).toMillis();
      assertThat(match(old(sources("a", "b"), List.of()), born(DARK + max, sources("a", "b"), List.of(), "a"))).isPresent();
    }

    @Test
    void oneMillisecondLaterDoesNot() {
      long max = Duration.ofDays(7).toMillis();
      assertThat(match(old(sources("a", "b"), List.of()), born(DARK + max + 1, sources("a", "b"), List.of(), "a"))).isEmpty();
    }

    @Test
    void aNewNameSeenBeforeTheOldWentDarkIsNoRename() {
      assertThat(match(old(sources("a", "b"), List.of()), born(DARK - 1, sources("a", "b"), List.of(), "a"))).isEmpty();
      assertThat(match(old(sources("a", "b"), List.of()), born(DARK, sources("a", "b"), List.of(), "a"))).isPresent();
    }
  }

  @Nested
  class Containment {
    @Test
    void halfOfTheNewSourcesSharedMatches() {
      var m = match(old(sources("a", "b", "c"), List.of()), born(DARK + HOUR, sources("a", "b", "x", "y"), List.of(), "x"));
      assertThat(m).get().satisfies(r -> assertThat(r.containment()).isEqualTo(0.5));
    }

    @Test
    void lessThanHalfDoesNot() {
      assertThat(match(old(sources("a", "b", "c"), List.of()),
          born(DARK + HOUR, sources("a", "b", "x", "y", "z"), List.of(), "a"))).isEmpty();
    }
  }

  @Nested
  class SharedEvidence {
    @Test
    void twoSharedSourcesAreEnoughWithoutAnAnswer() {
      assertThat(match(old(sources("a", "b"), List.of("192.0.2.1")), born(DARK + HOUR, sources("a", "b"), List.of("198.51.100.1"), "a")))
          .get().satisfies(m -> assertThat(m.score()).isEqualTo(0.75));
    }

    @Test
    void oneSharedSourceWithoutASharedAnswerIsNot() {
      assertThat(match(old(sources("a", "b"), List.of("192.0.2.1")), born(DARK + HOUR, sources("a"), List.of("198.51.100.1"), "a")))
          .isEmpty();
    }

    @Test
    void oneSharedSourceWithASharedAnswerIsNot() { // one host's CDN names, sharing an edge address
      assertThat(match(old(sources("a", "b"), List.of("192.0.2.1")), born(DARK + HOUR, sources("a"), List.of("192.0.2.1"), "a")))
          .isEmpty();
    }

    @Test
    void aSharedAnswerRaisesTheScore() {
      assertThat(match(old(sources("a", "b"), List.of("192.0.2.1")), born(DARK + HOUR, sources("a", "b"), List.of("192.0.2.1"), "z")))
          .get().satisfies(m -> {
            assertThat(m.firstQuerierShared()).isFalse();
            assertThat(m.score()).isEqualTo(0.85);
          });
    }
  }

  @Nested
  class OldShare {
    @Test
    void sharedSourcesThatMadeHalfTheOldNamesLookupsAreItsMainQueriers() {
      var old = old(List.of(new SourceCount("a", 30), new SourceCount("b", 20), new SourceCount("c", 50)), List.of());
      assertThat(match(old, born(DARK + HOUR, sources("a", "b"), List.of(), "a"))).isPresent(); // 50 of 100
    }

    @Test
    void sharedSourcesThatMadeLessAreOccasionalQueriers() {
      var old = old(List.of(new SourceCount("a", 30), new SourceCount("b", 19), new SourceCount("c", 50)), List.of());
      assertThat(match(old, born(DARK + HOUR, sources("a", "b"), List.of(), "a"))).isEmpty(); // 49 of 99
    }
  }

  @Nested
  class Sizes {
    List<SourceCount> many(int n) {
      return IntStream.range(0, n).mapToObj(i -> new SourceCount("s" + i, 1)).toList();
    }

    @Test
    void tenSourcesOnEachSideAreSmallEnough() {
      assertThat(match(old(many(10), List.of()), born(DARK + HOUR, many(10), List.of(), "s0"))).isPresent();
    }

    @Test
    void elevenOnTheOldSideAreNot() {
      assertThat(match(old(many(11), List.of()), born(DARK + HOUR, many(10), List.of(), "s0"))).isEmpty();
    }

    @Test
    void elevenOnTheNewSideAreNot() {
      assertThat(match(old(many(10), List.of()), born(DARK + HOUR, many(11), List.of(), "s0"))).isEmpty();
    }
  }

  /**
   * Whether the shared sources' reports make a match a rename (2 shared sources needed): each counts
   * 1 / (1 + the other new names it took up in the lag before), and a tie between the names one more.
   */
  @Nested
  class Evidence {
    /** a and b, which took up {@code newNamesOfA} and {@code newNamesOfB} other new names, report the match. */
    RenameMatch reported(List<String> oldAnswers, int newNamesOfA, int newNamesOfB) {
      RenameCandidate old = old(sources("a", "b"), oldAnswers);
      RenameCandidate born = born(DARK + HOUR, sources("a", "b"), List.of("192.0.2.1"), "a");
      return matcher.match(old, born.withNewNamesBefore(newNamesOfA), "a").orElseThrow()
          .merge(matcher.match(old, born.withNewNamesBefore(newNamesOfB), "b").orElseThrow());
    }

    @Test
    void twoSourcesThatTookUpNoOtherNewNameAreEnough() {
      RenameMatch match = reported(List.of(), 0, 0);
      assertThat(match.specificSources()).isEqualTo(2.0);
      assertThat(matcher.isEvident(match)).isTrue();
      assertThat(match.score()).isEqualTo(0.75);
    }

    @Test
    void oneOtherNewNameOfOneSourceIsTooManyWithoutATie() {
      RenameMatch match = reported(List.of(), 0, 1);
      assertThat(match.specificSources()).isEqualTo(1.5);
      assertThat(matcher.isEvident(match)).isFalse();
    }

    @Test
    void aSharedAnswerCountsAsOneMoreSource() {
      assertThat(matcher.isEvident(reported(List.of("192.0.2.1"), 1, 1))).isTrue();     // 0.5 + 0.5 + 1
      assertThat(matcher.isEvident(reported(List.of("192.0.2.1"), 1, 2))).isFalse();    // 0.5 + 0.33 + 1
    }

    @Test
    void sourcesThatTakeUpNewNamesAllDaySayNothing() { // a small office: every host, every hour
      RenameMatch match = reported(List.of("192.0.2.1"), 40, 60);
      assertThat(matcher.isEvident(match)).isFalse();
      assertThat(match.score()).isLessThan(0.5);
    }

    @Test
    void aSourceThatDidNotReportCountsNothing() {
      RenameCandidate old = old(sources("a", "b"), List.of("192.0.2.1"));
      RenameMatch onlyA = matcher.match(old, born(DARK + HOUR, sources("a", "b"), List.of("192.0.2.1"), "a"), "a")
          .orElseThrow();
      assertThat(onlyA.specificSources()).isEqualTo(1.0);
      assertThat(matcher.isEvident(onlyA)).isTrue(); // 1 + the shared answer
    }
  }

  @Nested
  class NamesAlike {
    @Test
    void theBrandOfOneNameInTheOtherTiesThem() {
      assertThat(RenameMatcher.alike("mail1.trump-email.com", "trump1.contact-client.com")).isTrue();
      assertThat(RenameMatcher.alike("trump1.contact-client.com", "mail1.trump-email.com")).isTrue();
      assertThat(RenameMatcher.alike("portal3.hooli-secure.com", "portal3.hooli-login.net")).isTrue();
      assertThat(RenameMatcher.alike("www.example.co.uk", "example-login.net")).isTrue();
    }

    @Test
    void namesUnderTheSameRegisteredDomainAreAlike() {
      assertThat(RenameMatcher.alike("ebiz1.uspto.gov", "patimg2.uspto.gov")).isTrue();
    }

    @Test
    void unrelatedNamesAreNot() {
      assertThat(RenameMatcher.alike("ad.doubleclick.net", "ntp.ubuntu.com")).isFalse();
      assertThat(RenameMatcher.alike("clients1.google.com", "current.cvd.clamav.net")).isFalse();
      assertThat(RenameMatcher.alike("mail1.old-brand.com", "trump1.new-brand.net")).isFalse(); // brands old, new
      assertThat(RenameMatcher.alike("www.ab.com", "ab.net")).isFalse();                        // no word of three letters
    }

    @Test
    void aPublicSuffixIsNoBrand() {
      assertThat(RenameMatcher.alike("www.example.com", "com-services.net")).isFalse();
    }
  }

  @Test
  void aNewNameWarmingUpMatchesNothing() {
    RenameCandidate born = born(DARK + HOUR, sources("a", "b"), List.of(), "a");
    RenameCandidate warming = new RenameCandidate(Side.BORN, born.domain(), born.time(), born.windowStart(),
        born.windowEnd(), born.sources(), born.answers(), born.firstSource(), 0, true);
    assertThat(matcher.match(old(sources("a", "b"), List.of()), warming, "a")).isEmpty();
    assertThat(matcher.match(old(sources("a", "b"), List.of()), born, "a")).isPresent();
  }

  @Test
  void aNameIsNotItsOwnRename() {
    RenameCandidate a = old(sources("a", "b"), List.of());
    RenameCandidate same = new RenameCandidate(Side.BORN, a.domain(), DARK + HOUR, 0, 1, sources("a", "b"), List.of(), "a");
    assertThat(match(a, same)).isEmpty();
  }

  @Test
  void sidesMustBeOldThenNew() {
    RenameCandidate a = old(sources("a", "b"), List.of());
    RenameCandidate b = born(DARK + HOUR, sources("a", "b"), List.of(), "a");
    assertThat(match(b, a)).isEmpty();
  }
}
