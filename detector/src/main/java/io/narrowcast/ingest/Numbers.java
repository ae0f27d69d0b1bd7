package io.narrowcast.ingest;

import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/** Checked parsing of the numeric fields of DNS logs. */
final class Numbers {
  /** Ports and DNS types are 16-bit fields. */
  private static final int MAX_16_BIT = 65_535;
  /** A response code has 12 bits: 4 in the header and 8 more in the EDNS OPT record (RFC 6891 6.1.3). */
  private static final int MAX_RCODE = 4_095;

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
    return atMost(MAX_16_BIT, text, "port");
  }

  /**
   * A DNS type by mnemonic (AAAA, TYPE65) or number; dnsjava refuses to name one over 16 bits, and
   * no message can carry it.
   */
  static int qtype(String text) throws InvalidRecordException {
    int byName = Type.value(text);
    return byName >= 0 ? byName : atMost(MAX_16_BIT, text, "qtype");
  }

  /** A response code by mnemonic (NXDOMAIN) or number, extended ones included. */
  static int rcode(String text) throws InvalidRecordException {
    int byName = Rcode.value(text);
    return byName >= 0 ? byName : atMost(MAX_RCODE, text, "rcode");
  }

  private static int atMost(int max, String text, String field) throws InvalidRecordException {
    int value = nonNegativeInt(text, field);
    if (value > max) {
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
