package io.narrowcast.topics;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;

/**
 * Control records on {@link Topics#EVENTS}: a record with header {@value #HEADER} = {@value #TICK} and
 * no value is a heartbeat that only advances event time on its partition, so that windows close at
 * the end of a replay or on a quiet partition.
 */
public final class Control {
  public static final String HEADER = "narrowcast.control";
  public static final String TICK = "tick";

  private Control() {}

  public static boolean isTick(Headers headers) {
    var header = headers.lastHeader(HEADER);
    return header != null && TICK.equals(new String(header.value(), StandardCharsets.UTF_8));
  }

  public static void markTick(Headers headers) {
    headers.add(HEADER, TICK.getBytes(StandardCharsets.UTF_8));
  }
}
