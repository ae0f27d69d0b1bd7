package io.narrowcast.query;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** The times of a query ({@code from}, {@code to}): an ISO-8601 instant, or a date meaning its start in UTC. */
public final class QueryTimes {
  /** The earliest time a window can start: the stores keep nothing before the epoch. */
  public static final Instant EARLIEST = Instant.EPOCH;
  /** Later than any window. */
  public static final Instant LATEST = Instant.ofEpochMilli(Long.MAX_VALUE);

  private QueryTimes() {}

  /**
   * Parses {@code 2016-05-04T12:00:00Z} or {@code 2016-05-04}; null or blank gives {@code otherwise}.
   *
   * @throws IllegalArgumentException naming the value and the accepted forms
   */
  public static Instant parse(String text, Instant otherwise) {
    if (text == null || text.isBlank()) {
      return otherwise;
    }
    String value = text.strip();
    try {
      return value.length() == "yyyy-mm-dd".length()
          ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
          : Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("'" + text + "' is not a time: use 2016-05-04 or 2016-05-04T12:00:00Z");
    }
  }
}
