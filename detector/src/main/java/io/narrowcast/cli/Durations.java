package io.narrowcast.cli;

import java.math.BigInteger;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Durations as users write them: 0, 90s, 5m, 1h, 1d, 2w, or ISO-8601 (PT5M, P1D); from zero up to 100 years. */
public final class Durations implements ITypeConverter<Duration> {
  /**
   * Longest duration accepted: far beyond any window, lag or retention, and far enough below the
   * limits of Instant and of epoch milliseconds that adding it to any time of the data cannot overflow.
   */
  static final Duration MAX = Duration.ofDays(36_500);
  private static final Pattern SHORT = Pattern.compile("(\\d+)(ms|s|m|h|d|w)");
  private static final Map<String, Duration> UNITS = Map.of("ms", Duration.ofMillis(1), "s", Duration.ofSeconds(1),
      "m", Duration.ofMinutes(1), "h", Duration.ofHours(1), "d", Duration.ofDays(1), "w", Duration.ofDays(7));

  @Override
  public Duration convert(String value) {
    return parse(value);
  }

  /**
   * Parses a duration.
   *
   * @throws TypeConversionException with a message that echoes {@code value} and shows the accepted forms or range
   */
  public static Duration parse(String value) {
    Duration duration = parseUnbounded(value);
    if (duration.isNegative()) {
      throw new TypeConversionException("'" + value + "' is negative: durations are zero or more");
    }
    if (duration.compareTo(MAX) > 0) {
      throw tooLong(value);
    }
    return duration;
  }

  private static Duration parseUnbounded(String value) {
    String text = value.trim().toLowerCase(Locale.ROOT);
    if (text.equals("0")) {
      return Duration.ZERO; // zero needs no unit; an option that needs more says so itself
    }
    Matcher m = SHORT.matcher(text);
    if (m.matches()) {
      Duration unit = UNITS.get(m.group(2));
      BigInteger count = new BigInteger(m.group(1)); // any number of digits: too many is too long, not an overflow
      if (count.compareTo(BigInteger.valueOf(MAX.dividedBy(unit))) > 0) {
        throw tooLong(value);
      }
      return unit.multipliedBy(count.longValueExact());
    }
    try {
      return Duration.parse(value.trim().toUpperCase(Locale.ROOT));
    } catch (DateTimeParseException e) {
      if (e.getCause() != null) {
        throw tooLong(value); // the form is right, a number overflows
      }
      throw new NotADuration("'" + value + "' is not a duration: use 90s, 5m, 1h, 1d, 2w or ISO-8601 such as PT5M");
    }
  }

  /** Text that is no duration at all, rather than one out of range: a converter that also takes other forms tries those. */
  static final class NotADuration extends TypeConversionException {
    NotADuration(String message) {
      super(message);
    }
  }

  private static TypeConversionException tooLong(String value) {
    return new TypeConversionException("'" + value + "' is too long: at most " + MAX.toDays() + "d (100 years)");
  }
}
