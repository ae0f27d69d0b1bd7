package io.narrowcast.ingest;

import io.narrowcast.framestream.FrameStreams;
import io.narrowcast.normalize.EventNormalizer;
import io.narrowcast.normalize.TimeRange;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads whole inputs (files, standard input), plain or gzip (recognized by content): line formats
 * line by line with the format's parser, dnstap as a Frame Streams file. Everything read goes to a
 * {@link RecordRouter}; a bad record is a dead letter with its reason and never stops the input.
 */
public final class FileIngestor {
  private static final int BUFFER = 1 << 16;

  private final RecordRouter router;

  /** Ingest with the default hygiene: exact names and addresses, event times from the epoch to a day ahead. */
  public FileIngestor(EventSink sink, IngestSummary summary) {
    this(new RecordRouter(sink, summary, EventNormalizer.exact().within(TimeRange.defaults())));
  }

  public FileIngestor(RecordRouter router) {
    this.router = router;
  }

  /**
   * Ingests files in order as one input (a rotated log and its successor: a query in one finds its
   * response in the next), then {@link #finish()}es. Each file's base name is the sensor where the
   * format does not name one.
   */
  public void ingest(List<Path> files, Format format) throws IOException {
    for (Path file : files) {
      try (InputStream in = open(file)) {
        ingest(in, format, file.toString(), file.getFileName().toString());
      }
    }
    finish();
  }

  /**
   * Opens a file to be read whole, also a named pipe (a shell's {@code <(zcat dns.log.gz)}): a stream
   * of {@code Files.newInputStream} answers {@code available()} by seeking, which a pipe refuses
   * ("Illegal seek") once the buffered reader asks.
   */
  public static InputStream open(Path file) throws IOException {
    return new FileInputStream(file.toFile());
  }

  /**
   * Ingests a whole stream. Queries still waiting for their response keep waiting for it in the
   * next stream: call {@link #finish()} after the last.
   *
   * @param name names the input in dead-letter origins ("name:line", "name#frame")
   * @param sensor names the events' sensor where the format does not
   */
  public void ingest(InputStream input, Format format, String name, String sensor) throws IOException {
    InputStream in = decompressed(input);
    if (format.isLines()) {
      readLines(in, format.newParser(sensor), name);
    } else {
      // a broken gzip stream is an EOFException to the frame reader: the stream ends, one dead letter
      FrameStreams.readUnidirectional(in, DnstapDecoder.CONTENT_TYPE, name, new DnstapFrames(new DnstapDecoder(sensor), router));
    }
  }

  /** Releases every query still waiting as an unanswered lookup and waits for the sink: at the end of the input. */
  public void finish() {
    router.finish();
  }

  /** Routes every line; a gzip stream that breaks off ends the input with one dead letter, as a cut-short dnstap file does. */
  private void readLines(InputStream in, RecordParser parser, String name) throws IOException {
    LineReader reader = new LineReader(in);
    long lineNumber = 0;
    try {
      for (LineReader.Line line = reader.next(); line != null; line = reader.next()) {
        lineNumber++;
        router.routeLine(parser, line, name + ":" + lineNumber);
      }
    } catch (BrokenGzipException e) {
      router.cutShort(name, e.getMessage() + " after line " + lineNumber, name + ":" + (lineNumber + 1));
    }
  }

  private static InputStream decompressed(InputStream raw) throws IOException {
    InputStream in = new BufferedInputStream(raw, BUFFER);
    in.mark(2);
    boolean gzip = Gzip.startsWithMagic(in);
    in.reset();
    return gzip ? new Gunzip(in) : in;
  }

  /** Gzip data cut short or corrupt: what was decompressed before it counts, the rest of the input is lost. */
  private static final class BrokenGzipException extends EOFException {
    BrokenGzipException(IOException cause) {
      super(cause instanceof EOFException ? "truncated gzip stream" : "corrupt gzip stream (" + cause.getMessage() + ")");
      initCause(cause);
    }
  }

  /**
   * Tells broken compressed data (GZIPInputStream's ZipException and EOFException) from an error
   * reading the file beneath, which stays an IOException that ends the run. Reads the gzip header
   * only on the first read, so that one cut short is a broken stream like any other.
   */
  private static final class Gunzip extends InputStream {
    private final InputStream compressed;
    private GZIPInputStream gzip;

    Gunzip(InputStream compressed) {
      this.compressed = compressed;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
      try {
        if (gzip == null) {
          gzip = new GZIPInputStream(compressed, BUFFER);
        }
        return gzip.read(bytes, offset, length);
      } catch (ZipException | EOFException e) {
        throw new BrokenGzipException(e);
      }
    }
  }
}
