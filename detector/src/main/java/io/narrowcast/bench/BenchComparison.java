package io.narrowcast.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
    out.printf(Locale.ROOT, "%-6s %20s %20s %8s %14s%n", "round", "baseline events/s", "this build events/s", "ratio",
        "ratio per CPU");
    for (int i = 0; i < ownRuns.size(); i++) {
      BenchResult own = ownRuns.get(i);
      BenchResult base = baselineRuns.get(i);
      out.printf(Locale.ROOT, "%-6d %20s %20s %8.2f %14.2f%n", i + 1, String.format(Locale.ROOT, "%,.0f", base.eventsPerSecond()),
          String.format(Locale.ROOT, "%,.0f", own.eventsPerSecond()), own.eventsPerSecond() / base.eventsPerSecond(),
          own.eventsPerCpuSecond() / base.eventsPerCpuSecond());
    }
    out.printf(Locale.ROOT, "this build / baseline: median %.2f in events/s, %.2f per CPU-second (detector and broker)%n",
        medianRatio(), medianCpuRatio());
  }
}
