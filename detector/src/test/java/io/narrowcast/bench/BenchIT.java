package io.narrowcast.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * A small benchmark run end to end: the broker, the feed, and the stages each in a JVM of its
 * own, measured and reported. Rates are machine-dependent and not asserted; what each stage
 * processed and wrote is.
 */
class BenchIT {
  @Test
  void measuresEveryStageOverTheWholeFeedInEachRound() throws Exception {
    BenchEvents feed = new BenchEvents(30_000, 5_000, 300, 3, 1);
    ByteArrayOutputStream progress = new ByteArrayOutputStream();
    // two stream threads over two partitions: each stage fails if it ran other than the threads asked for
    BenchReport report = Bench.run(feed, new BenchLayout(2, 2), "256m", 2,
        new PrintStream(progress, true, StandardCharsets.UTF_8));

    assertThat(report.rounds()).hasSize(2);
    assertThat(report.rounds().get(0)).extracting(BenchResult::stage)
        .containsExactly("consumer", "decode", "count", "detector");
    assertThat(report.rounds().get(1)).extracting(BenchResult::stage)
        .containsExactly("consumer", "decode", "detector", "count");
    for (List<BenchResult> round : report.rounds()) {
      for (BenchResult stage : round) {
        // measured from the end of the warm-up (a fifth) to the last event: each round reads the whole feed
        assertThat(stage.events()).as(stage.stage()).isBetween(20_000L, 24_000L);
        assertThat(stage.seconds()).as(stage.stage()).isPositive();
        assertThat(stage.cpuSeconds()).as(stage.stage()).isPositive();
        // a part of the process's CPU, read from per-thread ticks of 10 ms
        assertThat(stage.jitCpuSeconds()).as(stage.stage()).isBetween(0.0, stage.cpuSeconds() + 0.05);
        assertThat(stage.gcCpuSeconds()).as(stage.stage()).isBetween(0.0, stage.cpuSeconds() + 0.05);
        // found by its name in every stage, and busy: it handles every event
        assertThat(stage.workerCpuSeconds()).as(stage.stage()).isPositive().isLessThanOrEqualTo(stage.cpuSeconds());
        assertThat(stage.peakHeapBytes()).as(stage.stage()).isPositive().isLessThanOrEqualTo(256L << 20);
      }
    }
    assertThat(report.stage("consumer").stateBytes()).isZero();
    assertThat(report.stage("consumer").internalRecords()).isZero();
    assertThat(report.stage("decode").stateBytes()).isZero();
    assertThat(report.stage("decode").internalRecords()).isZero();
    assertThat(report.stage("count").stateBytes()).isPositive();
    assertThat(report.stage("detector").stateBytes()).isPositive();
    // the count writes every name-window to its changelog; the detector writes chunks of many names
    assertThat(report.stage("count").internalRecords()).isGreaterThanOrEqualTo(report.nameWindows());
    assertThat(report.stage("detector").internalRecords()).isPositive();
    // a new instance restores the last detector stage's changelogs, and stops once it runs
    assertThat(report.restore().events()).isPositive();
    assertThat(report.restore().stateBytes()).isPositive();
    assertThat(report.restore().seconds()).isPositive();

    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    report.print(new PrintStream(printed, true, StandardCharsets.UTF_8));
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains("feed: 30,000 events, " + String.format(Locale.ROOT, "%,d", report.names()) + " names")
        .contains("; 2 partition(s), 2 stream thread(s) per Streams stage; ")
        .contains("(a) consumer, decode every event", "Streams, decode, no state", "(b) Streams windowed count",
            "(c) Narrowcast, both detections")
        .containsPattern("(?m)^per CPU-second without the JIT compilers' .*: c/b = \\d+\\.\\d\\d   c/a = ")
        .containsPattern("(?m)^rates as a share of \\(a\\): Streams with no state \\d+\\.\\d\\d, ")
        .containsPattern("(?m)^round 1: count [0-9,]+, detector [0-9,]+ events/s: c/b = \\d+\\.\\d\\d")
        .containsPattern("(?m)^round 2: ")
        .containsPattern("(?m)^c/b = \\d+\\.\\d\\d   c/a = \\d+\\.\\d\\d")
        .containsPattern("(?m)^\\(c\\) Narrowcast, both detections( +\\d+\\.\\d\\d){7}$")
        .containsPattern("(?m)^c/a = 0.50 needs the detector at [0-9,]+ events/s: at most \\d+\\.\\d\\d microseconds")
        .containsPattern("a feed of 200,000 events/s needs about \\d+ such cores \\(stream threads\\), one of 800,000 about \\d+")
        .containsPattern("(?m)^restore: a new detector instance .* read [0-9,]+ changelog records \\([0-9.,]+ MB\\) in [0-9.]+ s and ran");
  }

  /** Two builds in turns over one feed; here this build twice, so every run must read the whole feed again. */
  @Test
  void comparesTwoBuildsInTurnsEachOverTheWholeFeed() throws Exception {
    BenchEvents feed = new BenchEvents(30_000, 5_000, 300, 3, 1);
    ByteArrayOutputStream progress = new ByteArrayOutputStream();
    BenchComparison comparison = Bench.compare(feed, BenchLayout.SINGLE, "256m", System.getProperty("java.class.path"), 2,
        new PrintStream(progress, true, StandardCharsets.UTF_8));

    assertThat(comparison.baselineRuns()).hasSize(2);
    assertThat(comparison.ownRuns()).hasSize(2);
    assertThat(comparison.baselineRuns()).allSatisfy(run -> assertThat(run.events()).isBetween(20_000L, 24_000L));
    assertThat(comparison.ownRuns()).allSatisfy(run -> assertThat(run.events()).isBetween(20_000L, 24_000L));
    assertThat(comparison.medianRatio()).isPositive();
    assertThat(progress.toString(StandardCharsets.UTF_8))
        .containsSubsequence("round 1 of 2: measuring the detector of " + System.getProperty("java.class.path"),
            "round 1 of 2: measuring the detector of this build", "round 2 of 2: measuring the detector of this build");

    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    comparison.print(new PrintStream(printed, true, StandardCharsets.UTF_8));
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .containsPattern("(?m)^1 +[0-9,]+ +[0-9,]+ +\\d+\\.\\d\\d +\\d+\\.\\d\\d( +\\d+\\.\\d\\d -> \\d+\\.\\d\\d){2}$")
        .containsPattern("(?m)^2 +[0-9,]+ +[0-9,]+ ")
        .containsPattern("this build / baseline: median \\d+\\.\\d\\d in events/s")
        .containsPattern("medians of the rounds: worker thread \\d+\\.\\d\\d -> \\d+\\.\\d\\d, garbage collector");
  }
}
