package io.narrowcast.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Ratios are taken within each round, then their median: a slow machine for one round moves nothing. */
class BenchReportTest {
  static final BenchEvents FEED = new BenchEvents(1_000, 100, 10, 3, 1);

  /**
   * A stage that processed 1,000 events at {@code rate} events/s, with as many CPU-seconds as
   * seconds: half of them its worker's, a tenth the collector's, the detector's a quarter in the JIT
   * compilers.
   */
  static BenchResult run(String stage, double rate) {
    double seconds = 1_000 / rate;
    return new BenchResult(stage, 1_000, seconds, 1L << 20, 2L << 20, stage.equals("consumer") ? 0 : 4_000, seconds,
        stage.equals("detector") ? seconds / 4 : 0, seconds / 10, seconds / 2, 0, 1, 0, 0);
  }

  static List<BenchResult> round(double consumer, double stateless, double count, double detector) {
    return List.of(run("consumer", consumer), run("decode", stateless), run("count", count), run("detector", detector));
  }

  final BenchReport report = new BenchReport(FEED, BenchLayout.SINGLE, "512m", 1.0, 100, 250, List.of(
      round(1_000, 600, 100, 90),      // c/b 0.90
      round(800, 560, 80, 88),         // c/b 1.10, a slow round for both
      round(1_200, 660, 120, 126)),    // c/b 1.05
      null);

  @Test
  void theRatiosAreTheMediansOfEachRoundsRatios() {
    assertThat(report.detectorOverCount()).isCloseTo(1.05, within(1e-9));
    assertThat(report.detectorOverConsumer()).isCloseTo(0.105, within(1e-9)); // 0.09, 0.11, 0.105
    assertThat(report.statelessOverConsumer()).isCloseTo(0.6, within(1e-9)); // 0.6, 0.7, 0.55
    assertThat(report.countOverConsumer()).isCloseTo(0.1, within(1e-9));
  }

  @Test
  void eachStageShowsItsMedianRun() {
    assertThat(report.stage("count").eventsPerSecond()).isCloseTo(100, within(1e-6));
    assertThat(report.stage("detector").eventsPerSecond()).isCloseTo(90, within(1e-6));
    assertThat(report.stage("consumer").eventsPerSecond()).isCloseTo(1_000, within(1e-6));
    assertThat(report.stage("decode").eventsPerSecond()).isCloseTo(600, within(1e-6));
  }

  @Test
  void thePrintoutListsEveryRoundAndTheMedians() {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    report.print(new PrintStream(printed, true, StandardCharsets.UTF_8));
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains(
        "3 rounds, the count and the detector taking turns to go first",
        "round 1: count 100, detector 90 events/s: c/b = 0.90   c/a = 0.09",
        "round 2: count 80, detector 88 events/s: c/b = 1.10   c/a = 0.11",
        "round 3: count 120, detector 126 events/s: c/b = 1.05   c/a = 0.11",
        "c/b = 1.05   c/a = 0.11   (per CPU-second, stage and broker: c/b = 1.05   c/a = 0.11)",
        "without the JIT compilers' (still busy after the warm-up; a long-running process has paid them off): "
            + "c/b = 1.40   c/a = 0.14; their share of the stage's CPU: count 0%, detector 25%",
        "detector: 90 events per CPU-second of its own process (120 without the JIT compilers); "
            + "a feed of 200,000 events/s needs about 2223 such cores (stream threads), one of 800,000 about 8889",
        "rates as a share of (a): Streams with no state 0.60, the windowed count (b) 0.10, the detector (c) 0.11",
        // the median runs': the worker's CPU per event caps each stage at 2 of its own rate, the rest is "other"
        "(a) consumer, decode every event     500.00     0.00   100.00   400.00     0.00  1000.00           2.00",
        "(c) Narrowcast, both detections     5555.56  2777.78  1111.11  1666.67     0.00 11111.11           0.18",
        "c/a = 0.50 needs the detector at 500 events/s: at most 2000.00 microseconds of its worker's CPU per event, "
            + "which spends 5555.56; Streams with no state spends 833.33, the windowed count (b) 5000.00");
  }

  @Test
  void theLayoutIsPrintedAndTheWorkerColumnSumsTheStreamThreads() {
    BenchReport threads = new BenchReport(FEED, new BenchLayout(4, 2), "512m", 1.0, 100, 250,
        List.of(round(1_000, 600, 100, 90)), null);
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    threads.print(new PrintStream(printed, true, StandardCharsets.UTF_8));
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains(
        "3 days; 4 partition(s), 2 stream thread(s) per Streams stage; each stage in its own JVM with -Xmx512m",
        "the worker threads that poll and process the events (a Streams stage's stream threads, summed)",
        "cap: the rate one core of worker CPU allows");
  }

  @Test
  void oneRoundPrintsNoRoundLines() {
    BenchReport single = new BenchReport(FEED, BenchLayout.SINGLE, "512m", 1.0, 100, 250, List.of(round(1_000, 600, 100, 90)), null);
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    single.print(new PrintStream(printed, true, StandardCharsets.UTF_8));
    assertThat(printed.toString(StandardCharsets.UTF_8)).doesNotContain("round").contains("c/b = 0.90   c/a = 0.09");
  }
}
