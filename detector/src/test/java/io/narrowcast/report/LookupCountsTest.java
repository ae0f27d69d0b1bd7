package io.narrowcast.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class LookupCountsTest {
  static final long DAY_MS = 86_400_000L;
  static final long T0 = Instant.parse("2016-09-27T00:00:00Z").toEpochMilli();

  @Test
  void seriesPutEachLookupInItsBucketPerSource() {
    LookupCounts counts = new LookupCounts(DAY_MS);
    counts.add("a.example", "192.0.2.1", T0 + 7 * LookupCounts.HOUR_MS + 5);        // bucket 0 (00:00-12:00)
    counts.add("a.example", "192.0.2.1", T0 + 11 * LookupCounts.HOUR_MS + 59 * 60_000); // bucket 0
    counts.add("a.example", "192.0.2.1", T0 + 12 * LookupCounts.HOUR_MS);          // bucket 1
    counts.add("a.example", "192.0.2.2", T0 + DAY_MS);                              // bucket 2
    counts.add("a.example", "192.0.2.3", T0 - 1);                                   // before the range
    counts.add("b.example", "192.0.2.1", T0);                                       // another name

    var series = counts.series("a.example", T0, 12 * LookupCounts.HOUR_MS, 3);
    assertThat(series).containsOnlyKeys("192.0.2.1", "192.0.2.2");
    assertThat(series.get("192.0.2.1")).containsExactly(2, 1, 0);
    assertThat(series.get("192.0.2.2")).containsExactly(0, 0, 1);
    assertThat(counts.series("c.example", T0, DAY_MS, 1)).isEmpty();
  }

  @Test
  void theFirstHourWithALookupAtOrAfterATime() {
    LookupCounts counts = new LookupCounts(DAY_MS);
    counts.add("a.example", "192.0.2.1", T0 - DAY_MS);
    counts.add("a.example", "192.0.2.2", T0 + 7 * LookupCounts.HOUR_MS + 1_000);
    counts.add("a.example", "192.0.2.1", T0 + 9 * LookupCounts.HOUR_MS);
    assertThat(counts.firstHour("a.example", T0)).hasValue(T0 + 7 * LookupCounts.HOUR_MS);
    assertThat(counts.firstHour("b.example", T0)).isEmpty();
  }

  @Test
  void perWindowTheLookupsAndTheDistinctSourcesAsTheDetectorCountsThem() {
    LookupCounts counts = new LookupCounts(DAY_MS);
    counts.add("a.example", "192.0.2.1", T0 - 1);                                   // the window before
    counts.add("a.example", "192.0.2.1", T0 + 5);
    counts.add("a.example", "192.0.2.1", T0 + 23 * LookupCounts.HOUR_MS);
    counts.add("a.example", "192.0.2.2", T0 + 12 * LookupCounts.HOUR_MS);
    counts.add("a.example", "192.0.2.3", T0 + 2 * DAY_MS);
    counts.add("b.example", "192.0.2.9", T0);

    // from midday: the window holding it is the first
    LookupCounts.WindowSeries series = counts.perWindow("a.example", T0 + 12 * LookupCounts.HOUR_MS, T0 + 3 * DAY_MS);
    assertThat(series.from()).isEqualTo(T0);
    assertThat(series.windowMs()).isEqualTo(DAY_MS);
    assertThat(series.lookups()).containsExactly(3, 0, 1);
    assertThat(series.sources()).containsExactly(2, 0, 1);
    assertThat(counts.perWindow("c.example", T0, T0 + DAY_MS).lookups()).containsExactly(0);
  }

  @Test
  void bucketsAreWholeHours() {
    assertThatThrownBy(() -> new LookupCounts(DAY_MS).series("a.example", T0, 90 * 60_000L, 4))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whole hours");
  }
}
