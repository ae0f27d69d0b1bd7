package io.narrowcast.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** The numbers of one benchmark run, and how they read. */
public record BenchReport(BenchEvents feed, int partitions, String heap, double produceSeconds, long names,
    long nameWindows, List<BenchResult> stages) {
  /** The feed the issue sizes against: observations per second of the largest passive-DNS sensor network. */
  static final long TARGET_EVENTS_PER_SECOND = 800_000;

  public BenchResult stage(String name) {
    return stages.stream().filter(s -> s.stage().equals(name)).findFirst().orElseThrow();
  }

  public void print(PrintStream out) {
    BenchResult consumer = stage("consumer");
    BenchResult count = stage("count");
    BenchResult detector = stage("detector");
    out.printf(Locale.ROOT, "feed: %,d events, %,d names (%,d name-windows), %,d sources, %d days; %d partition(s); "
        + "each stage in its own JVM with -Xmx%s%n", feed.events(), names, nameWindows, feed.sources(), feed.days(),
        partitions, heap);
    out.printf(Locale.ROOT, "rates over the last %,d events of each stage (the first fifth warms up the JIT)%n",
        detector.events());
    out.printf(Locale.ROOT, "produced at %,.0f events/s%n", feed.events() / produceSeconds);
    out.printf(Locale.ROOT, "%-34s %10s %13s %11s %11s %14s %14s%n", "stage", "events/s", "events/cpu-s", "peak heap",
        "peak RSS", "state on disk", "state writes/event");
    print(out, "(a) consumer, decode every event", consumer);
    print(out, "(b) Streams windowed count", count);
    print(out, "(c) Narrowcast, both detections", detector);
    out.printf(Locale.ROOT, "c/b = %.2f   c/a = %.2f   (per CPU-second, stage and broker: c/b = %.2f   c/a = %.2f)%n",
        detector.eventsPerSecond() / count.eventsPerSecond(), detector.eventsPerSecond() / consumer.eventsPerSecond(),
        detector.eventsPerCpuSecond() / count.eventsPerCpuSecond(),
        detector.eventsPerCpuSecond() / consumer.eventsPerCpuSecond());
    out.printf(Locale.ROOT, "detector state: %,.0f bytes per tracked name-window (%,d bytes over %,d name-windows of %,d names)%n",
        (double) detector.stateBytes() / nameWindows, detector.stateBytes(), nameWindows, names);
    // sizing counts the detector's own CPU: in production the brokers run elsewhere
    double perCore = detector.events() / Math.max(detector.cpuSeconds(), 1e-9);
    out.printf(Locale.ROOT, "detector: %,.0f events per CPU-second of its own process; an 800,000 events/s feed needs "
        + "about %d such cores (stream threads), so at least that many partitions%n", perCore,
        (long) Math.ceil(TARGET_EVENTS_PER_SECOND / perCore));
  }

  private void print(PrintStream out, String label, BenchResult result) {
    out.printf(Locale.ROOT, "%-34s %10s %13s %8.0f MB %8.0f MB %11.1f MB %14.2f%n", label,
        String.format(Locale.ROOT, "%,.0f", result.eventsPerSecond()),
        String.format(Locale.ROOT, "%,.0f", result.eventsPerCpuSecond()),
        result.peakHeapBytes() / 1e6, result.peakRssBytes() / 1e6, result.stateBytes() / 1e6,
        (double) result.internalRecords() / feed.events());
  }
}
