package io.narrowcast.topics;

/**
 * Bytes as text a terminal shows safely: UTF-8 characters that print stay as they are; every other
 * byte (one that is not UTF-8, a control character, an invisible or bidirectional format character,
 * a space other than U+0020) is written {@code \xNN}, and a backslash {@code \\}, so the text says
 * exactly which bytes there were and nothing in it can move the cursor or hide what follows.
 */
public final class PrintableBytes {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private PrintableBytes() {}

  /** All of {@code bytes}, escaped. */
  public static String escape(byte[] bytes) {
    return escape(bytes, Integer.MAX_VALUE, "");
  }

  /**
   * {@code bytes} escaped; when that is longer than {@code maxChars}, only as much as fits in
   * {@code maxChars} (never cut inside an escape or a character), followed by {@code cutMark}.
   */
  public static String escape(byte[] bytes, int maxChars, String cutMark) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < bytes.length) {
      int length = sequenceLength(bytes, i);
      int codePoint = length == 0 ? -1 : decode(bytes, i, length);
      int mark = out.length();
      if (codePoint == '\\') {
        out.append("\\\\");
      } else if (codePoint >= 0 && prints(codePoint)) {
        out.appendCodePoint(codePoint);
      } else {
        for (int j = i; j < i + Math.max(length, 1); j++) {
          out.append("\\x").append(HEX[(bytes[j] >> 4) & 0xf]).append(HEX[bytes[j] & 0xf]);
        }
      }
      if (out.length() > maxChars) {
        out.setLength(mark);
        return out.append(cutMark).toString();
      }
      i += Math.max(length, 1);
    }
    return out.toString();
  }

  /**
   * How many bytes the UTF-8 sequence at {@code i} takes when it is well formed (the lead byte
   * allows it and the continuation bytes are there), else 0.
   */
  private static int sequenceLength(byte[] bytes, int i) {
    int lead = bytes[i] & 0xff;
    int length = lead < 0x80 ? 1 : lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3
        : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    if (i + length > bytes.length) {
      return 0;
    }
    for (int j = i + 1; j < i + length; j++) {
      if ((bytes[j] & 0xc0) != 0x80) {
        return 0;
      }
    }
    return length;
  }

  /** The code point of a sequence {@link #sequenceLength} passed, or -1 when it is overlong, a surrogate or past U+10FFFF. */
  private static int decode(byte[] bytes, int i, int length) {
    if (length == 1) {
      return bytes[i];
    }
    int codePoint = bytes[i] & (0xff >> (length + 1));
    for (int j = i + 1; j < i + length; j++) {
      codePoint = (codePoint << 6) | (bytes[j] & 0x3f);
    }
    int smallest = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000;
    boolean valid = codePoint >= smallest && codePoint <= Character.MAX_CODE_POINT
        && !(codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE);
    return valid ? codePoint : -1;
  }

  private static boolean prints(int codePoint) {
    return switch (Character.getType(codePoint)) {
      case Character.CONTROL, Character.FORMAT, Character.UNASSIGNED, Character.SURROGATE, Character.PRIVATE_USE,
          Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> false;
      case Character.SPACE_SEPARATOR -> codePoint == ' ';
      default -> true;
    };
  }
}
