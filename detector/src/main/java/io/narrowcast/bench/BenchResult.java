package io.narrowcast.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * What one measured stage reports (as one JSON line on its standard output).
 *
 * @param stage "consumer", "count" or "detector"
 * @param events events it processed
 * @param seconds from its first event to its last
 * @param peakHeapBytes the most heap in use at once, over all heap pools
 * @param peakRssBytes the process's peak resident set size (VmHWM)
 * @param stateBytes bytes of its state directory on disk after a clean close (0 for the consumer)
 */
public record BenchResult(String stage, long events, double seconds, long peakHeapBytes, long peakRssBytes, long stateBytes) {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  public double eventsPerSecond() {
    return events / Math.max(seconds, 1e-9);
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
