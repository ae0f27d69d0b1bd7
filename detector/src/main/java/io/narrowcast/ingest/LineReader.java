package io.narrowcast.ingest;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads UTF-8 lines as {@code BufferedReader.readLine} does (the last one need not end), split by a
 * {@link LineSplitter}: at most {@link #MAX_LINE_BYTES} of a line are kept, the rest of a longer one
 * is read past up to its end. Lines are split as bytes and decoded one by one, so when the input
 * fails (a gzip stream cut short) every whole line before the failure has been returned.
 */
public final class LineReader {
  /** Longest line accepted, in characters; anything longer is a dead letter (record too large). */
  public static final int MAX_LINE_CHARS = 64 * 1024;
  /** UTF-8 takes at most 4 bytes a character: a line over this many bytes is over {@link #MAX_LINE_CHARS}. */
  public static final int MAX_LINE_BYTES = 4 * MAX_LINE_CHARS;
  private static final int BUFFER = 1 << 16;

  /**
   * One line without its end.
   *
   * @param text the line, or for one over {@link #MAX_LINE_BYTES} its first {@code MAX_LINE_BYTES} bytes
   * @param raw the bytes {@code text} was decoded from, for a dead letter: bytes that are not UTF-8
   *     decode to U+FFFD and would not encode back to what was read
   * @param bytes the whole line's length in bytes
   */
  public record Line(String text, byte[] raw, long bytes) {
    /** Whether the line is over {@link #MAX_LINE_CHARS} characters, so not to be parsed. */
    public boolean tooLong() {
      return bytes > MAX_LINE_BYTES || text.length() > MAX_LINE_CHARS;
    }

    /** Its length as the dead letter's detail gives it. */
    String size() {
      return bytes > MAX_LINE_BYTES ? bytes + " bytes" : text.length() + " characters";
    }
  }

  private final InputStream in;
  private final byte[] buffer = new byte[BUFFER];
  private final LineSplitter lines = new LineSplitter();

  public LineReader(InputStream in) {
    this.in = in;
  }

  /** The next line, or null at the end of the input. */
  public Line next() throws IOException {
    while (true) {
      Line line = lines.next();
      if (line != null) {
        return line;
      }
      int n = in.read(buffer);
      if (n <= 0) {
        return lines.rest();
      }
      lines.feed(buffer, 0, n);
    }
  }
}
