package io.narrowcast.normalize;

import io.narrowcast.ingest.InvalidRecordException;
import io.narrowcast.ingest.RejectReason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Which event times are believable: not before a floor, and not further ahead of the clock than
 * a tolerance. A sensor with a broken clock (a device that boots in 1970, or a year ahead) would
 * otherwise open windows that no real traffic ever closes.
 *
 * @param floor earliest accepted event time
 * @param maxFuture how far ahead of {@code clock} an event may be, or null for no upper bound
 * @param clock the wall clock that "the future" is measured against
 */
public record TimeRange(Instant floor, Duration maxFuture, Clock clock) {
  /** Default floor: the epoch, so relative timestamps of lab captures still pass. */
  public static final Instant DEFAULT_FLOOR = Instant.EPOCH;
  /**
   * Default tolerance for sensor clocks running ahead: far beyond any clock kept by NTP, and well
   * within what a broker accepts by default (message.timestamp.after.max.ms, an hour), since the
   * detector writes its state stamped with event times. An event further ahead would close the
   * windows of its partition early, making the on-time lookups of every other sensor late.
   */
  public static final Duration DEFAULT_MAX_FUTURE = Duration.ofMinutes(30);
  /** Anything from the epoch on: what the detector applies to records already on the topic. */
  public static final TimeRange SINCE_EPOCH = new TimeRange(DEFAULT_FLOOR, null, Clock.systemUTC());

  public TimeRange {
    if (floor == null || clock == null) {
      throw new IllegalArgumentException("a time range needs a floor and a clock");
    }
    if (maxFuture != null && maxFuture.isNegative()) {
      throw new IllegalArgumentException("max-future must be zero or positive, was " + maxFuture);
    }
  }

  /** The default: from the epoch to half an hour ahead of the system clock, for ingest and the detector alike. */
  public static TimeRange defaults() {
    return new TimeRange(DEFAULT_FLOOR, DEFAULT_MAX_FUTURE, Clock.systemUTC());
  }

  /**
   * Checks one event time.
   *
   * @throws InvalidRecordException with TIME_OUT_OF_RANGE when it is missing, before the floor or too far ahead
   */
  public void check(Instant time) throws InvalidRecordException {
    if (time == null) {
      throw new InvalidRecordException(RejectReason.TIME_OUT_OF_RANGE, "no event time");
    }
    if (time.isBefore(floor)) {
      throw new InvalidRecordException(RejectReason.TIME_OUT_OF_RANGE, "event time " + time + " is before " + floor);
    }
    if (maxFuture != null) {
      Instant latest = clock.instant().plus(maxFuture);
      if (time.isAfter(latest)) {
        throw new InvalidRecordException(RejectReason.TIME_OUT_OF_RANGE,
            "event time " + time + " is more than " + maxFuture + " ahead of the clock (" + latest + ")");
      }
    }
  }
}
