package io.narrowcast.eventtime;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * A progress mark on an internal topic: the task of partition {@code origin} upstream has sent
 * every record with an event time up to {@code time}; or it is idle (it has had no input for a
 * while, see {@link Watermarks}). A mark is a record without a value, its content in header
 * {@value #HEADER}, sent to every partition of the topic.
 */
public record Mark(int origin, long time, boolean idle) {
  static final String HEADER = "narrowcast.mark";
  private static final String IDLE = "idle";

  /** {@code origin} has sent everything up to {@code time}. */
  public static Mark progress(int origin, long time) {
    return new Mark(origin, time, false);
  }

  /** {@code origin} has had no input for a while. */
  public static Mark idle(int origin) {
    return new Mark(origin, Long.MIN_VALUE, true);
  }

  /** The mark a record without a value carries, if any. */
  public static Optional<Mark> of(Headers headers) {
    Header header = headers.lastHeader(HEADER);
    if (header == null || header.value() == null) {
      return Optional.empty();
    }
    String[] parts = new String(header.value(), StandardCharsets.UTF_8).split(" ");
    try {
      int origin = Integer.parseInt(parts[0]);
      return Optional.of(parts[1].equals(IDLE) ? idle(origin) : progress(origin, Long.parseLong(parts[1])));
    } catch (RuntimeException e) {
      return Optional.empty(); // only the detector writes its internal topics; not a mark, then
    }
  }

  /** The headers that carry this mark. */
  public Headers headers() {
    String text = origin + " " + (idle ? IDLE : Long.toString(time));
    return new RecordHeaders().add(HEADER, text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Partitions marks (records without a value) to every partition, anything else by its key as
   * Kafka's default partitioner does.
   */
  public static <K, V> StreamPartitioner<K, V> broadcast() {
    return (topic, key, value, partitions) -> value != null ? Optional.empty()
        : Optional.of(IntStream.range(0, partitions).boxed().collect(Collectors.toSet()));
  }

}
