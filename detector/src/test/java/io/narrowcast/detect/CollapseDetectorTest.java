package io.narrowcast.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.narrowcast.config.DetectionConfig;
import io.narrowcast.state.Outcome;
import io.narrowcast.state.QuerierSet;
import io.narrowcast.state.SourceCount;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The streak before a collapse: its baseline, its start, and the persistence it needs (defaults). */
class CollapseDetectorTest {
  static final long DAY = 86_400_000L;
  final CollapseDetector detector = new CollapseDetector(DetectionConfig.defaults());

  /** Day {@code day}: {@code oneOffs} distinct sources once each, and the three few making {@code fewLookups}. */
  static WindowSet window(int day, int oneOffs, int fewLookups) {
    QuerierSet set = new QuerierSet(64);
    for (int i = 0; i < oneOffs; i++) {
      set.add("203.0." + day + "." + i, day * DAY, Outcome.ANSWERED, List.of());
    }
    for (int i = 0; i < fewLookups; i++) {
      set.add("198.51.100." + (i % 3), day * DAY, Outcome.ANSWERED, List.of());
    }
    return new WindowSet(day * DAY, set);
  }

  static List<WindowSet> broadDays(int count) {
    List<WindowSet> out = new ArrayList<>();
    for (int day = 0; day < count; day++) {
      out.add(window(day, 12, 0));
    }
    return out;
  }

  /** Day {@code day}: {@code lookups} lookups taken in turn by {@code sources}. */
  static WindowSet madeBy(int day, int lookups, String... sources) {
    QuerierSet set = new QuerierSet(64);
    for (int i = 0; i < lookups; i++) {
      set.add(sources[i % sources.length], day * DAY, Outcome.ANSWERED, List.of());
    }
    return new WindowSet(day * DAY, set);
  }

  /** Twelve broad days, then day 12 made by {@code day12}; day 13, the current one, by {@code day13}. */
  Optional<Collapse> afterTwoNarrowDays(String[] day12, String[] day13) {
    List<WindowSet> previous = broadDays(12);
    previous.add(madeBy(12, 15, day12));
    return detector.evaluate(13 * DAY, madeBy(13, 15, day13).set(), previous);
  }

  @Test
  void theSameFewOnBothDaysAreACollapse() {
    assertThat(afterTwoNarrowDays(new String[] {"a", "b"}, new String[] {"b", "a"})).get().satisfies(c -> {
      assertThat(c.start()).isEqualTo(12 * DAY);
      assertThat(c.remaining()).extracting(SourceCount::source).containsExactly("a", "b");
    });
    assertThat(afterTwoNarrowDays(new String[] {"a", "b", "c"}, new String[] {"a", "b", "c"})).isPresent();
  }

  @Test
  void aDifferentFewEachDayIsATinySampleOfABroadNameNotACollapse() {
    assertThat(afterTwoNarrowDays(new String[] {"a", "b"}, new String[] {"c", "d"})).isEmpty();
  }

  @Test
  void fewThatOverlapButDoNotEachComeBackAreNoCollapse() {
    // three in all, within max-remaining-sources, but b and c made lookups on one day each
    assertThat(afterTwoNarrowDays(new String[] {"a", "b"}, new String[] {"a", "c"})).isEmpty();
    assertThat(afterTwoNarrowDays(new String[] {"a", "b"}, new String[] {"a", "b", "c"})).isEmpty();
  }

  @Test
  void aStrayNeededToReachTheShareOfOneDayIsNotOneOfTheFew() {
    // the old audience tapering off: on day 11, a and b make 40 of 45 lookups, and one of five
    // one-off sources is needed to cover 90%; it never comes back, and is no reason to miss the few
    List<WindowSet> previous = broadDays(11);
    QuerierSet taper = madeBy(11, 40, "a", "b").set();
    for (int i = 0; i < 5; i++) {
      taper.add("203.0.113." + i, 11 * DAY, Outcome.ANSWERED, List.of());
    }
    previous.add(new WindowSet(11 * DAY, taper));
    previous.add(madeBy(12, 40, "a", "b"));
    assertThat(detector.evaluate(13 * DAY, madeBy(13, 40, "a", "b").set(), previous)).get()
        .satisfies(c -> assertThat(c.start()).isEqualTo(11 * DAY));
  }

  @Test
  void aNarrowDayOfOtherSourcesEndsTheStreakAndBelongsToTheBaseline() {
    List<WindowSet> previous = broadDays(11);
    previous.add(madeBy(11, 15, "c", "d"));
    previous.add(madeBy(12, 15, "a", "b"));
    var collapse = detector.evaluate(13 * DAY, madeBy(13, 15, "a", "b").set(), previous).orElseThrow();
    assertThat(collapse.start()).isEqualTo(12 * DAY);
    assertThat(collapse.baselineSources()).isEqualTo(11 * 12 + 2);
  }

  @Test
  void oneNarrowWindowIsNotYetACollapse() {
    assertThat(detector.evaluate(12 * DAY, window(12, 0, 30).set(), broadDays(12))).isEmpty();
  }

  @Test
  void theSecondNarrowWindowInARowOpensItFromTheFirst() {
    List<WindowSet> previous = broadDays(12);
    previous.add(window(12, 0, 30));
    var collapse = detector.evaluate(13 * DAY, window(13, 0, 20).set(), previous).orElseThrow();
    assertThat(collapse.start()).isEqualTo(12 * DAY);
    assertThat(collapse.narrowWindows()).isEqualTo(2);
    assertThat(collapse.queries()).isEqualTo(50);
    assertThat(collapse.remaining()).extracting(SourceCount::queries).containsExactly(17L, 17L, 16L);
    assertThat(collapse.baselineSources()).isEqualTo(144);
  }

  @Test
  void aQuietNarrowWindowDoesNotInterruptTheStreakButABroadOneDoes() {
    List<WindowSet> quiet = broadDays(11);
    quiet.add(window(11, 0, 30));
    quiet.add(window(12, 0, 2));                 // a weekend: two lookups by the few
    assertThat(detector.evaluate(13 * DAY, window(13, 0, 30).set(), quiet)).get()
        .satisfies(c -> assertThat(c.start()).isEqualTo(11 * DAY));
    List<WindowSet> broken = broadDays(11);
    broken.add(window(11, 0, 30));
    broken.add(window(12, 5, 2));                // five others: broad
    assertThat(detector.evaluate(13 * DAY, window(13, 0, 30).set(), broken)).isEmpty();
  }

  @Test
  void theStreakIsNotPartOfTheBaseline() {
    List<WindowSet> previous = broadDays(12);
    previous.add(window(12, 0, 1_000));           // the few, already busy
    var collapse = detector.evaluate(13 * DAY, window(13, 0, 30).set(), previous).orElseThrow();
    assertThat(collapse.baselineShare()).isZero(); // counted over days 0-11 only; with day 12 it would be 0.87
  }

  @Test
  void withFewerThanTheMinimumBaselineWindowsBeforeTheStreakThereIsNoCollapse() {
    List<WindowSet> previous = broadDays(2);
    for (int day = 2; day < 14; day++) {
      previous.add(window(day, 0, 20));
    }
    assertThat(detector.evaluate(14 * DAY, window(14, 0, 30).set(), previous)).isEmpty();
  }
}
