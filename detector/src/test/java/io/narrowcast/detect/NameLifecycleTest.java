package io.narrowcast.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.narrowcast.config.DetectionConfig;
import io.narrowcast.state.DomainLifecycle;
import io.narrowcast.state.Outcome;
import io.narrowcast.state.QuerierSet;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Newly seen and dark names, on each side of the lookback, dark-after, min-active-windows and TTL. */
class NameLifecycleTest {
  static final long DAY = Duration.ofDays(1).toMillis();
  static final DetectionConfig CONFIG = DetectionConfig.builder()
      .newNameLookback(Duration.ofDays(10)).darkAfter(Duration.ofDays(3)).lifecycleTtl(Duration.ofDays(20)).build();
  final NameLifecycle names = new NameLifecycle(CONFIG);

  static QuerierSet window(long day, Outcome outcome, String... sources) {
    QuerierSet set = new QuerierSet(64);
    for (String source : sources) {
      set.add(source, day * DAY + 3_600_000, outcome, outcome == Outcome.ANSWERED ? List.of("192.0.2.1") : List.of());
    }
    return set;
  }

  NameLifecycle.WindowResult on(DomainLifecycle previous, long day, QuerierSet window) {
    return names.onWindow("x.example", previous, day * DAY, (day + 1) * DAY, window, 0);
  }

  /** A name queried on each of {@code days}, answered. */
  DomainLifecycle activeOn(long... days) {
    DomainLifecycle entry = null;
    for (long day : days) {
      entry = on(entry, day, window(day, Outcome.ANSWERED, "a", "b")).entry();
    }
    return entry;
  }

  @Nested
  class NewlySeen {
    @Test
    void aFirstLookupAfterTheDetectorWatchedTheLookbackIsNew() {
      var born = on(null, 10, window(10, Outcome.ANSWERED, "a", "b")).born();
      assertThat(born).isNotNull();
      assertThat(born.domain()).isEqualTo("x.example");
      assertThat(born.firstSource()).isEqualTo("a");
      assertThat(born.answers()).containsExactly("192.0.2.1");
    }

    @Test
    void beforeTheDetectorWatchedTheLookbackNothingIsNew() {
      assertThat(on(null, 9, window(9, Outcome.ANSWERED, "a")).born()).isNull();
    }

    @Test
    void aNameAbsentForExactlyTheLookbackIsNewAgainButNotOneWindowSooner() {
      DomainLifecycle seen = activeOn(10);                      // last lookup on day 10 at 01:00
      assertThat(on(seen, 20, window(20, Outcome.ANSWERED, "a", "b")).born()).isNull();   // 9 days 23 h later
      DomainLifecycle again = activeOn(10);
      assertThat(on(again, 21, window(21, Outcome.ANSWERED, "a", "b")).born()).isNotNull();
    }

    @Test
    void newNamesWarmUpForARenameMaxLagAfterTheLookback() { // lookback 10 days, rename-max-lag 7
      assertThat(on(null, 16, window(16, Outcome.ANSWERED, "a", "b")).born().warmingUp()).isTrue();
      assertThat(on(null, 17, window(17, Outcome.ANSWERED, "a", "b")).born().warmingUp()).isFalse();
    }

    @Test
    void aNewNameOfOneSourceIsNotACandidate() { // a rename shares two sources: it could never match
      assertThat(on(null, 10, window(10, Outcome.ANSWERED, "a")).born()).isNull();
      assertThat(on(null, 10, window(10, Outcome.ANSWERED, "a", "b")).born()).isNotNull();
    }

    @Test
    void aNameThatNeverResolvesIsNotACandidate() {
      assertThat(on(null, 10, window(10, Outcome.NXDOMAIN, "dga-host")).born()).isNull();
    }

    @Test
    void aNewNameWithManySourcesIsNotACandidate() {
      String[] eleven = java.util.stream.IntStream.range(0, 11).mapToObj(i -> "s" + i).toArray(String[]::new);
      assertThat(on(null, 10, window(10, Outcome.ANSWERED, eleven)).born()).isNull();
      assertThat(on(null, 10, window(10, Outcome.ANSWERED, java.util.Arrays.copyOf(eleven, 10))).born()).isNotNull();
    }
  }

  @Nested
  class DarkByNxdomain {
    @Test
    void aNameQueriedInThreeWindowsWhoseLookupsTurnNxdomainGoesDark() {
      DomainLifecycle entry = activeOn(1, 2);
      var result = on(entry, 3, window(3, Outcome.NXDOMAIN, "a", "a"));
      assertThat(result.retired()).isNotNull();
      assertThat(result.retired().time()).isEqualTo(3 * DAY + 3_600_000);
      assertThat(result.retired().answers()).containsExactly("192.0.2.1");
      assertThat(result.retired().sources()).extracting(s -> s.source()).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void theDarkNamesFewAreItsBusySourcesOverTheLookbackStraysAside() {
      DomainLifecycle entry = null;
      for (long day = 1; day <= 3; day++) {
        QuerierSet window = new QuerierSet(64);
        for (int i = 0; i < 30; i++) {
          window.add(i % 2 == 0 ? "a" : "b", day * DAY + 3_600_000, Outcome.ANSWERED, List.of("192.0.2.1"));
        }
        window.add("stray-" + day, day * DAY + 7_200_000, Outcome.ANSWERED, List.of("192.0.2.1"));
        entry = on(entry, day, window).entry();
      }
      var result = on(entry, 4, window(4, Outcome.NXDOMAIN, "a", "a"));
      assertThat(result.retired().sources()).extracting(s -> s.source()).containsExactly("a", "b");
      assertThat(result.entry().dark()).isEqualTo(DomainLifecycle.Dark.NXDOMAIN);
    }

    @Test
    void withOnlyTwoActiveWindowsItIsNotDark() {
      assertThat(on(activeOn(1), 2, window(2, Outcome.NXDOMAIN, "a", "a")).retired()).isNull();
    }

    @Test
    void aNameThatNeverResolvedDoesNotGoDark() {
      DomainLifecycle entry = null;
      for (long day = 1; day <= 4; day++) {
        var result = on(entry, day, window(day, Outcome.NXDOMAIN, "a", "a"));
        assertThat(result.retired()).isNull();
        entry = result.entry();
      }
    }

    @Test
    void aLoneNxdomainIsNotDarkAndTheNextAnswerClearsIt() {
      var once = on(activeOn(1, 2), 3, window(3, Outcome.NXDOMAIN, "a"));
      assertThat(once.retired()).isNull();
      assertThat(once.entry().isDark()).isFalse();
      assertThat(once.entry().dark()).isEqualTo(DomainLifecycle.Dark.NXDOMAIN_ONCE);
      DomainLifecycle answered = on(once.entry(), 4, window(4, Outcome.ANSWERED, "a")).entry();
      assertThat(answered.dark()).isEqualTo(DomainLifecycle.Dark.NOT_DARK);
      var onceMore = on(answered, 5, window(5, Outcome.NXDOMAIN, "a"));
      assertThat(onceMore.retired()).isNull(); // the answer between started the count again
      assertThat(onceMore.entry().isDark()).isFalse();
    }

    @Test
    void aLoneNxdomainFollowedByAnotherInALaterWindowIsDarkFromTheFirst() {
      DomainLifecycle once = on(activeOn(1, 2), 3, window(3, Outcome.NXDOMAIN, "a")).entry();
      var twice = on(once, 5, window(5, Outcome.NXDOMAIN, "b"));
      assertThat(twice.retired()).isNotNull();
      assertThat(twice.retired().time()).isEqualTo(3 * DAY + 3_600_000);
      assertThat(twice.entry().dark()).isEqualTo(DomainLifecycle.Dark.NXDOMAIN);
    }

    @Test
    void anAnswerBeforeTheNextNxdomainStartsTheCountAgain() {
      DomainLifecycle once = on(activeOn(1, 2), 3, window(3, Outcome.NXDOMAIN, "a")).entry();
      QuerierSet answeredThenFailed = new QuerierSet(64);
      answeredThenFailed.add("a", 4 * DAY + 3_600_000, Outcome.ANSWERED, List.of("192.0.2.1"));
      answeredThenFailed.add("a", 4 * DAY + 7_200_000, Outcome.NXDOMAIN, List.of());
      var result = on(once, 4, answeredThenFailed);
      assertThat(result.retired()).isNull();
      assertThat(result.entry().dark()).isEqualTo(DomainLifecycle.Dark.NXDOMAIN_ONCE);
      assertThat(result.entry().darkAt()).isEqualTo(4 * DAY + 7_200_000);
    }

    /** Lookups of one window at {@code day}, one an hour from 01:00, with these outcomes. */
    QuerierSet hourly(long day, Outcome... outcomes) {
      QuerierSet set = new QuerierSet(64);
      for (int i = 0; i < outcomes.length; i++) {
        set.add("a", day * DAY + (i + 1) * 3_600_000L, outcomes[i],
            outcomes[i] == Outcome.ANSWERED ? List.of("192.0.2.1") : List.of());
      }
      return set;
    }

    @Test
    void aNameAnsweredBetweenNxdomainsIsDarkFromTheFirstNxdomainAfterTheAnswer() {
      // 01:00 NXDOMAIN (a hiccup), 02:00 answered, 03:00 and 04:00 NXDOMAIN: dark from 03:00
      var result = on(activeOn(1, 2), 3, hourly(3, Outcome.NXDOMAIN, Outcome.ANSWERED, Outcome.NXDOMAIN, Outcome.NXDOMAIN));
      assertThat(result.entry().dark()).isEqualTo(DomainLifecycle.Dark.NXDOMAIN);
      assertThat(result.entry().darkAt()).isEqualTo(3 * DAY + 3 * 3_600_000);
      assertThat(result.retired()).isNotNull();
      assertThat(result.retired().time()).isEqualTo(3 * DAY + 3 * 3_600_000);
    }

    @Test
    void aDarkNameAnsweredAndFailingAgainInOneWindowIsDarkAgainFromAfterTheAnswer() {
      DomainLifecycle dark = on(activeOn(1, 2), 3, window(3, Outcome.NXDOMAIN, "a", "a")).entry();
      // day 4: 01:00 answered, 02:00 and 03:00 NXDOMAIN
      var result = on(dark, 4, hourly(4, Outcome.ANSWERED, Outcome.NXDOMAIN, Outcome.NXDOMAIN));
      assertThat(result.revived()).isNotNull();                  // the dark side of day 3 is withdrawn
      assertThat(result.retired()).isNotNull();                  // and sent again, dark since day 4, 02:00
      assertThat(result.retired().time()).isEqualTo(4 * DAY + 2 * 3_600_000);
      assertThat(result.entry().darkAt()).isEqualTo(4 * DAY + 2 * 3_600_000);
    }

    @Test
    void aDarkNameAnsweredAgainWithdrawsItsDarkSideFromItsSources() {
      DomainLifecycle dark = on(activeOn(1, 2), 3, window(3, Outcome.NXDOMAIN, "a", "a")).entry();
      var back = on(dark, 4, window(4, Outcome.ANSWERED, "c"));
      assertThat(back.entry().isDark()).isFalse();
      assertThat(back.revived()).isNotNull();
      assertThat(back.revived().side()).isEqualTo(RenameCandidate.Side.REVIVED);
      assertThat(back.revived().domain()).isEqualTo("x.example");
      assertThat(back.revived().sources()).extracting(s -> s.source()).containsExactlyInAnyOrder("a", "b", "c");
      assertThat(back.retired()).isNull();
    }

    @Test
    void aNameOneNxdomainIntoGoingDarkHasNothingToWithdraw() {
      DomainLifecycle once = on(activeOn(1, 2), 3, window(3, Outcome.NXDOMAIN, "a")).entry();
      assertThat(on(once, 4, window(4, Outcome.ANSWERED, "a")).revived()).isNull();
    }

    @Test
    void itGoesDarkOnceAndComesBackWhenAnsweredAgain() {
      DomainLifecycle entry = on(activeOn(1, 2), 3, window(3, Outcome.NXDOMAIN, "a", "a")).entry();
      assertThat(on(entry, 4, window(4, Outcome.NXDOMAIN, "a", "a")).retired()).isNull();
      DomainLifecycle back = on(entry, 5, window(5, Outcome.ANSWERED, "a")).entry();
      assertThat(back.isDark()).isFalse();
    }
  }

  @Nested
  class DarkBySilence {
    /** A name queried on {@code days} by a and b, 20 times each day. */
    DomainLifecycle busyOn(long... days) {
      DomainLifecycle entry = null;
      for (long day : days) {
        QuerierSet window = new QuerierSet(64);
        for (int i = 0; i < 20; i++) {
          window.add(i % 2 == 0 ? "a" : "b", day * DAY + 3_600_000, Outcome.ANSWERED, List.of("192.0.2.1"));
        }
        entry = on(entry, day, window).entry();
      }
      return entry;
    }

    @Test
    void aRegularNameSilentForDarkAfterGoesDarkAtItsLastLookup() {
      DomainLifecycle entry = busyOn(1, 2, 3);
      long last = 3 * DAY + 3_600_000;
      assertThat(names.onSweep("x.example", entry, last + 3 * DAY - 1).retired()).isNull();
      var swept = names.onSweep("x.example", entry, last + 3 * DAY);
      assertThat(swept.retired()).isNotNull();
      assertThat(swept.retired().time()).isEqualTo(last);
      assertThat(entry.dark()).isEqualTo(DomainLifecycle.Dark.SILENT);
      assertThat(names.onSweep("x.example", entry, last + 4 * DAY).retired()).isNull(); // only once
    }

    @Test
    void aRarelyQueriedNameMustBeSilentForSevenOfItsUsualGaps() {
      DomainLifecycle entry = activeOn(1, 2, 3);     // 6 lookups in the 10-day lookback: a gap of 40 hours
      long last = 3 * DAY + 3_600_000;
      long sevenGaps = (long) (7 * 10 * DAY / 6.0);
      assertThat(names.onSweep("x.example", entry, last + sevenGaps - 1).retired()).isNull();
      assertThat(names.onSweep("x.example", entry, last + sevenGaps).retired()).isNotNull();
    }

    @Test
    void theUsualGapOfANameOlderThanTheLookbackIsTakenOverItsLife() {
      DomainLifecycle entry = null;
      for (long day = 0; day < 60; day++) { // once a day, by a and b in turn: both keep their 30 lookups
        entry = on(entry, day, window(day, Outcome.ANSWERED, day % 2 == 0 ? "a" : "b")).entry();
      }
      assertThat(entry.recentQueries()).isEqualTo(60);
      long last = 59 * DAY + 3_600_000;
      long sevenGaps = (long) (7 * 59 * DAY / 60.0);   // over the lookback alone, 7 x 4 hours: dark-after
      assertThat(names.onSweep("x.example", entry, last + 3 * DAY).retired()).isNull();
      assertThat(names.onSweep("x.example", entry, last + sevenGaps - 1).retired()).isNull();
      assertThat(names.onSweep("x.example", entry, last + sevenGaps).retired()).isNotNull();
    }

    @Test
    void aSporadicNameNeverGoesDarkBySilence() {
      DomainLifecycle entry = activeOn(1, 5, 9); // 3 of 9 windows
      assertThat(names.onSweep("x.example", entry, 20 * DAY).retired()).isNull();
    }

    @Test
    void entriesExpireAfterTheTtlWithoutLookups() {
      DomainLifecycle entry = activeOn(1);
      long last = DAY + 3_600_000;
      assertThat(names.onSweep("x.example", entry, last + 20 * DAY).delete()).isFalse();
      assertThat(names.onSweep("x.example", entry, last + 20 * DAY + 1).delete()).isTrue();
    }
  }
}
