package io.narrowcast.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads UTF-8 lines as {@code BufferedReader.readLine} does (a line ends at \n, \r\n or a lone \r;
 * the last one need not end), but keeps at most {@link #MAX_LINE_BYTES} of a line: the rest of a
 * longer one is read past up to its end, not held, so that no line can exhaust the heap. Lines are
 * split as bytes and decoded one by one, so when the input fails (a gzip stream cut short) every
 * whole line before the failure has been returned.
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
   * @param bytes the whole line's length in bytes
   */
  public record Line(String text, long bytes) {
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
  private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
  private int position;
  private int limit;
  /** The last line ended with \r: a \n right after it belongs to that end. */
  private boolean afterCarriageReturn;

  public LineReader(InputStream in) {
    this.in = in;
  }

  /** The next line, or null at the end of the input. */
  public Line next() throws IOException {
    kept.reset();
    long bytes = 0;
    while (true) {
      if (position == limit && !fill()) {
        return bytes == 0 ? null : line(bytes);
      }
      if (afterCarriageReturn) {
        afterCarriageReturn = false;
        if (buffer[position] == '\n') {
          position++;
          continue;
        }
      }
      int start = position;
      while (position < limit && buffer[position] != '\n' && buffer[position] != '\r') {
        position++;
      }
      int length = position - start;
      kept.write(buffer, start, (int) Math.max(0, Math.min(length, MAX_LINE_BYTES - bytes)));
      bytes += length;
      if (position < limit) {
        afterCarriageReturn = buffer[position++] == '\r';
        return line(bytes);
      }
    }
  }

  private Line line(long bytes) {
    return new Line(kept.toString(StandardCharsets.UTF_8), bytes);
  }

  private boolean fill() throws IOException {
    int n = in.read(buffer);
    if (n <= 0) {
      return false;
    }
    position = 0;
    limit = n;
    return true;
  }
}
