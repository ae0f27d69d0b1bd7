package io.narrowcast.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.narrowcast.avro.Alert;
import io.narrowcast.avro.SourceShare;
import io.narrowcast.config.DetectionConfig;
import io.narrowcast.ingest.RejectReason;
import io.narrowcast.topics.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The querier-set collapse on TopologyTestDriver, on each side of every threshold, with the defaults:
 * W = 1 day, B = 14, grace 10 minutes, min-baseline-windows 3, min-baseline-sources 10,
 * max-remaining-sources 3, min-queries 10, max-baseline-share 0.5; but one narrow window opens a
 * collapse here ({@link #ONE_WINDOW}), so each fixture needs one collapse day. Persistence (the
 * default two windows) has its own tests below.
 */
class CollapseTopologyTest {
  static final String DOMAIN = "mail1.example.com";
  /** Day 0 of every fixture; the collapse window is day 14 unless a test says otherwise. */
  static final Instant DAY0 = Instant.parse("2016-04-01T00:00:00Z");
  static final String[] FEW = {"198.51.100.1", "198.51.100.2", "198.51.100.3", "198.51.100.4"};

  /** The defaults, with a single narrow window enough to open a collapse. */
  static final DetectionConfig ONE_WINDOW = DetectionConfig.builder().minNarrowWindows(1).build();

  @TempDir
  Path stateDir;
  DetectorDriver driver;

  DetectorDriver driver(DetectionConfig config) {
    driver = new DetectorDriver(config, stateDir);
    return driver;
  }

  @AfterEach
  void close() {
    if (driver != null) {
      driver.close();
    }
  }

  static Instant day(int n, int hour) {
    return DAY0.plus(Duration.ofDays(n)).plus(Duration.ofHours(hour));
  }

  /** Days [from, to): on each, {@code sources} distinct sources 203.0.113.x, one lookup each, new ones every day. */
  static void manySources(DetectorDriver d, int from, int to, int sources) {
    for (int n = from; n < to; n++) {
      for (int s = 0; s < sources; s++) {
        d.lookups(DOMAIN, "203.0." + n + "." + s, day(n, 10), 1);
      }
    }
  }

  /** Day {@code n}: the first {@code sources} of FEW make {@code queries} lookups between them. */
  static void few(DetectorDriver d, int n, int sources, int queries) {
    for (int q = 0; q < queries; q++) {
      d.lookups(DOMAIN, FEW[q % sources], day(n, 9 + q % 8), 1);
    }
  }

  /** Closes day {@code n}: event time reaches its end plus the grace. */
  static void closeDay(DetectorDriver d, int n) {
    d.tick(day(n + 1, 0).plus(Duration.ofMinutes(10)));
  }

  @Test
  void firesExactlyAtEveryThreshold() {
    DetectorDriver d = driver(ONE_WINDOW);
    // given: 14 baseline days, 10 distinct sources in all (the same 10 each day)
    for (int n = 0; n < 14; n++) {
      for (int s = 0; s < 10; s++) {
        d.lookups(DOMAIN, "203.0.113." + s, day(n, 10), 1);
      }
    }
    // when: day 14 has 3 sources and 10 lookups
    few(d, 14, 3, 10);
    closeDay(d, 14);
    // then: one alert naming the three with their shares
    List<Alert> alerts = d.alerts();
    assertThat(alerts).hasSize(1);
    Alert alert = alerts.get(0);
    assertThat(alert.getKind()).isEqualTo("QUERIER_COLLAPSE");
    assertThat(alert.getDomain()).isEqualTo(DOMAIN);
    assertThat(alert.getWindowStart()).isEqualTo(day(14, 0));
    assertThat(alert.getWindowEnd()).isEqualTo(day(15, 0));
    assertThat(alert.getBaselineSources()).isEqualTo(10);
    assertThat(alert.getBaselineQueries()).isEqualTo(140);
    assertThat(alert.getQueries()).isEqualTo(10);
    assertThat(alert.getSources()).containsExactly(
        new SourceShare(FEW[0], 4L, 0.4), new SourceShare(FEW[1], 3L, 0.3), new SourceShare(FEW[2], 3L, 0.3));
    assertThat(alert.getScore()).isEqualTo(0.7);
    assertThat(alert.getSeverity()).isEqualTo("medium");
    assertThat(d.metrics.alerts("QUERIER_COLLAPSE", "new")).isEqualTo(1);
  }

  @Test
  void quietWithNineBaselineSources() {
    DetectorDriver d = driver(ONE_WINDOW);
    for (int n = 0; n < 14; n++) {
      for (int s = 0; s < 9; s++) {
        d.lookups(DOMAIN, "203.0.113." + s, day(n, 10), 1);
      }
    }
    few(d, 14, 3, 10);
    closeDay(d, 14);
    assertThat(d.alerts()).isEmpty();
  }

  @Test
  void quietWithFourRemainingSources() {
    DetectorDriver d = driver(ONE_WINDOW);
    manySources(d, 0, 14, 12);
    few(d, 14, 4, 12);
    closeDay(d, 14);
    assertThat(d.alerts()).isEmpty();
  }

  @Test
  void quietWithNineLookups() {
    DetectorDriver d = driver(ONE_WINDOW);
    manySources(d, 0, 14, 12);
    few(d, 14, 3, 9);
    closeDay(d, 14);
    assertThat(d.alerts()).isEmpty();
  }

  @Test
  void aNewBusySourceWithinTheFewIsAnUpdateOfTheSameAlertWithCumulativeShares() {
    DetectorDriver d = driver(ONE_WINDOW);
    manySources(d, 0, 14, 12);
    few(d, 14, 2, 12);
    closeDay(d, 14);
    assertThat(d.alerts()).singleElement().satisfies(a -> assertThat(a.getStatus()).isEqualTo("new"));
    few(d, 15, 3, 12); // FEW[2] joins the two: three busy sources, max-remaining-sources
    closeDay(d, 15);
    assertThat(d.alerts()).singleElement().satisfies(update -> {
      assertThat(update.getStatus()).isEqualTo("update");
      assertThat(update.getWindowStart()).isEqualTo(day(14, 0));
      assertThat(update.getWindowEnd()).isEqualTo(day(16, 0));
      assertThat(update.getQueries()).isEqualTo(24);
      assertThat(update.getDistinctSources()).isEqualTo(3);
      assertThat(update.getSources()).containsExactly(new SourceShare(FEW[0], 10L, 0.4167),
          new SourceShare(FEW[1], 10L, 0.4167), new SourceShare(FEW[2], 4L, 0.1667));
    });
  }

  @Nested
  class BaselineShare {
    /**
     * Baseline: 14 days, each with 12 one-off sources and FEW[0] making 12 lookups (168 of 336 in
     * all), plus {@code extra} more by FEW[0] on day 0. Every baseline day stays broad.
     */
    List<Alert> run(int extra) {
      DetectorDriver d = driver(ONE_WINDOW);
      for (int n = 0; n < 14; n++) { // day by day: a lookup for a closed day would be late
        manySources(d, n, n + 1, 12);
        d.lookups(DOMAIN, FEW[0], day(n, 12), 12 + (n == 0 ? extra : 0));
      }
      few(d, 14, 3, 12);
      closeDay(d, 14);
      assertThat(d.metrics.lateDropped()).isZero();
      return d.alerts();
    }

    @Test
    void firesWhenTheFewMadeHalfTheBaselineLookups() {
      assertThat(run(0)).singleElement().satisfies(a -> { // 168 / 336 = 0.5
        assertThat(a.getBaselineQueries()).isEqualTo(336);
        assertThat(a.getBaselineSources()).isEqualTo(169);
      });
    }

    @Test
    void quietWhenTheFewMadeMoreThanHalf() {
      assertThat(run(1)).isEmpty(); // 169 / 337 > 0.5: the same few always dominated
    }
  }

  @Test
  void aStrayOnTheFirstNarrowDayDoesNotHideTheCollapse() {
    DetectorDriver d = driver(ONE_WINDOW);
    manySources(d, 0, 14, 12);
    few(d, 14, 3, 30);
    d.lookups(DOMAIN, FEW[3], day(14, 20), 1); // 1 of 31: 4 sources, but 3 make 97%
    closeDay(d, 14);
    assertThat(d.alerts()).singleElement().satisfies(a -> {
      assertThat(a.getDistinctSources()).isEqualTo(4);
      assertThat(a.getSources()).extracting(SourceShare::getSource).containsExactly(FEW[0], FEW[1], FEW[2], FEW[3]);
    });
  }

  @Test
  void aNameThatWasAlwaysNarrowHasNoBaseline() {
    DetectorDriver d = driver(ONE_WINDOW);
    for (int n = 0; n < 14; n++) {
      few(d, n, 2, 40);                       // two sources make 40 lookups a day...
      manySources(d, n, n + 1, 3);            // ...and three one-offs a day: 7% strays
    }
    few(d, 14, 3, 12);
    closeDay(d, 14);
    assertThat(d.alerts()).isEmpty();         // 42 baseline sources, but never a broad window before
  }

  @Nested
  class ShortBaseline {
    @Test
    void firesWithThreeBaselineWindows() {
      DetectorDriver d = driver(ONE_WINDOW);
      manySources(d, 11, 14, 12); // only days 11-13 have lookups: 3 of B = 14 windows
      few(d, 14, 3, 12);
      closeDay(d, 14);
      assertThat(d.alerts()).singleElement().satisfies(a -> assertThat(a.getBaselineSources()).isEqualTo(36));
    }

    @Test
    void quietWithTwoBaselineWindows() {
      DetectorDriver d = driver(ONE_WINDOW);
      manySources(d, 12, 14, 12);
      few(d, 14, 3, 12);
      closeDay(d, 14);
      assertThat(d.alerts()).isEmpty();
    }

    @Test
    void windowsOlderThanTheBaselineDoNotCount() {
      DetectorDriver d = driver(ONE_WINDOW);
      manySources(d, 0, 3, 12);  // days 0-2 are outside the 14-day baseline of day 17
      few(d, 17, 3, 12);
      closeDay(d, 17);
      assertThat(d.alerts()).isEmpty();
    }
  }

  @Nested
  class LateLookups {
    @Test
    void aLookupWithinTheGraceStillCounts() {
      DetectorDriver d = driver(ONE_WINDOW);
      manySources(d, 0, 14, 12);
      few(d, 14, 3, 9);
      d.tick(day(15, 0).plus(Duration.ofMinutes(9)));         // day 14 ended 9 minutes ago
      d.lookups(DOMAIN, FEW[0], day(14, 23), 1);              // the 10th lookup, late but within grace
      closeDay(d, 14);
      assertThat(d.alerts()).singleElement().satisfies(a -> assertThat(a.getQueries()).isEqualTo(10));
      assertThat(d.metrics.lateDropped()).isZero();
    }

    @Test
    void aLookupAfterTheGraceIsCountedAsLateAndDropped() {
      DetectorDriver d = driver(ONE_WINDOW);
      manySources(d, 0, 14, 12);
      few(d, 14, 3, 9);
      closeDay(d, 14);                                        // day 14 closes with 9 lookups
      d.lookups(DOMAIN, FEW[0], day(14, 23), 1);              // too late to make it 10
      d.tick(day(20, 0));
      assertThat(d.alerts()).isEmpty();
      assertThat(d.metrics.lateDropped()).isEqualTo(1);
    }
  }

  @Test
  void aWindowIsNotEvaluatedBeforeItsGraceEnds() {
    DetectorDriver d = driver(ONE_WINDOW);
    manySources(d, 0, 14, 12);
    few(d, 14, 3, 12);
    d.tick(day(15, 0).plus(Duration.ofMinutes(9)));
    assertThat(d.alerts()).isEmpty();
    d.tick(day(15, 0).plus(Duration.ofMinutes(10)));
    assertThat(d.alerts()).hasSize(1);
  }

  @Test
  void eachWindowIsEvaluatedOnce() {
    DetectorDriver d = driver(ONE_WINDOW);
    manySources(d, 0, 14, 12);
    few(d, 14, 3, 12);
    closeDay(d, 14);
    closeDay(d, 14);
    closeDay(d, 15);
    assertThat(d.alerts()).extracting(Alert::getStatus).containsExactly("new");
  }

  @Test
  void thresholdsAreConfigurable() {
    DetectorDriver d = driver(DetectionConfig.builder()
        .window(Duration.ofHours(1)).baselineWindows(4).minBaselineSources(5).maxRemainingSources(1).minQueries(2)
        .minNarrowWindows(1)
        .build());
    for (int h = 0; h < 4; h++) {
      for (int s = 0; s < 5; s++) {
        d.lookups(DOMAIN, "203.0.113." + (h * 5 + s), DAY0.plus(Duration.ofHours(h)), 1);
      }
    }
    d.lookups(DOMAIN, FEW[0], DAY0.plus(Duration.ofHours(4)), 2);
    d.tick(DAY0.plus(Duration.ofHours(5)).plus(Duration.ofMinutes(10)));
    assertThat(d.alerts()).singleElement().satisfies(a -> {
      assertThat(a.getWindowStart()).isEqualTo(DAY0.plus(Duration.ofHours(4)));
      assertThat(a.getBaselineSources()).isEqualTo(20);
    });
  }

  @Test
  void keysAreNormalizedBeforeCounting() {
    DetectorDriver d = driver(ONE_WINDOW);
    manySources(d, 0, 14, 12);
    for (int q = 0; q < 12; q++) {
      // a foreign producer keyed by the raw name: the topology re-keys it to the normalized domain
      d.send("MAIL1.Example.COM.", DetectorDriver.event("MAIL1.Example.COM.", FEW[q % 3], day(14, 10)));
    }
    closeDay(d, 14);
    assertThat(d.alerts()).singleElement().satisfies(a -> assertThat(a.getDomain()).isEqualTo(DOMAIN));
  }

  @Test
  void badRecordsGoToTheDeadLetterTopicAndProcessingGoesOn() {
    DetectorDriver d = driver(ONE_WINDOW);
    d.sendRaw("x", "not avro".getBytes(StandardCharsets.UTF_8), day(0, 1));
    d.send("bad", DetectorDriver.event("bad..name", "203.0.113.9", day(0, 2)));
    d.send("bad", DetectorDriver.event("ok.example", "not-an-ip", day(0, 3)));
    manySources(d, 0, 14, 12);
    few(d, 14, 3, 12);
    closeDay(d, 14);

    var dead = d.deadLetters();
    assertThat(dead).extracting(r -> DeadLetters.header(r.headers(), DeadLetters.REASON))
        .containsExactly("unparsable", "bad characters", "bad address");
    assertThat(dead.get(0).value()).isEqualTo("not avro".getBytes(StandardCharsets.UTF_8));
    assertThat(DeadLetters.header(dead.get(0).headers(), DeadLetters.ORIGIN)).startsWith("dns.events-0@");
    assertThat(d.metrics.rejected(RejectReason.UNPARSABLE)).isEqualTo(1);
    assertThat(d.alerts()).hasSize(1);
  }

  @Test
  void timesNearTheEpochWork() {
    // Zeek logs of captures replayed offline start at ts = 16 s: the baseline reaches before 1970
    DetectorDriver d = driver(ONE_WINDOW);
    d.lookups(DOMAIN, FEW[0], Instant.ofEpochSecond(16), 12);
    d.tick(Instant.ofEpochSecond(86_400 * 2));
    assertThat(d.alerts()).isEmpty();
    assertThat(d.metrics.eventsIn()).isEqualTo(12);
  }

  @Nested
  class Persistence {
    @Test
    void byDefaultOneNarrowDayIsNotEnough() {
      DetectorDriver d = driver(DetectionConfig.defaults());
      manySources(d, 0, 14, 12);
      few(d, 14, 3, 12);
      closeDay(d, 14);
      assertThat(d.alerts()).isEmpty();
    }

    @Test
    void byDefaultTheSecondNarrowDayOpensTheAlertFromTheFirst() {
      DetectorDriver d = driver(DetectionConfig.defaults());
      manySources(d, 0, 14, 12);
      few(d, 14, 3, 12);
      few(d, 15, 3, 10);
      closeDay(d, 15);
      assertThat(d.alerts()).singleElement().satisfies(a -> {
        assertThat(a.getWindowStart()).isEqualTo(day(14, 0));
        assertThat(a.getWindowEnd()).isEqualTo(day(16, 0));
        assertThat(a.getQueries()).isEqualTo(22);
        assertThat(a.getBaselineSources()).isEqualTo(156); // days 1-13: the 14 windows before day 15, less the streak
      });
    }

    /**
     * Twelve broad days, then days 12-17 looked up 12 times a day by two hosts each, of a pool of
     * twelve that also made the broad days' lookups; {@code pair} picks day n's two.
     */
    List<Alert> twoHostsADay(java.util.function.IntFunction<String[]> pair) {
      DetectorDriver d = driver(DetectionConfig.defaults());
      String[] pool = new String[12];
      for (int h = 0; h < pool.length; h++) {
        pool[h] = "192.0.2." + (10 + h);
      }
      for (int n = 0; n < 12; n++) {
        for (String host : pool) {
          d.lookups(DOMAIN, host, day(n, 10), 1);
        }
      }
      for (int n = 12; n < 18; n++) {
        String[] two = pair.apply(n);
        for (int q = 0; q < 12; q++) {
          d.lookups(DOMAIN, pool[Integer.parseInt(two[q % 2])], day(n, 9 + q % 8), 1);
        }
        closeDay(d, n);
      }
      return d.alerts();
    }

    @Test
    void twoHostsADayButDifferentOnesEachDayAreNoCollapse() {
      // day 12: hosts 0 and 1, day 13: 1 and 2, ...: each day narrow, no host on more than two days running
      assertThat(twoHostsADay(n -> new String[] {String.valueOf(n % 12), String.valueOf((n + 1) % 12)})).isEmpty();
    }

    @Test
    void theSameTwoHostsEveryDayAreACollapse() {
      assertThat(twoHostsADay(n -> new String[] {"0", "1"})).singleElement().satisfies(a -> {
        assertThat(a.getWindowStart()).isEqualTo(day(12, 0));
        assertThat(a.getSources()).extracting(SourceShare::getSource).containsExactly("192.0.2.10", "192.0.2.11");
      });
    }

    @Test
    void aBroadDayBetweenTwoNarrowOnesStartsOver() {
      DetectorDriver d = driver(DetectionConfig.defaults());
      manySources(d, 0, 14, 12);
      few(d, 14, 3, 12);
      manySources(d, 15, 16, 12);
      few(d, 16, 3, 12);
      closeDay(d, 16);
      assertThat(d.alerts()).isEmpty();
    }
  }
}
