package io.narrowcast.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.narrowcast.config.DetectionConfig;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** replay says which rules an input is too short for, on each side of each rule's span. */
class ShortInputTest {
  static final long START = Instant.parse("2022-03-09T18:00:00Z").toEpochMilli();
  static final long MINUTE = 60_000;
  /** Minute windows at the defaults that follow them: lookback 30m, dark-after 3m; 3 active windows. */
  static final DetectionConfig MINUTES = DetectionConfig.builder().window(Duration.ofMinutes(1)).build();

  @Test
  void aCaptureOfTwentyOneMinutesCannotSeeANameNewAtAThirtyMinuteLookback() {
    assertThat(ShortInput.notes(MINUTES, START + 11 * MINUTE + 5_000, START + 32 * MINUTE + 12_000)).containsExactly(
        "the input spans 0h 21m (22 window(s) of 1m), less than --new-name-lookback 30m: no name can be newly seen, "
            + "so no rename can be found");
  }

  @Test
  void aNameCanBeNewInTheWindowThatStartsTheLookbackAfterTheFirst() {
    assertThat(ShortInput.notes(MINUTES, START, START + 30 * MINUTE)).singleElement()
        .satisfies(note -> assertThat(note).contains("names can be newly seen, but no rename"));
    assertThat(ShortInput.notes(MINUTES, START, START + 30 * MINUTE - 1)).singleElement()
        .satisfies(note -> assertThat(note).contains("no name can be newly seen"));
  }

  @Test
  void aRenameCanBeFoundOnceNewNamesHaveBeenSeenForALag() {
    assertThat(ShortInput.notes(MINUTES, START, START + 37 * MINUTE)).isEmpty();
    assertThat(ShortInput.notes(MINUTES, START, START + 37 * MINUTE - 1)).containsExactly(
        "the input spans 0h 36m (37 window(s) of 1m), less than --new-name-lookback 30m and then --rename-max-lag 7m: "
            + "names can be newly seen, but no rename can be found until the new names each source takes up have been "
            + "seen for a lag");
  }

  @Test
  void aCollapseNeedsItsBaselineAndNarrowWindows() {
    DetectionConfig hours = DetectionConfig.builder().window(Duration.ofHours(1)).newNameLookback(Duration.ofHours(1))
        .renameMaxLag(Duration.ofHours(1)).darkAfter(Duration.ofHours(1)).build();
    long hour = 60 * MINUTE;
    assertThat(ShortInput.notes(hours, START, START + 4 * hour)).isEmpty();
    assertThat(ShortInput.notes(hours, START, START + 4 * hour - 1)).containsExactly(
        "the input spans 3h 59m (4 window(s) of 1h), fewer than the 5 a collapse needs (--min-baseline-windows 3, "
            + "then --min-narrow-windows 2): no collapse can open");
  }

  @Test
  void silenceNeedsTheActiveWindowsAndDarkAfterBeforeTheLastWindowCloses() {
    DetectionConfig config = DetectionConfig.builder().window(Duration.ofMinutes(1)).newNameLookback(Duration.ofMinutes(1))
        .renameMaxLag(Duration.ofMinutes(1)).minBaselineWindows(1).minNarrowWindows(1).build();
    // active in minutes 0-2, silent from 3 to 5: the timer at minute 5 is due as the last window (4) closes
    assertThat(ShortInput.notes(config, START, START + 4 * MINUTE)).isEmpty();
    assertThat(ShortInput.notes(config, START, START + 4 * MINUTE - 1)).containsExactly(
        "the input spans 0h 3m (4 window(s) of 1m), too short for a name queried in --min-active-windows 3 windows "
            + "to be silent for --dark-after 3m after them: no name can go dark by silence, only by NXDOMAIN");
    assertThat(ShortInput.notes(config, START, START + 2 * MINUTE - 1)).contains(
        "the input spans 0h 1m (2 window(s) of 1m), fewer than --min-active-windows 3: no name can go dark");
  }

  @Test
  void anInputWithoutEventsHasNoNotes() {
    assertThat(ShortInput.notes(MINUTES, Long.MAX_VALUE, Long.MIN_VALUE)).isEmpty();
  }
}
