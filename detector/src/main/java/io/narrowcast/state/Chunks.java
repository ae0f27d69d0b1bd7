package io.narrowcast.state;

import java.nio.ByteBuffer;

/**
 * The chunk records heap stores checkpoint to their changelogs in. A record's key is a store's
 * prefix and an 8-byte sequence number; its value is the format version, the kind (ordinary,
 * snapshot, snapshot's last), a generation, then entries (key, and the value or a deletion) to the end.
 */
final class Chunks {
  /** Where chunk records go: the changelog (a null value is a tombstone). */
  interface Changelog {
    void send(byte[] key, byte[] value);
  }

  interface EntrySink {
    void accept(String key, byte[] value);
  }

  /** A chunk is sent once it holds this many bytes: well under the topics' 1 MB record limit. */
  static final int CHUNK_BYTES = 256 * 1024;
  /** Largest entry (key and value): with a chunk just under {@link #CHUNK_BYTES}, a record stays under 1 MB. */
  static final int MAX_ENTRY_BYTES = 512 * 1024;
  /**
   * A chunk's buffer: a full chunk and an ordinary entry past it. Under 512 KB, half of G1's smallest
   * region, so the buffer is no humongous object; only an entry larger than the slack grows it past.
   */
  static final int BUFFER_BYTES = CHUNK_BYTES + 32 * 1024;
  static final int ORDINARY = 0;
  static final int SNAPSHOT = 1;
  static final int SNAPSHOT_END = 2;
  private static final int FORMAT_VERSION = 1;

  private Chunks() {}

  /** A chunk's kind and generation, and its entries still to read. */
  record Chunk(int kind, long generation, ByteReader entries) {
    void readEntries(EntrySink sink) {
      while (!entries.atEnd()) {
        String key = entries.readString();
        sink.accept(key, entries.readByte() == 0 ? null : entries.readBytes());
      }
    }
  }

  static Chunk read(byte[] value, long sequence) {
    ByteReader chunk = new ByteReader(value);
    int version = chunk.readByte();
    if (version != FORMAT_VERSION) {
      throw new CorruptStateException("chunk " + sequence + " has format version " + version + ", not " + FORMAT_VERSION);
    }
    int kind = chunk.readByte();
    if (kind != ORDINARY && kind != SNAPSHOT && kind != SNAPSHOT_END) {
      throw new CorruptStateException("chunk " + sequence + " has unknown kind " + kind);
    }
    return new Chunk(kind, chunk.readVarLong(), chunk);
  }

  static byte[] key(byte[] prefix, long sequence) {
    return ByteBuffer.allocate(prefix.length + 8).put(prefix).putLong(sequence).array();
  }

  /** Whether {@code key} is a chunk record's key under {@code prefix}. */
  static boolean hasPrefix(byte[] key, byte[] prefix) {
    if (key.length != prefix.length + 8) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (key[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  static long sequence(byte[] key) {
    return ByteBuffer.wrap(key, key.length - 8, 8).getLong();
  }

  static int entryBytes(String key, byte[] value) {
    return key.length() + value.length;
  }

  /**
   * Writes entries into chunk records of one kind, the last of them of {@code lastKind}, and reports
   * each sequence number it uses.
   */
  static final class Writer {
    interface Sequences {
      long next();
    }

    private final byte[] prefix;
    private final Sequences sequences;
    private final Changelog changelog;
    private final int kind;
    private final long generation;
    /** The chunk being filled, or null; its buffer serves every chunk of this writer. */
    private ByteWriter chunk;
    private ByteWriter buffer;
    private long sent;

    Writer(byte[] prefix, Sequences sequences, Changelog changelog, int kind, long generation) {
      this.prefix = prefix;
      this.sequences = sequences;
      this.changelog = changelog;
      this.kind = kind;
      this.generation = generation;
    }

    /** Adds an entry: {@code value}, or a deletion when null. */
    void add(String key, byte[] value) {
      if (chunk == null) {
        chunk = header();
      }
      chunk.writeString(key);
      if (value == null) {
        chunk.writeByte(0);
      } else {
        chunk.writeByte(1);
        chunk.writeBytes(value);
      }
      if (chunk.size() >= CHUNK_BYTES) {
        send();
      }
    }

    /** Sends the last chunk, as {@code lastKind} (a snapshot of nothing still sends its end); returns the bytes sent. */
    long finish(int lastKind) {
      if (chunk == null && lastKind != kind) {
        chunk = header();
      }
      if (chunk != null) {
        chunk.setByte(1, lastKind);
        send();
      }
      return sent;
    }

    /** Bytes its buffer holds, 0 before the first entry. */
    int bufferCapacity() {
      return buffer == null ? 0 : buffer.capacity();
    }

    private ByteWriter header() {
      if (buffer == null) {
        buffer = new ByteWriter(16 * 1024, BUFFER_BYTES);
      }
      buffer.clear();
      buffer.writeByte(FORMAT_VERSION);
      buffer.writeByte(kind);
      buffer.writeVarLong(generation);
      return buffer;
    }

    private void send() {
      byte[] value = chunk.toByteArray();
      changelog.send(key(prefix, sequences.next()), value);
      sent += value.length;
      chunk = null;
    }
  }
}
