package io.narrowcast.ingest;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Cuts bytes, handed over as they come, into UTF-8 lines as {@code BufferedReader.readLine} does: a
 * line ends at \n, \r\n or a lone \r, also when the \r and its \n arrive apart. Of a line at most
 * {@link LineReader#MAX_LINE_BYTES} are kept, the rest only counted, so that no line can exhaust the
 * heap. What a whole file and a followed one are read with, so both end lines alike.
 */
public final class LineSplitter {
  private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
  /** The current line's length so far, kept or not. */
  private long bytes;
  /** The last line ended with \r: a \n right after it belongs to that end. */
  private boolean afterCarriageReturn;
  private byte[] input = new byte[0];
  private int position;
  private int limit;

  /** Hands over {@code bytes[from, to)}, to be taken by {@link #next()} before the array is reused. */
  public void feed(byte[] bytes, int from, int to) {
    input = bytes;
    position = from;
    limit = to;
  }

  /** The next line ended in what was fed, or null when that is used up: a line not yet ended waits for more. */
  public LineReader.Line next() {
    while (position < limit) {
      if (afterCarriageReturn) {
        afterCarriageReturn = false;
        if (input[position] == '\n') {
          position++;
          continue;
        }
      }
      int start = position;
      while (position < limit && input[position] != '\n' && input[position] != '\r') {
        position++;
      }
      int length = position - start;
      kept.write(input, start, (int) Math.max(0, Math.min(length, LineReader.MAX_LINE_BYTES - bytes)));
      bytes += length;
      if (position < limit) {
        afterCarriageReturn = input[position++] == '\r';
        return take();
      }
    }
    return null;
  }

  /** Where in the array last fed the line {@link #next()} returned ended, its line end included. */
  public int position() {
    return position;
  }

  /** At the end of the input: its last line when nothing ended it, else null. */
  public LineReader.Line rest() {
    return bytes == 0 ? null : take();
  }

  /**
   * Continues an input read before up to the end of a line, {@code lineEnd} being its last byte: a
   * \n right after a \r is then part of that end, not an empty line.
   */
  public void resumeAfter(byte lineEnd) {
    afterCarriageReturn = lineEnd == '\r';
  }

  private LineReader.Line take() {
    byte[] raw = kept.toByteArray();
    LineReader.Line line = new LineReader.Line(new String(raw, StandardCharsets.UTF_8), raw, bytes);
    kept.reset();
    bytes = 0;
    return line;
  }
}
