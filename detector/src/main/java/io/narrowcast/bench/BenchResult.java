package io.narrowcast.bench;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * What one measured stage reports (as one JSON line on its standard output).
 *
 * @param stage "consumer", "decode", "count", "detector" or "restore" (whose events are the changelog records restored)
 * @param events events it processed after the warm-up (see BenchStage#warmUp)
 * @param seconds from the end of the warm-up to its last event
 * @param peakHeapBytes the most heap in use at once, over all heap pools
 * @param peakRssBytes the process's peak resident set size (VmHWM)
 * @param stateBytes bytes of its changelog topics on the broker after it ran, the state a restore reads (0 for the
 *     consumer; filled in by {@link Bench})
 * @param cpuSeconds CPU time of its process (all threads) over those seconds
 * @param jitCpuSeconds the part of it spent by the JIT compiler threads: the cost of a young process,
 *     which a long-running one has paid off (0 where it cannot be read)
 * @param gcCpuSeconds the part of it spent by the garbage collector's threads (0 where it cannot be read)
 * @param workerCpuSeconds the part of it spent by the one thread that polls and processes every event
 *     (the consumer's main thread, Kafka Streams' stream thread): no stage runs faster than one
 *     event per its CPU time per event, however many cores the machine has
 * @param startedAtMs wall-clock time of the end of the warm-up
 * @param endedAtMs wall-clock time of its last
 * @param brokerCpuSeconds CPU time the broker spent meanwhile, serving it (filled in by {@link Bench})
 * @param internalRecords records it wrote to its changelog and repartition topics over the whole run, the
 *     broker's share of the cost of its state (offsets, so including a few transaction markers; filled in by {@link Bench})
 */
public record BenchResult(String stage, long events, double seconds, long peakHeapBytes, long peakRssBytes, long stateBytes,
    double cpuSeconds, double jitCpuSeconds, double gcCpuSeconds, double workerCpuSeconds, long startedAtMs,
    long endedAtMs, double brokerCpuSeconds, long internalRecords) {
  /** Reads the results of other builds (`bench --compare`): fields it lacks are 0, fields it adds are ignored. */
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  public double eventsPerSecond() {
    return events / Math.max(seconds, 1e-9);
  }

  /** Events per CPU-second of the stage's process and the broker together: the cost per core, whatever else runs. */
  public double eventsPerCpuSecond() {
    return events / Math.max(cpuSeconds + brokerCpuSeconds, 1e-9);
  }

  /** As {@link #eventsPerCpuSecond()} without the JIT compilers' CPU: the cost per core once the code is compiled. */
  public double eventsPerCompiledCpuSecond() {
    return events / Math.max(cpuSeconds - jitCpuSeconds + brokerCpuSeconds, 1e-9);
  }

  /** The JIT compilers' part of the stage's own CPU. */
  public double jitShare() {
    return jitCpuSeconds / Math.max(cpuSeconds, 1e-9);
  }

  /** Microseconds per measured event of {@code cpuSeconds}, one of the parts of CPU time above. */
  public double microsPerEvent(double cpuSeconds) {
    return cpuSeconds * 1e6 / Math.max(events, 1);
  }

  /** The stage's own CPU less its worker's, the JIT compilers' and the collector's: client I/O threads, RocksDB, ... */
  public double otherCpuSeconds() {
    return Math.max(0, cpuSeconds - workerCpuSeconds - jitCpuSeconds - gcCpuSeconds);
  }

  BenchResult withStateBytes(long bytes) {
    return new BenchResult(stage, events, seconds, peakHeapBytes, peakRssBytes, bytes, cpuSeconds, jitCpuSeconds,
        gcCpuSeconds, workerCpuSeconds, startedAtMs, endedAtMs, brokerCpuSeconds, internalRecords);
  }

  BenchResult withBroker(double cpuSeconds, long records) {
    return new BenchResult(stage, events, seconds, peakHeapBytes, peakRssBytes, stateBytes, this.cpuSeconds,
        jitCpuSeconds, gcCpuSeconds, workerCpuSeconds, startedAtMs, endedAtMs, cpuSeconds, records);
  }

  String toJson() {
    try {
      return MAPPER.writeValueAsString(this);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static BenchResult fromJson(String line) {
    try {
      return MAPPER.readValue(line, BenchResult.class);
    } catch (IOException e) {
      throw new UncheckedIOException("not a bench result: " + line, e);
    }
  }
}
