package io.narrowcast.ingest;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.TemporalAccessor;

/** Event times as DNS logs write them. */
final class Times {
  /** ISO-8601 with an offset written with or without a colon (+0200 as Suricata writes, +02:00, Z). */
  private static final DateTimeFormatter OFFSET_TIME = new DateTimeFormatterBuilder()
      .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
      .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
      .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
      .toFormatter();

  /** Latest epoch second whose milliseconds still fit the long an event time is kept in. */
  private static final long MAX_EPOCH_SECOND = Long.MAX_VALUE / 1000;

  private Times() {}

  /** Zeek's "ts": seconds since the epoch with a fraction. */
  static long epochSecondsToMillis(String text) throws InvalidRecordException {
    double seconds;
    try {
      seconds = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new InvalidRecordException(RejectReason.UNPARSABLE, "time is not a number: \"" + text + "\"");
    }
    if (!Double.isFinite(seconds) || seconds < 0 || seconds > MAX_EPOCH_SECOND) {
      throw new InvalidRecordException(RejectReason.TIME_OUT_OF_RANGE, "time out of range: " + text);
    }
    return Math.round(seconds * 1000.0);
  }

  /** An ISO-8601 instant with an offset, or a bare number of epoch milliseconds. */
  static long isoOrEpochMillis(String text) throws InvalidRecordException {
    try {
      return OffsetDateTime.parse(text, OFFSET_TIME).toInstant().toEpochMilli();
    } catch (ArithmeticException e) { // ISO-8601 reaches the year 999,999,999, epoch milliseconds 292,278,994
      throw new InvalidRecordException(RejectReason.TIME_OUT_OF_RANGE, "time out of range: " + text);
    } catch (DateTimeException e) {
      try {
        return Long.parseLong(text);
      } catch (NumberFormatException notNumber) {
        throw new InvalidRecordException(RejectReason.UNPARSABLE, "not an ISO-8601 time: \"" + text + "\"");
      }
    }
  }

  /** An ISO-8601 time with an offset, or without one taken as UTC. */
  static Instant isoWithOrWithoutOffset(String text) {
    TemporalAccessor time = OFFSET_TIME.parseBest(text, OffsetDateTime::from, LocalDateTime::from);
    return time instanceof OffsetDateTime offset ? offset.toInstant() : ((LocalDateTime) time).toInstant(ZoneOffset.UTC);
  }
}
