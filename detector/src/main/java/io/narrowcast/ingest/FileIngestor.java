package io.narrowcast.ingest;

import io.narrowcast.avro.DnsEvent;
import io.narrowcast.normalize.EventNormalizer;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads log files line by line (plain or gzip, recognized by content), parses them with the
 * format's parser, normalizes the events and hands them to an {@link EventSink}. A bad line is a dead
 * letter with its reason; it never stops the file.
 */
public final class FileIngestor {
  /** Longest line accepted; anything longer is a dead letter (record too large). */
  public static final int MAX_LINE_CHARS = 64 * 1024;
  private static final int GZIP_MAGIC_1 = 0x1f;
  private static final int GZIP_MAGIC_2 = 0x8b;
  private static final int BUFFER = 1 << 16;

  private final EventSink sink;
  private final IngestSummary summary;
  private final EventNormalizer normalizer = EventNormalizer.exact();

  public FileIngestor(EventSink sink, IngestSummary summary) {
    this.sink = sink;
    this.summary = summary;
  }

  /** Ingests one file; its base name is the sensor where the format does not name one. */
  public void ingest(Path file, Format format) throws IOException {
    try (BufferedReader reader = open(file)) {
      RecordParser parser = format.newParser(file.getFileName().toString());
      String origin = file.toString();
      String line;
      long lineNumber = 0;
      while ((line = reader.readLine()) != null) {
        lineNumber++;
        handle(parser, line, origin, lineNumber);
      }
    }
  }

  private void handle(RecordParser parser, String line, String origin, long lineNumber) {
    if (line.length() > MAX_LINE_CHARS) {
      reject(line, RejectReason.RECORD_TOO_LARGE, "line of " + line.length() + " characters, at most " + MAX_LINE_CHARS,
          origin, lineNumber);
      return;
    }
    ParseResult result = parser.parse(line);
    if (result instanceof ParseResult.Parsed parsed) {
      accept(parsed.event(), line, origin, lineNumber);
    } else if (result instanceof ParseResult.Rejected rejected) {
      reject(line, rejected.reason(), rejected.detail(), origin, lineNumber);
    } else if (result instanceof ParseResult.Skipped skipped) {
      summary.countSkipped(skipped.why());
    }
  }

  private void accept(DnsEvent event, String line, String origin, long lineNumber) {
    try {
      normalizer.normalize(event);
    } catch (InvalidRecordException e) {
      reject(line, e.reason(), e.getMessage(), origin, lineNumber);
      return;
    }
    summary.countAccepted(event.getEventTime().toEpochMilli());
    sink.event(normalizer.domainKey(event), event);
  }

  private void reject(String line, RejectReason reason, String detail, String origin, long lineNumber) {
    summary.countRejected(reason);
    sink.deadLetter(line.getBytes(StandardCharsets.UTF_8), reason, detail, origin + ":" + lineNumber);
  }

  /** A reader over the file's text, decompressing gzip when the first bytes say so. */
  static BufferedReader open(Path file) throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(file), BUFFER);
    in.mark(2);
    boolean gzip = in.read() == GZIP_MAGIC_1 && in.read() == GZIP_MAGIC_2;
    in.reset();
    InputStream text = gzip ? new GZIPInputStream(in, BUFFER) : in;
    return new BufferedReader(new InputStreamReader(text, StandardCharsets.UTF_8), BUFFER);
  }
}
