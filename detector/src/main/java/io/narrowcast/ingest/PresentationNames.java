package io.narrowcast.ingest;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * Names in the presentation format of RFC 1035 5.1 as BIND's query log ({@code dns_name_totext}) and
 * dnsjava ({@code Name.toString}, for dnstap) write them: a label byte outside printable ASCII as
 * {@code \DDD} (three decimal digits), and one of {@code . ( ) ; " \ @ $} as a backslash before it.
 * Decoding gives back the label bytes, read as UTF-8 as a name is in every other input, so that the
 * normalizer judges the same characters whatever the sensor: a byte no host name holds ({@code \001},
 * {@code \(}) is bad characters there, and a UTF-8 label ({@code b\195\188cher}) becomes its A-label.
 */
final class PresentationNames {
  private PresentationNames() {}

  /**
   * The name that {@code text} writes, its labels decoded.
   *
   * @throws InvalidRecordException BAD_CHARACTERS for a label that holds a dot (the dotted name the
   *     detector keys on could not tell it from two labels) or bytes that are not UTF-8, UNPARSABLE
   *     for an escape that is not one
   */
  static String decode(String text) throws InvalidRecordException {
    if (text.indexOf('\\') < 0) {
      return text; // nearly every name
    }
    // escapes and dots are ASCII, and no byte of a multi-byte UTF-8 character is: the text's bytes can be walked one by one
    byte[] in = text.getBytes(StandardCharsets.UTF_8);
    StringBuilder name = new StringBuilder(text.length());
    ByteArrayOutputStream label = new ByteArrayOutputStream();
    int labelStart = 0;
    for (int i = 0; i < in.length; i++) {
      int b = in[i];
      if (b == '.') {
        name.append(utf8(label, in, labelStart, i)).append('.');
        label.reset();
        labelStart = i + 1;
        continue;
      }
      if (b == '\\') {
        if (++i == in.length) {
          throw new InvalidRecordException(RejectReason.UNPARSABLE, "name ends in a lone backslash: \"" + text + "\"");
        }
        if (isDigit(in[i])) {
          b = decimal(in, i, text);
          i += 2;
        } else {
          b = in[i];
        }
        if (b == '.') {
          throw new InvalidRecordException(RejectReason.BAD_CHARACTERS, "a label holds a dot: \"" + text + "\"");
        }
      }
      label.write(b);
    }
    return name.append(utf8(label, in, labelStart, in.length)).toString();
  }

  /** The byte that the three digits at {@code at} write, as BIND reads them: exactly three, at most 255. */
  private static int decimal(byte[] in, int at, String text) throws InvalidRecordException {
    if (at + 2 >= in.length || !isDigit(in[at + 1]) || !isDigit(in[at + 2])) {
      throw new InvalidRecordException(RejectReason.UNPARSABLE, "a \\DDD escape without three digits in \"" + text + "\"");
    }
    int value = (in[at] - '0') * 100 + (in[at + 1] - '0') * 10 + (in[at + 2] - '0');
    if (value > 255) {
      throw new InvalidRecordException(RejectReason.UNPARSABLE, "escape \\" + value + " is no byte in \"" + text + "\"");
    }
    return value;
  }

  private static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }

  /** The label's bytes as text; {@code in[start, end)} is the label as written, for the detail. */
  private static String utf8(ByteArrayOutputStream label, byte[] in, int start, int end) throws InvalidRecordException {
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(label.toByteArray())).toString();
    } catch (CharacterCodingException e) {
      throw new InvalidRecordException(RejectReason.BAD_CHARACTERS,
          "label \"" + new String(in, start, end - start, StandardCharsets.UTF_8) + "\" is not UTF-8 text");
    }
  }
}
