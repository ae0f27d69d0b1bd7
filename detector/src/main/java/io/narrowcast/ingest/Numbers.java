package io.narrowcast.ingest;

/** Checked parsing of the numeric fields of DNS logs. */
final class Numbers {
  /** Ports and DNS types are 16-bit fields. */
  private static final int MAX_16_BIT = 65_535;

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
    return unsigned16(text, "port");
  }

  /** A DNS type by number; dnsjava refuses to name one over 16 bits, and no message can carry it. */
  static int qtype(String text) throws InvalidRecordException {
    return unsigned16(text, "qtype");
  }

  private static int unsigned16(String text, String field) throws InvalidRecordException {
    int value = nonNegativeInt(text, field);
    if (value > MAX_16_BIT) {
      throw new InvalidRecordException(RejectReason.UNPARSABLE, field + " out of range: " + text);
    }
    return value;
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
