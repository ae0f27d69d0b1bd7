package io.narrowcast.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Two builds' detector runs, paired by round: rate ratios within each round, CPU per event over the rounds. */
class BenchComparisonTest {
  // BenchReportTest's runs: 1,000 events, the worker half of the CPU-seconds, the collector a tenth
  final BenchComparison comparison = new BenchComparison(BenchReportTest.FEED, "512m", "/tmp/before.jar",
      List.of(BenchReportTest.run("detector", 100), BenchReportTest.run("detector", 80), BenchReportTest.run("detector", 120)),
      List.of(BenchReportTest.run("detector", 125), BenchReportTest.run("detector", 84), BenchReportTest.run("detector", 150)));

  @Test
  void ratiosAreTakenWithinEachRound() {
    assertThat(comparison.medianRatio()).isCloseTo(1.25, within(1e-9)); // 1.25, 1.05, 1.25
  }

  @Test
  void cpuPerEventIsEachBuildsMedianOverItsRuns() {
    // 10, 12.5 and 8.33 seconds for 1,000 events: worker 5,000, 6,250 and 4,167 microseconds an event
    assertThat(comparison.medianMicrosPerEvent(false, BenchResult::workerCpuSeconds)).isCloseTo(5_000, within(1e-6));
    assertThat(comparison.medianMicrosPerEvent(true, BenchResult::workerCpuSeconds)).isCloseTo(4_000, within(1e-6));
    assertThat(comparison.medianMicrosPerEvent(true, BenchResult::gcCpuSeconds)).isCloseTo(800, within(1e-6));
  }

  @Test
  void thePrintoutShowsEachRoundsCpuPerEventAndTheMedians() {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    comparison.print(new PrintStream(printed, true, StandardCharsets.UTF_8));
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .containsPattern("(?m)^2 +80 +84 +1\\.05 +1\\.05 +6250\\.00 -> 5952\\.38 +1250\\.00 -> 1190\\.48$")
        .contains("this build / baseline: median 1.25 in events/s, 1.25 per CPU-second")
        .contains("CPU per event in microseconds, baseline -> this build, medians of the rounds:"
            + " worker thread 5000.00 -> 4000.00, garbage collector 1000.00 -> 800.00");
  }
}
