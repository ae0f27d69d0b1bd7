package io.narrowcast.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The detector of this build against a baseline build over one feed, run in pairs.
 *
 * @param baseline the baseline's jar or class path
 * @param baselineRuns its runs, one a round
 * @param ownRuns this build's runs, one a round
 */
public record BenchComparison(BenchEvents feed, String heap, String baseline, List<BenchResult> baselineRuns,
    List<BenchResult> ownRuns) {
  public BenchComparison {
    if (baselineRuns.size() != ownRuns.size() || ownRuns.isEmpty()) {
      throw new IllegalArgumentException("one run of each build a round");
    }
    baselineRuns = List.copyOf(baselineRuns);
    ownRuns = List.copyOf(ownRuns);
  }

  /** This build's rate over the baseline's, round by round, the median of the rounds. */
  public double medianRatio() {
    return Medians.of(ratios(false));
  }

  /** As {@link #medianRatio()}, per CPU-second of the detector and the broker. */
  public double medianCpuRatio() {
    return Medians.of(ratios(true));
  }

  /**
   * The median over the rounds of one run's CPU microseconds per event, of one part (see
   * {@link BenchResult}): the baseline's runs, or this build's. The worker's and the collector's
   * CPU per event move less with the machine's load than rates do, so a change of a few percent in
   * the work per event shows here before it shows in events/s.
   */
  public double medianMicrosPerEvent(boolean own, ToDoubleFunction<BenchResult> part) {
    List<Double> micros = new ArrayList<>();
    for (BenchResult run : own ? ownRuns : baselineRuns) {
      micros.add(run.microsPerEvent(part.applyAsDouble(run)));
    }
    return Medians.of(micros);
  }

  /** One part of the CPU per event, of a round's baseline run and then of this build's: "7.21 -> 6.87". */
  private static String change(BenchResult base, BenchResult own, ToDoubleFunction<BenchResult> part) {
    return String.format(Locale.ROOT, "%.2f -> %.2f", base.microsPerEvent(part.applyAsDouble(base)),
        own.microsPerEvent(part.applyAsDouble(own)));
  }

  private List<Double> ratios(boolean perCpu) {
    List<Double> ratios = new ArrayList<>();
    for (int i = 0; i < ownRuns.size(); i++) {
      BenchResult own = ownRuns.get(i);
      BenchResult base = baselineRuns.get(i);
      ratios.add(perCpu ? own.eventsPerCpuSecond() / base.eventsPerCpuSecond() : own.eventsPerSecond() / base.eventsPerSecond());
    }
    return ratios;
  }

  public void print(PrintStream out) {
    out.printf(Locale.ROOT, "feed: %,d events, %,d names, %,d sources, %d days; the detector of this build and of %s,"
        + " each in its own JVM with -Xmx%s, %d round(s), taking turns to go first%n", feed.events(), feed.names(),
        feed.sources(), feed.days(), baseline, heap, ownRuns.size());
    out.printf(Locale.ROOT, "%-6s %20s %20s %8s %14s %22s %22s%n", "round", "baseline events/s", "this build events/s",
        "ratio", "ratio per CPU", "worker us/event b -> t", "GC us/event b -> t");
    for (int i = 0; i < ownRuns.size(); i++) {
      BenchResult own = ownRuns.get(i);
      BenchResult base = baselineRuns.get(i);
      out.printf(Locale.ROOT, "%-6d %20s %20s %8.2f %14.2f %22s %22s%n", i + 1,
          String.format(Locale.ROOT, "%,.0f", base.eventsPerSecond()),
          String.format(Locale.ROOT, "%,.0f", own.eventsPerSecond()), own.eventsPerSecond() / base.eventsPerSecond(),
          own.eventsPerCpuSecond() / base.eventsPerCpuSecond(), change(base, own, BenchResult::workerCpuSeconds),
          change(base, own, BenchResult::gcCpuSeconds));
    }
    out.printf(Locale.ROOT, "this build / baseline: median %.2f in events/s, %.2f per CPU-second (detector and broker)%n",
        medianRatio(), medianCpuRatio());
    out.printf(Locale.ROOT, "CPU per event in microseconds, baseline -> this build, medians of the rounds: worker thread %.2f -> %.2f, garbage collector %.2f -> %.2f%n",
        medianMicrosPerEvent(false, BenchResult::workerCpuSeconds), medianMicrosPerEvent(true, BenchResult::workerCpuSeconds),
        medianMicrosPerEvent(false, BenchResult::gcCpuSeconds), medianMicrosPerEvent(true, BenchResult::gcCpuSeconds));
  }
}
