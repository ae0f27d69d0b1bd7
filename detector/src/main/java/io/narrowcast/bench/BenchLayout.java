package io.narrowcast.bench;

/**
 * How a benchmark spreads the work: partitions of dns.events, and stream threads in each Kafka
 * Streams stage (the bare consumer always reads with one thread). Threads beyond the stage's tasks
 * stay idle, as they would in production.
 */
public record BenchLayout(int partitions, int streamThreads) {
  public static final BenchLayout SINGLE = new BenchLayout(1, 1);

  public BenchLayout {
    if (partitions < 1 || streamThreads < 1) {
      throw new IllegalArgumentException("at least one partition and one stream thread");
    }
  }

  /** As the report's first line says it. */
  String describe() {
    return partitions + " partition(s), " + streamThreads + " stream thread(s) per Streams stage";
  }
}
