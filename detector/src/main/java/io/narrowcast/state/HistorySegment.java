package io.narrowcast.state;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One closed window's entries on disk, in key order, with a sparse index in the heap (one key in
 * {@link #INDEX_EVERY}): a read costs one positional read of a few kilobytes. Written once, when the
 * window closes or a restore reads its snapshot, then only read, from any thread, until deleted.
 *
 * <p>The file is derived state, rebuilt by every restore: it is not synced, and a store that opens
 * finds none of the last run's.
 */
final class HistorySegment {
  static final int INDEX_EVERY = 32;

  private final Path file;
  private final FileChannel channel;
  private final String[] keys;
  private final long[] offsets;
  private final long length;
  private final int size;

  private HistorySegment(Path file, String[] keys, long[] offsets, long length, int size) throws IOException {
    this.file = file;
    this.channel = FileChannel.open(file, StandardOpenOption.READ);
    this.keys = keys;
    this.offsets = offsets;
    this.length = length;
    this.size = size;
  }

  /** Starts a segment at {@code file}; its entries must come in ascending key order. */
  static Writer writer(Path file) {
    return new Writer(file);
  }

  int size() {
    return size;
  }

  long bytes() {
    return length;
  }

  /** The value stored for {@code key}, or null. */
  byte[] get(String key) {
    int block = Arrays.binarySearch(keys, key);
    if (block < 0) {
      block = -block - 2; // the last block whose first key is below
      if (block < 0) {
        return null;
      }
    }
    byte[] entriesRead = read(block);
    if (entriesRead == null) {
      return null; // deleted meanwhile: the window left the retention while another thread read it
    }
    ByteReader entries = new ByteReader(entriesRead);
    while (!entries.atEnd()) {
      int order = entries.readString().compareTo(key);
      if (order == 0) {
        return entries.readBytes();
      }
      if (order > 0) {
        return null;
      }
      entries.skipBytes();
    }
    return null;
  }

  /** Every entry, in key order. */
  void forEach(Chunks.EntrySink sink) {
    for (int block = 0; block < keys.length; block++) {
      byte[] entriesRead = read(block);
      if (entriesRead == null) {
        return;
      }
      ByteReader entries = new ByteReader(entriesRead);
      while (!entries.atEnd()) {
        sink.accept(entries.readString(), entries.readBytes());
      }
    }
  }

  /** The entries of {@code block}, or null once the segment is deleted. */
  private byte[] read(int block) {
    long from = offsets[block];
    long to = block + 1 < offsets.length ? offsets[block + 1] : length;
    ByteBuffer buffer = ByteBuffer.allocate((int) (to - from));
    try {
      while (buffer.hasRemaining()) {
        if (channel.read(buffer, from + buffer.position()) < 0) {
          throw new CorruptStateException(file + " ends at " + (from + buffer.position()) + ", before " + to);
        }
      }
    } catch (ClosedChannelException e) {
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return buffer.array();
  }

  /** Closes and removes the file. */
  void delete() {
    try {
      channel.close();
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + file, e);
    }
  }

  static final class Writer {
    private final Path file;
    private final List<String> keys = new ArrayList<>();
    private final List<Long> offsets = new ArrayList<>();
    private OutputStream out;
    private final ByteWriter entry = new ByteWriter(256);
    private long length;
    private int size;
    private String previous;

    private Writer(Path file) {
      this.file = file;
      try {
        this.out = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + file, e);
      }
    }

    void add(String key, byte[] value) {
      if (previous != null && previous.compareTo(key) >= 0) {
        throw new CorruptStateException("history keys out of order: " + key + " after " + previous);
      }
      if (size % INDEX_EVERY == 0) {
        keys.add(key);
        offsets.add(length);
      }
      entry.clear();
      entry.writeString(key);
      entry.writeBytes(value);
      try {
        entry.writeTo(out);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + file, e);
      }
      length += entry.size();
      size++;
      previous = key;
    }

    HistorySegment finish() {
      try {
        out.close();
        return new HistorySegment(file, keys.toArray(new String[0]), offsets.stream().mapToLong(Long::longValue).toArray(),
            length, size);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + file, e);
      }
    }

    /** Gives up an unfinished segment: closes and removes the file. */
    void abandon() {
      try {
        out.close();
        Files.deleteIfExists(file);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot delete " + file, e);
      }
    }
  }
}
