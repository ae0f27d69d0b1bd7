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
    out.printf(Locale.ROOT, "produced at %,.0f events/s%n", feed.events() / produceSeconds);
    out.printf(Locale.ROOT, "%-34s %12s %14s %14s %14s%n", "stage", "events/s", "peak heap", "peak RSS", "state on disk");
    print(out, "(a) consumer, decode every event", consumer);
    print(out, "(b) Streams windowed count", count);
    print(out, "(c) Narrowcast, both detections", detector);
    out.printf(Locale.ROOT, "c/b = %.2f   c/a = %.2f%n", detector.eventsPerSecond() / count.eventsPerSecond(),
        detector.eventsPerSecond() / consumer.eventsPerSecond());
    out.printf(Locale.ROOT, "detector state: %,.0f bytes per tracked name-window (%,d bytes over %,d name-windows of %,d names)%n",
        (double) detector.stateBytes() / nameWindows, detector.stateBytes(), nameWindows, names);
    double perThread = detector.eventsPerSecond();
    out.printf(Locale.ROOT, "an 800,000 events/s feed needs about %d stream threads at this rate (one per core): "
        + "that many partitions at least%n", (long) Math.ceil(TARGET_EVENTS_PER_SECOND / perThread));
  }

  private static void print(PrintStream out, String label, BenchResult result) {
    out.printf(Locale.ROOT, "%-34s %12s %11.0f MB %11.0f MB %11.1f MB%n", label,
        String.format(Locale.ROOT, "%,.0f", result.eventsPerSecond()),
        result.peakHeapBytes() / 1e6, result.peakRssBytes() / 1e6, result.stateBytes() / 1e6);
  }
}
