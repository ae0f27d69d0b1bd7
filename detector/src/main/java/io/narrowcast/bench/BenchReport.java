package io.narrowcast.bench;

import java.io.PrintStream;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The numbers of one benchmark run, and how they read.
 *
 * @param rounds the stages' results, one list a round
 * @param restore a new detector instance restoring the last detector stage's state, or null if not measured
 */
public record BenchReport(BenchEvents feed, BenchLayout layout, String heap, double produceSeconds, long names,
    long nameWindows, List<List<BenchResult>> rounds, BenchResult restore) {
  /** The feeds to size for: observations per second of the largest passive-DNS sensor network, low and high. */
  static final long LOW_FEED = 200_000;
  static final long HIGH_FEED = 800_000;
  /** The stages as the tables list them. */
  private static final List<Row> ROWS = List.of(new Row("consumer", "(a) consumer, decode every event"),
      new Row("decode", "    Streams, decode, no state"), new Row("count", "(b) Streams windowed count"),
      new Row("detector", "(c) Narrowcast, both detections"));

  private record Row(String stage, String label) {}

  public BenchReport {
    if (rounds.isEmpty()) {
      throw new IllegalArgumentException("at least one round");
    }
    rounds = rounds.stream().map(List::copyOf).toList();
  }

  /** The stage's run with the median rate over the rounds (with an even count, the faster of the middle two). */
  public BenchResult stage(String name) {
    List<BenchResult> runs = rounds.stream().map(round -> stage(round, name))
        .sorted(Comparator.comparingDouble(BenchResult::eventsPerSecond)).toList();
    return runs.get(runs.size() / 2);
  }

  /** c/b: the detector's rate over the plain count's, taken within each round, the median of the rounds. */
  public double detectorOverCount() {
    return ratio("count", BenchResult::eventsPerSecond);
  }

  /** c/a: the detector's rate over the bare consumer's, as {@link #detectorOverCount()}. */
  public double detectorOverConsumer() {
    return ratio("consumer", BenchResult::eventsPerSecond);
  }

  /** Kafka Streams with no state over the bare consumer, as {@link #detectorOverCount()}: c/a's ceiling for Streams. */
  public double statelessOverConsumer() {
    return ratio("decode", "consumer", BenchResult::eventsPerSecond);
  }

  /** b/a, the plain count over the bare consumer, as {@link #detectorOverCount()}. */
  public double countOverConsumer() {
    return ratio("count", "consumer", BenchResult::eventsPerSecond);
  }

  private double ratio(String base, ToDoubleFunction<BenchResult> rate) {
    return ratio("detector", base, rate);
  }

  private double ratio(String stage, String base, ToDoubleFunction<BenchResult> rate) {
    return Medians.of(rounds.stream().map(round -> ratio(round, stage, base, rate)).toList());
  }

  private static double ratio(List<BenchResult> round, String stage, String base, ToDoubleFunction<BenchResult> rate) {
    return rate.applyAsDouble(stage(round, stage)) / rate.applyAsDouble(stage(round, base));
  }

  private static BenchResult stage(List<BenchResult> round, String name) {
    return round.stream().filter(s -> s.stage().equals(name)).findFirst().orElseThrow();
  }

  public void print(PrintStream out) {
    BenchResult detector = stage("detector");
    out.printf(Locale.ROOT, "feed: %,d events, %,d names (%,d name-windows), %,d sources, %d days; %s; "
        + "each stage in its own JVM with -Xmx%s%n", feed.events(), names, nameWindows, feed.sources(), feed.days(),
        layout.describe(), heap);
    out.printf(Locale.ROOT, "rates over the last %,d events of each stage (the first fifth warms up the JIT)%n",
        detector.events());
    out.printf(Locale.ROOT, "produced at %,.0f events/s%n", feed.events() / produceSeconds);
    if (rounds.size() > 1) {
      out.printf(Locale.ROOT, "%d rounds, the count and the detector taking turns to go first; "
          + "the table shows each stage's median run, the ratios are the medians of the rounds' ratios%n", rounds.size());
    }
    out.printf(Locale.ROOT, "%-34s %10s %13s %11s %11s %14s %14s%n", "stage", "events/s", "events/cpu-s", "peak heap",
        "peak RSS", "changelogs", "state writes/event");
    ROWS.forEach(row -> print(out, row.label(), stage(row.stage())));
    if (rounds.size() > 1) {
      for (int i = 0; i < rounds.size(); i++) {
        List<BenchResult> round = rounds.get(i);
        out.printf(Locale.ROOT, "round %d: count %,.0f, detector %,.0f events/s: c/b = %.2f   c/a = %.2f%n", i + 1,
            stage(round, "count").eventsPerSecond(), stage(round, "detector").eventsPerSecond(),
            ratio(round, "detector", "count", BenchResult::eventsPerSecond),
            ratio(round, "detector", "consumer", BenchResult::eventsPerSecond));
      }
    }
    out.printf(Locale.ROOT, "c/b = %.2f   c/a = %.2f   (per CPU-second, stage and broker: c/b = %.2f   c/a = %.2f)%n",
        detectorOverCount(), detectorOverConsumer(), ratio("count", BenchResult::eventsPerCpuSecond),
        ratio("consumer", BenchResult::eventsPerCpuSecond));
    out.printf(Locale.ROOT, "per CPU-second without the JIT compilers' (still busy after the warm-up; a long-running "
        + "process has paid them off): c/b = %.2f   c/a = %.2f; their share of the stage's CPU: count %.0f%%, "
        + "detector %.0f%%%n", ratio("count", BenchResult::eventsPerCompiledCpuSecond),
        ratio("consumer", BenchResult::eventsPerCompiledCpuSecond), 100 * stage("count").jitShare(),
        100 * detector.jitShare());
    out.printf(Locale.ROOT, "rates as a share of (a): Streams with no state %.2f, the windowed count (b) %.2f, "
        + "the detector (c) %.2f%n", statelessOverConsumer(), countOverConsumer(), detectorOverConsumer());
    printCpu(out);
    out.printf(Locale.ROOT, "detector state: %,.0f bytes of changelog per tracked name-window (%,d bytes over %,d "
        + "name-windows of %,d names)%n", (double) detector.stateBytes() / nameWindows, detector.stateBytes(), nameWindows,
        names);
    if (restore != null) {
      out.printf(Locale.ROOT, "restore: a new detector instance with an empty state directory (a restart after kill -9 "
          + "under exactly-once, or a task moved to another machine) read %,d changelog records (%,.1f MB) in %.1f s and "
          + "ran %.1f s after its start, peak RSS %,.0f MB%n", restore.events(), restore.stateBytes() / 1e6,
          restore.workerCpuSeconds(), restore.seconds(), restore.peakRssBytes() / 1e6);
    }
    // sizing counts the detector's own CPU (in production the brokers run elsewhere), JIT included: the safe side
    double perCore = detector.events() / Math.max(detector.cpuSeconds(), 1e-9);
    double compiledPerCore = detector.events() / Math.max(detector.cpuSeconds() - detector.jitCpuSeconds(), 1e-9);
    out.printf(Locale.ROOT, "detector: %,.0f events per CPU-second of its own process (%,.0f without the JIT compilers); "
        + "a feed of %,d events/s needs about %d such cores (stream threads), one of %,d about %d, so at least "
        + "that many partitions%n", perCore, compiledPerCore, LOW_FEED, (long) Math.ceil(LOW_FEED / perCore), HIGH_FEED,
        (long) Math.ceil(HIGH_FEED / perCore));
  }

  /**
   * Where each stage's CPU goes, and the cap its worker thread puts on its rate: that thread handles
   * every event in turn, so no core count lets a stage beat one event per its worker's CPU per event.
   */
  private void printCpu(PrintStream out) {
    boolean oneThread = layout.streamThreads() == 1;
    out.printf(Locale.ROOT, "CPU per event in microseconds: %s, the JIT compilers, the garbage collector,%n"
        + "the stage's other threads (client I/O, RocksDB, ...), the broker; cap: %s, as a share of (a)'s%n",
        oneThread ? "the worker thread that polls and processes every event"
            : "the worker threads that poll and process the events (a Streams stage's stream threads, summed)",
        oneThread ? "the rate its worker's CPU alone allows" : "the rate one core of worker CPU allows");
    out.printf(Locale.ROOT, "%-34s %8s %8s %8s %8s %8s %8s %14s%n", "stage", "worker", "JIT", "GC", "other", "broker",
        "total", "cap");
    double consumer = stage("consumer").eventsPerSecond();
    for (Row row : ROWS) {
      BenchResult result = stage(row.stage());
      out.printf(Locale.ROOT, "%-34s %8.2f %8.2f %8.2f %8.2f %8.2f %8.2f %14.2f%n", row.label(),
          result.microsPerEvent(result.workerCpuSeconds()), result.microsPerEvent(result.jitCpuSeconds()),
          result.microsPerEvent(result.gcCpuSeconds()), result.microsPerEvent(result.otherCpuSeconds()),
          result.microsPerEvent(result.brokerCpuSeconds()),
          result.microsPerEvent(result.cpuSeconds() + result.brokerCpuSeconds()),
          result.events() / Math.max(result.workerCpuSeconds(), 1e-9) / consumer);
    }
    out.printf(Locale.ROOT, "c/a = 0.50 needs the detector at %,.0f events/s: at most %.2f microseconds of its "
        + "worker's CPU per event, which spends %.2f; Streams with no state spends %.2f, the windowed count (b) %.2f%n",
        consumer / 2, 2e6 / consumer, workerMicros("detector"), workerMicros("decode"), workerMicros("count"));
  }

  private double workerMicros(String name) {
    BenchResult result = stage(name);
    return result.microsPerEvent(result.workerCpuSeconds());
  }

  private void print(PrintStream out, String label, BenchResult result) {
    out.printf(Locale.ROOT, "%-34s %10s %13s %8.0f MB %8.0f MB %11.1f MB %14.2f%n", label,
        String.format(Locale.ROOT, "%,.0f", result.eventsPerSecond()),
        String.format(Locale.ROOT, "%,.0f", result.eventsPerCpuSecond()),
        result.peakHeapBytes() / 1e6, result.peakRssBytes() / 1e6, result.stateBytes() / 1e6,
        (double) result.internalRecords() / feed.events());
  }
}
