package io.narrowcast.normalize;

import com.google.common.net.InetAddresses;
import io.narrowcast.ingest.InvalidRecordException;
import io.narrowcast.ingest.RejectReason;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Canonical text for querier addresses, optionally reduced to a prefix. */
public final class Sources {
  /** Prefix length used for IPv4 sources at {@link Granularity#PREFIX}. */
  public static final int IPV4_PREFIX = 24;
  /** Prefix length used for IPv6 sources at {@link Granularity#PREFIX}. */
  public static final int IPV6_PREFIX = 48;

  /** How finely sources are told apart. */
  public enum Granularity {
    /** Each address is a source. */
    ADDRESS,
    /** Addresses in the same /24 (IPv4) or /48 (IPv6) count as one source. */
    PREFIX
  }

  private Sources() {}

  /**
   * Canonical text of an address literal (IPv6 compressed, lower case; IPv4 dotted quad), or of its
   * prefix in CIDR form at {@link Granularity#PREFIX}.
   *
   * @throws InvalidRecordException with BAD_ADDRESS or MISSING_FIELD
   */
  public static String canonical(String raw, Granularity granularity) throws InvalidRecordException {
    if (raw == null || raw.isEmpty()) {
      throw new InvalidRecordException(RejectReason.MISSING_FIELD, "source address is empty");
    }
    if (granularity == Granularity.ADDRESS && isCanonicalIpv4(raw)) {
      return raw; // the common case, without parsing into an InetAddress and printing it again
    }
    InetAddress address = parse(raw);
    if (granularity == Granularity.PREFIX) {
      int bits = address instanceof Inet4Address ? IPV4_PREFIX : IPV6_PREFIX;
      return InetAddresses.toAddrString(mask(address, bits)) + "/" + bits;
    }
    return InetAddresses.toAddrString(address);
  }

  /** Four decimal octets 0-255 without leading zeros: already what {@link #canonical} would print. */
  static boolean isCanonicalIpv4(String text) {
    int octets = 0;
    int i = 0;
    int length = text.length();
    while (i < length) {
      int start = i;
      int value = 0;
      while (i < length && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
        value = value * 10 + (text.charAt(i) - '0');
        i++;
        if (i - start > 3) {
          return false;
        }
      }
      int digits = i - start;
      if (digits == 0 || value > 255 || digits > 1 && text.charAt(start) == '0') {
        return false;
      }
      octets++;
      if (i == length) {
        break;
      }
      if (text.charAt(i) != '.' || octets == 4) {
        return false;
      }
      i++;
    }
    return octets == 4 && text.charAt(length - 1) != '.';
  }

  private static InetAddress parse(String raw) throws InvalidRecordException {
    String literal = raw;
    int zone = literal.indexOf('%');
    if (zone > 0) {
      literal = literal.substring(0, zone); // link-local zone ids name an interface, not a host
    }
    try {
      return InetAddresses.forString(literal);
    } catch (IllegalArgumentException e) {
      throw new InvalidRecordException(RejectReason.BAD_ADDRESS, "not an IP address: \"" + raw + "\"");
    }
  }

  private static InetAddress mask(InetAddress address, int bits) {
    byte[] bytes = address.getAddress();
    for (int i = 0; i < bytes.length; i++) {
      int keep = Math.max(0, Math.min(8, bits - i * 8));
      bytes[i] &= (byte) (0xff << (8 - keep));
    }
    try {
      return InetAddress.getByAddress(bytes); // raw bytes: no name lookup
    } catch (UnknownHostException e) {
      throw new IllegalStateException("address of " + bytes.length + " bytes", e);
    }
  }
}
