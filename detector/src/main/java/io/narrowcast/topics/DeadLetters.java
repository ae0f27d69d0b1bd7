package io.narrowcast.topics;

import io.narrowcast.ingest.RejectReason;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** The headers that say why a record is on the dead-letter topic. */
public final class DeadLetters {
  /** The reason, as {@link RejectReason#label()}. */
  public static final String REASON = "narrowcast.reason";
  /** What exactly was wrong, for a person. */
  public static final String DETAIL = "narrowcast.detail";
  /** Where the record came from: file and line, or topic, partition and offset. */
  public static final String ORIGIN = "narrowcast.origin";
  /** Longest detail kept; the original bytes are in the value anyway. */
  private static final int MAX_DETAIL = 500;

  private DeadLetters() {}

  /** Adds the reason headers to {@code headers} and returns them. */
  public static Headers annotate(Headers headers, RejectReason reason, String detail, String origin) {
    String shortDetail = detail == null ? "" : detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) : detail;
    headers.add(REASON, reason.label().getBytes(StandardCharsets.UTF_8));
    headers.add(DETAIL, shortDetail.getBytes(StandardCharsets.UTF_8));
    headers.add(ORIGIN, origin.getBytes(StandardCharsets.UTF_8));
    return headers;
  }

  /** The value of header {@code key} as text, or null. */
  public static String header(Headers headers, String key) {
    Header header = headers.lastHeader(key);
    return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
