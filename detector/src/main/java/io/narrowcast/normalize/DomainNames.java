package io.narrowcast.normalize;

import com.google.common.net.InternetDomainName;
import io.narrowcast.ingest.InvalidRecordException;
import io.narrowcast.ingest.RejectReason;
import java.net.IDN;
import java.util.Locale;

/**
 * The one place where query names are normalized: IDNA to A-labels, lower case ({@link Locale#ROOT}),
 * no trailing dot, DNS length limits. Idempotent: a normalized name normalizes to itself.
 */
public final class DomainNames {
  /** Longest name on the wire, length octets and root label included (RFC 1035 2.3.4). */
  public static final int MAX_NAME_OCTETS = 255;
  /** Longest label (RFC 1035 2.3.4). */
  public static final int MAX_LABEL_OCTETS = 63;
  /** Longest presentation form without the trailing dot that still fits {@link #MAX_NAME_OCTETS}. */
  public static final int MAX_NAME_TEXT = MAX_NAME_OCTETS - 2;
  /** The root zone, kept as "." rather than the empty string. */
  public static final String ROOT = ".";
  /** What a name may hold, for messages to people (see {@link #isNameChar}; '*' aside, as no one types it). */
  public static final String WHAT_A_NAME_HOLDS =
      "a name holds letters, digits, hyphens, underscores and dots (an IDN in Unicode or as xn--)";

  private DomainNames() {}

  /**
   * Normalizes a query name as seen by a sensor.
   *
   * @throws InvalidRecordException with MISSING_FIELD, NAME_TOO_LONG, LABEL_TOO_LONG or BAD_CHARACTERS
   */
  public static String normalize(String raw) throws InvalidRecordException {
    if (raw == null || raw.isEmpty()) {
      throw new InvalidRecordException(RejectReason.MISSING_FIELD, "query name is empty");
    }
    String name = raw.endsWith(".") ? raw.substring(0, raw.length() - 1) : raw;
    if (name.isEmpty()) {
      return ROOT;
    }
    // characters before lengths: a sensor's escapes (Zeek's \x00) lengthen a name that is bad anyway
    checkCharacters(name, "");
    if (!isAscii(name)) {
      name = toAscii(name);
      // IDNA maps some characters to bad ASCII ones, the fullwidth backslash to a backslash
      checkCharacters(name, " of its IDNA form");
    }
    if (name.length() > MAX_NAME_TEXT) {
      throw new InvalidRecordException(RejectReason.NAME_TOO_LONG,
          "name has " + name.length() + " characters, at most " + MAX_NAME_TEXT + " fit in " + MAX_NAME_OCTETS + " octets");
    }
    checkLabels(name);
    return name.toLowerCase(Locale.ROOT);
  }

  /**
   * The registered domain (public suffix plus one label, e.g. "example.co.uk") of a normalized name,
   * or the name itself when it has none (a bare suffix, a private or unknown TLD, an address).
   */
  public static String registeredDomain(String normalized) {
    if (ROOT.equals(normalized) || !InternetDomainName.isValid(normalized)) {
      return normalized;
    }
    InternetDomainName parsed = InternetDomainName.from(normalized);
    return parsed.isUnderPublicSuffix() ? parsed.topPrivateDomain().toString() : normalized;
  }

  private static void checkLabels(String name) throws InvalidRecordException {
    int labelStart = 0;
    for (int i = 0; i <= name.length(); i++) {
      if (i == name.length() || name.charAt(i) == '.') {
        int length = i - labelStart;
        if (length == 0) {
          throw new InvalidRecordException(RejectReason.BAD_CHARACTERS, "empty label in \"" + name + "\"");
        }
        if (length > MAX_LABEL_OCTETS) {
          throw new InvalidRecordException(RejectReason.LABEL_TOO_LONG,
              "label of " + length + " characters, at most " + MAX_LABEL_OCTETS);
        }
        labelStart = i + 1;
      }
    }
  }

  /**
   * Refuses an ASCII character no name holds, saying which and where (counted in characters from 1, as a
   * person counts; {@code where} follows the position); any other is left to IDNA.
   */
  private static void checkCharacters(String name, String where) throws InvalidRecordException {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c <= 0x7f && c != '.' && !isNameChar(c)) {
        throw new InvalidRecordException(RejectReason.BAD_CHARACTERS, String.format(Locale.ROOT,
            "%s (U+%04X) at position %d%s", inWords(c), (int) c, name.codePointCount(0, i) + 1, where));
      }
    }
  }

  /** An ASCII character as a person reads it: the invisible ones by name, the others quoted. */
  private static String inWords(char c) {
    if (c == ' ') {
      return "a space";
    }
    if (c == '\t') {
      return "a tab";
    }
    return c < 0x20 || c == 0x7f ? "a control character" : "'" + c + "'";
  }

  /** Letters, digits, hyphen, and underscore (service labels such as _ldap._tcp) and '*' (wildcards). */
  private static boolean isNameChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || c == '-' || c == '_' || c == '*';
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) > 0x7f) {
        return false;
      }
    }
    return true;
  }

  private static String toAscii(String name) throws InvalidRecordException {
    try {
      return IDN.toASCII(name, IDN.ALLOW_UNASSIGNED);
    } catch (IllegalArgumentException e) {
      // java.net.IDN enforces the 63-octet limit on each A-label itself and says so only in its message
      String message = String.valueOf(e.getMessage());
      RejectReason reason = message.contains("too long") ? RejectReason.LABEL_TOO_LONG : RejectReason.BAD_CHARACTERS;
      throw new InvalidRecordException(reason, "not a valid IDN: " + message);
    }
  }
}
