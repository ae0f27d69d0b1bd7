package io.narrowcast.follow;

import com.google.common.io.ByteStreams;
import io.narrowcast.ingest.Format;
import io.narrowcast.ingest.LineReader;
import io.narrowcast.ingest.LineSplitter;
import io.narrowcast.ingest.RecordParser;
import io.narrowcast.ingest.RecordRouter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one log file as it grows, like {@code tail -F}: whole lines only, ended as {@link LineReader}
 * ends them (a line still being written waits for its end), through a rotation (the file renamed and
 * a new one created: the old one is read to its end first) and a truncation (copytruncate: read again
 * from the start). The position is saved in a {@link PositionStore}; after a restart reading resumes
 * there, also when the file was rotated meanwhile (the old file is found in the same directory by its
 * inode). Not thread-safe: one thread polls.
 */
public final class FileFollower {
  private static final Logger LOG = LoggerFactory.getLogger(FileFollower.class);
  private static final int CHUNK = 1 << 16;
  private static final int HEAD_BYTES = 256;

  private final Path file;
  private final Format format;
  private final String sensor;
  private final RecordRouter router;
  private final PositionStore store;
  private final ByteBuffer chunk = ByteBuffer.allocate(CHUNK);

  private Path openPath;
  private FileChannel channel;
  private String fileKey;
  private RecordParser parser;
  /** Ends lines as a whole file's are ended, and holds the line still being written. */
  private LineSplitter lines;
  /** End of the last whole line handled: what a restart resumes from. */
  private long offset;
  private long line;
  /** How far the channel has been read; beyond {@link #offset} by the partial line. */
  private long readPosition;

  /**
   * Follows {@code file} (a line format), resuming at its position in {@code positions}.
   *
   * @param sensor names the events where the format does not
   */
  public FileFollower(Path file, Format format, String sensor, RecordRouter router, PositionStore positions) {
    if (!format.isLines()) {
      throw new IllegalArgumentException("--follow reads line formats; " + format + " is not one");
    }
    this.file = file;
    this.format = format;
    this.sensor = sensor;
    this.router = router;
    this.store = positions;
  }

  /** The followed path. */
  public Path file() {
    return file;
  }

  /**
   * Reads whatever is new: lines appended since the last call, the rest of a rotated file and the
   * start of its successor.
   *
   * @return the lines handled
   */
  public long poll() throws IOException {
    long handled = 0;
    if (channel == null) {
      try {
        handled += resume();
      } catch (NoSuchFileException e) {
        close(); // rotated away between two looks at it; the next poll looks again
        return handled;
      }
      if (channel == null) {
        return handled; // the file does not exist (yet)
      }
    }
    handled += readLines();
    // one look at the path for its identity and size: a rotation can move it between two looks
    BasicFileAttributes now = attributesOf(file);
    if (now != null && !keyOf(now).equals(fileKey)) {
      handled += readLines(); // what the writer added to the old file just before it moved
      handled += finishFile();
      LOG.info("{} was rotated; reading the new file from its start", file);
      open(file, Position.start(keyOf(now)));
      handled += readLines();
    } else if (now != null && now.size() < readPosition) {
      LOG.info("{} was truncated; reading it again from its start", file);
      open(file, Position.start(keyOf(now)));
      handled += readLines();
    }
    return handled;
  }

  /** Saves how far whole lines were handled. Call only after the router flushed them. */
  public void savePosition() throws IOException {
    if (channel != null && openPath.equals(file)) {
      store.save(file, position());
    }
  }

  /** Closes the file; the position is not saved here. */
  public void close() throws IOException {
    if (channel != null) {
      channel.close();
      channel = null;
    }
  }

  /** Opens the file at the saved position, finishing first a rotated predecessor read only in part. */
  private long resume() throws IOException {
    String current = keyOf(file);
    if (current == null) {
      return 0;
    }
    Position saved = store.load(file).orElse(null);
    if (saved == null) {
      open(file, Position.start(current));
      return 0;
    }
    if (saved.fileKey().equals(current) && matches(file, saved)) {
      open(file, saved);
      return 0;
    }
    long handled = 0;
    Path rotated = findByKey(saved.fileKey());
    if (rotated != null && matches(rotated, saved)) {
      LOG.info("{} was rotated while stopped; finishing {} first", file, rotated);
      open(rotated, saved);
      handled += readLines();
      handled += finishFile();
    } else {
      LOG.warn("{} is not the file last read (rotated and gone, or rewritten); reading it from its start", file);
    }
    open(file, Position.start(current));
    return handled;
  }

  private void open(Path path, Position position) throws IOException {
    close();
    channel = FileChannel.open(path, StandardOpenOption.READ);
    openPath = path;
    fileKey = position.fileKey();
    offset = position.offset();
    line = position.line();
    readPosition = offset;
    lines = new LineSplitter();
    if (offset > 0) {
      lines.resumeAfter(lineEndBefore(offset));
    }
    parser = format.newParser(sensor);
    if (offset > 0 && parser.readsHeaders()) {
      replayHeaders();
    }
  }

  /** Passes the lines before the resume point to the parser, for the headers they hold; nothing is routed. */
  private void replayHeaders() throws IOException {
    try (InputStream before = ByteStreams.limit(Files.newInputStream(openPath), offset)) {
      LineReader reader = new LineReader(before);
      LineReader.Line text;
      while ((text = reader.next()) != null) {
        if (!text.tooLong()) { // refused when it was read
          parser.parse(text.text());
        }
      }
    }
  }

  /** Handles every whole line available; keeps a trailing partial line for later. */
  private long readLines() throws IOException {
    long handled = 0;
    int n;
    while ((n = read()) > 0) {
      long chunkStart = readPosition - n;
      lines.feed(chunk.array(), 0, n);
      for (LineReader.Line text = lines.next(); text != null; text = lines.next()) {
        route(text);
        handled++;
        offset = chunkStart + lines.position();
      }
    }
    return handled;
  }

  private int read() throws IOException {
    chunk.clear();
    int n = channel.read(chunk, readPosition);
    if (n > 0) {
      readPosition += n;
    }
    return n;
  }

  /**
   * The last byte of the line that ends at {@code position}: a \r there may be followed by its \n.
   * A \n when the file no longer reaches that far: it was truncated, which the next poll sees.
   */
  private byte lineEndBefore(long position) throws IOException {
    ByteBuffer last = ByteBuffer.allocate(1);
    return channel.read(last, position - 1) == 1 ? last.get(0) : (byte) '\n';
  }

  private void route(LineReader.Line text) {
    line++;
    router.routeLine(parser, text, openPath + ":" + line);
  }

  /** A rotated file gets no more lines: its unterminated last line is handled as it is. */
  private long finishFile() {
    LineReader.Line last = lines.rest();
    if (last == null) {
      return 0;
    }
    route(last);
    offset = readPosition;
    return 1;
  }

  /** Read through the open channel: the path may already name a new file the channel is not on. */
  private Position position() throws IOException {
    int headLength = (int) Math.min(HEAD_BYTES, offset);
    return new Position(fileKey, offset, line, headLength, headChecksum(channel, headLength));
  }

  private static boolean matches(Path path, Position saved) throws IOException {
    try (FileChannel candidate = FileChannel.open(path, StandardOpenOption.READ)) {
      return candidate.size() >= saved.offset() && headChecksum(candidate, saved.headLength()) == saved.headChecksum();
    }
  }

  private static long headChecksum(FileChannel file, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    ByteBuffer bytes = ByteBuffer.allocate(length);
    while (bytes.hasRemaining() && file.read(bytes, bytes.position()) > 0) {
      // fills the buffer from the file's start, whatever the channel's own position
    }
    CRC32 crc = new CRC32();
    crc.update(bytes.flip());
    return crc.getValue();
  }

  private Path findByKey(String key) throws IOException {
    Path directory = file.toAbsolutePath().getParent();
    try (DirectoryStream<Path> siblings = Files.newDirectoryStream(directory, Files::isRegularFile)) {
      for (Path sibling : siblings) {
        if (key.equals(keyOf(sibling))) {
          return sibling;
        }
      }
    }
    return null;
  }

  /** Device and inode on Linux; null when the file does not exist. */
  private static String keyOf(Path path) throws IOException {
    BasicFileAttributes attributes = attributesOf(path);
    return attributes == null ? null : keyOf(attributes);
  }

  private static String keyOf(BasicFileAttributes attributes) {
    return Objects.toString(attributes.fileKey(), "");
  }

  /** Null when the file does not exist. */
  private static BasicFileAttributes attributesOf(Path path) throws IOException {
    try {
      return Files.readAttributes(path, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      return null;
    }
  }
}
