package io.narrowcast.ingest;

import io.narrowcast.framestream.FrameStreams;
import io.narrowcast.normalize.EventNormalizer;
import io.narrowcast.normalize.TimeRange;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads whole inputs (files, standard input), plain or gzip (recognized by content): line formats
 * line by line with the format's parser, dnstap as a Frame Streams file. Everything read goes to a
 * {@link RecordRouter}; a bad record is a dead letter with its reason and never stops the input.
 */
public final class FileIngestor {
  private static final int GZIP_MAGIC_1 = 0x1f;
  private static final int GZIP_MAGIC_2 = 0x8b;
  private static final int BUFFER = 1 << 16;

  private final RecordRouter router;

  /** Ingest with the default hygiene: exact names and addresses, event times from the epoch to a day ahead. */
  public FileIngestor(EventSink sink, IngestSummary summary) {
    this(new RecordRouter(sink, summary, EventNormalizer.exact().within(TimeRange.defaults())));
  }

  public FileIngestor(RecordRouter router) {
    this.router = router;
  }

  /** Ingests one file; its base name is the sensor where the format does not name one. */
  public void ingest(Path file, Format format) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      ingest(in, format, file.toString(), file.getFileName().toString());
    }
  }

  /**
   * Ingests a whole stream, then releases queries still waiting for their response and flushes.
   *
   * @param name names the input in dead-letter origins ("name:line", "name#frame")
   * @param sensor names the events' sensor where the format does not
   */
  public void ingest(InputStream input, Format format, String name, String sensor) throws IOException {
    InputStream in = decompressed(input);
    if (format.isLines()) {
      RecordParser parser = format.newParser(sensor);
      LineReader reader = new LineReader(in);
      LineReader.Line line;
      long lineNumber = 0;
      while ((line = reader.next()) != null) {
        lineNumber++;
        router.routeLine(parser, line, name + ":" + lineNumber);
      }
    } else {
      FrameStreams.readUnidirectional(in, DnstapDecoder.CONTENT_TYPE, name, new DnstapFrames(new DnstapDecoder(sensor), router));
    }
    router.finish();
  }

  private static InputStream decompressed(InputStream raw) throws IOException {
    InputStream in = new BufferedInputStream(raw, BUFFER);
    in.mark(2);
    boolean gzip = in.read() == GZIP_MAGIC_1 && in.read() == GZIP_MAGIC_2;
    in.reset();
    return gzip ? new GZIPInputStream(in, BUFFER) : in;
  }
}
