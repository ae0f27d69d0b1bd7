package io.narrowcast.ingest;

/** Checked parsing of the numeric fields of DNS logs. */
final class Numbers {
  private static final int MAX_PORT = 65_535;

  private Numbers() {}

  static int nonNegativeInt(String text, String field) throws InvalidRecordException {
    try {
      int value = Integer.parseInt(text.trim());
      if (value < 0) {
        throw new InvalidRecordException(RejectReason.UNPARSABLE, field + " is negative: " + text);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new InvalidRecordException(RejectReason.UNPARSABLE, field + " is not a number: \"" + text + "\"");
    }
  }

  static int port(String text) throws InvalidRecordException {
    int port = nonNegativeInt(text, "port");
    if (port > MAX_PORT) {
      throw new InvalidRecordException(RejectReason.UNPARSABLE, "port out of range: " + text);
    }
    return port;
  }

  /** A TTL written as seconds, possibly fractional ("300.0"); null when it does not parse. */
  static Long ttlSeconds(String text) {
    try {
      double seconds = Double.parseDouble(text);
      return Double.isFinite(seconds) && seconds >= 0 ? (long) seconds : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
