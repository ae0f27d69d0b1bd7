package io.narrowcast.ingest;

/**
 * Turns one line of a log into a {@link ParseResult}. Never throws for bad input. A parser may keep
 * state between lines (Zeek headers), so use one instance per input stream.
 */
public interface RecordParser {
  ParseResult parse(String line);

  /**
   * Whether the meaning of a line depends on header lines before it (Zeek TSV): a reader that
   * starts in the middle of a file must first pass it the lines before.
   */
  default boolean readsHeaders() {
    return false;
  }
}
