package io.narrowcast.ingest;

/**
 * Turns one line of a log into a {@link ParseResult}. Never throws for bad input. A parser may keep
 * state between lines (Zeek headers), so use one instance per input stream.
 */
public interface RecordParser {
  ParseResult parse(String line);
}
