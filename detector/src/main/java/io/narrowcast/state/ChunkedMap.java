package io.narrowcast.state;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A map from string keys to encoded values held in the heap, checkpointed to a compacted changelog
 * in chunk records: the state behind {@link CheckpointedKeyValueStore}, apart from Kafka Streams.
 *
 * <p>{@link #checkpoint} writes the entries changed since the last checkpoint into chunk records of
 * about {@link #CHUNK_BYTES}, so a commit sends a few large records however many entries changed;
 * {@link #restore} replays them, last write wins. Once the chunks written since the last snapshot
 * outweigh the live entries (and {@link #MIN_SNAPSHOT_BYTES}), a checkpoint writes a snapshot of
 * every entry instead, and after its last chunk tombstones every older chunk record. So the
 * changelog holds about twice the live entries at most (plus what compaction has not yet removed)
 * however long the store lives, and a restore reads that much.
 *
 * <p>A snapshot counts only once its last chunk is read: a restore keeps the chunks of one apart
 * until then, and drops them if an ordinary chunk follows (a writer that crashed mid-snapshot
 * without transactions, then went on from its earlier state).
 *
 * <p>Records: the key is {@link #CHUNK_KEY_PREFIX} and an 8-byte sequence number; the value is a
 * chunk: format version, kind (ordinary, snapshot, snapshot's last), the snapshot generation, then
 * entries (key, and the value or a deletion) to the end. Keys that do not start with the prefix
 * are records of a plain key-value changelog (string key, value as stored), as the RocksDB store
 * this replaced wrote: a restore takes them, and the next checkpoint, a snapshot, tombstones them.
 *
 * <p>One thread writes; {@link #get} and {@link #entries} may be read from others.
 */
public final class ChunkedMap {
  /** Where checkpoint records go: the changelog (a null value is a tombstone). */
  public interface Changelog {
    void send(byte[] key, byte[] value);
  }

  /** A chunk is sent once it holds this many bytes: well under the topics' 1 MB record limit. */
  static final int CHUNK_BYTES = 256 * 1024;
  /** Largest entry (key and value): with a chunk just under {@link #CHUNK_BYTES}, a record stays under 1 MB. */
  static final int MAX_ENTRY_BYTES = 512 * 1024;
  /** A snapshot is not written before this much has been logged since the last, however small the map. */
  static final long MIN_SNAPSHOT_BYTES = 4L * 1024 * 1024;
  static final byte CHUNK_KEY_PREFIX = 0;
  private static final int FORMAT_VERSION = 1;
  private static final int ORDINARY = 0;
  private static final int SNAPSHOT = 1;
  private static final int SNAPSHOT_END = 2;

  private final ConcurrentHashMap<String, byte[]> entries = new ConcurrentHashMap<>();
  /** Keys put or deleted since the last checkpoint. */
  private final Set<String> dirty = new HashSet<>();
  /** Sequence numbers of the chunk records the changelog holds (not tombstoned). */
  private final Set<Long> chunks = new HashSet<>();
  /** Plain records in the changelog, tombstoned by the next snapshot. */
  private final Set<String> plainRecords = new HashSet<>();
  /** Keys whose last write a restore read was a plain record: a plain tombstone deletes only those. */
  private final Set<String> plainLast = new HashSet<>();
  private long nextSequence;
  private long generation;
  private long liveBytes;
  private long loggedSinceSnapshot;
  /** A snapshot a restore is reading, kept apart until its last chunk. */
  private Map<String, byte[]> staging;
  private long stagingGeneration;

  public byte[] get(String key) {
    return entries.get(key);
  }

  public void put(String key, byte[] value) {
    if (value == null) {
      delete(key);
      return;
    }
    int size = entryBytes(key, value);
    if (size > MAX_ENTRY_BYTES) {
      throw new IllegalArgumentException("entry of " + size + " bytes for " + key + " exceeds " + MAX_ENTRY_BYTES);
    }
    byte[] old = entries.put(key, value);
    liveBytes += size - (old == null ? 0 : entryBytes(key, old));
    dirty.add(key);
  }

  public byte[] delete(String key) {
    byte[] old = entries.remove(key);
    if (old != null) {
      liveBytes -= entryBytes(key, old);
      dirty.add(key);
    }
    return old;
  }

  /** The live entries, in no particular order; safe to read while the writer goes on. */
  public Map<String, byte[]> entries() {
    return Collections.unmodifiableMap(entries);
  }

  public int size() {
    return entries.size();
  }

  /** Sends what changed since the last checkpoint, or a snapshot of everything when one is due. */
  public void checkpoint(Changelog changelog) {
    staging = null; // a snapshot a restore left unfinished is not this writer's
    if (dirty.isEmpty() && plainRecords.isEmpty()) {
      return;
    }
    if (!plainRecords.isEmpty() || loggedSinceSnapshot >= Math.max(MIN_SNAPSHOT_BYTES, liveBytes)) {
      snapshot(changelog);
    } else {
      loggedSinceSnapshot += write(changelog, dirty, ORDINARY, ORDINARY);
    }
    dirty.clear();
  }

  private void snapshot(Changelog changelog) {
    List<Long> older = new ArrayList<>(chunks);
    chunks.clear();
    generation++;
    write(changelog, entries.keySet(), SNAPSHOT, SNAPSHOT_END);
    for (long sequence : older) {
      changelog.send(chunkKey(sequence), null);
    }
    for (String key : plainRecords) {
      changelog.send(key.getBytes(StandardCharsets.UTF_8), null);
    }
    plainRecords.clear();
    loggedSinceSnapshot = 0;
  }

  /** Writes {@code keys} (their values, or deletions) in chunks, the last of kind {@code lastKind}; returns the bytes sent. */
  private long write(Changelog changelog, Iterable<String> keys, int kind, int lastKind) {
    long sent = 0;
    ByteWriter chunk = null;
    for (String key : keys) {
      if (chunk == null) {
        chunk = header(kind);
      }
      byte[] value = entries.get(key);
      chunk.writeString(key);
      if (value == null) {
        chunk.writeByte(0);
      } else {
        chunk.writeByte(1);
        chunk.writeBytes(value);
      }
      if (chunk.size() >= CHUNK_BYTES) {
        sent += send(changelog, chunk);
        chunk = null;
      }
    }
    if (chunk == null && lastKind != kind) {
      chunk = header(kind); // an empty map's snapshot still needs its end
    }
    if (chunk != null) {
      chunk.setByte(1, lastKind);
      sent += send(changelog, chunk);
    }
    return sent;
  }

  private ByteWriter header(int kind) {
    ByteWriter chunk = new ByteWriter(Math.min(CHUNK_BYTES, 64 * 1024));
    chunk.writeByte(FORMAT_VERSION);
    chunk.writeByte(kind);
    chunk.writeVarLong(generation);
    return chunk;
  }

  private int send(Changelog changelog, ByteWriter chunk) {
    long sequence = nextSequence++;
    chunks.add(sequence);
    byte[] value = chunk.toByteArray();
    changelog.send(chunkKey(sequence), value);
    return value.length;
  }

  /** Applies one changelog record, as a restore or a standby reads them, in the changelog's order. */
  public void restore(byte[] key, byte[] value) {
    if (key.length != 9 || key[0] != CHUNK_KEY_PREFIX) {
      restorePlain(new String(key, StandardCharsets.UTF_8), value);
      return;
    }
    long sequence = ByteBuffer.wrap(key, 1, 8).getLong();
    if (value == null) {
      chunks.remove(sequence);
      return;
    }
    chunks.add(sequence);
    nextSequence = Math.max(nextSequence, sequence + 1);
    ByteReader chunk = new ByteReader(value);
    int version = chunk.readByte();
    if (version != FORMAT_VERSION) {
      throw new CorruptStateException("chunk " + sequence + " has format version " + version + ", not " + FORMAT_VERSION);
    }
    int kind = chunk.readByte();
    long chunkGeneration = chunk.readVarLong();
    generation = Math.max(generation, chunkGeneration);
    if (kind == ORDINARY) {
      staging = null;
      loggedSinceSnapshot += value.length;
      readEntries(chunk, this::restoreEntry);
      return;
    }
    if (kind != SNAPSHOT && kind != SNAPSHOT_END) {
      throw new CorruptStateException("chunk " + sequence + " has unknown kind " + kind);
    }
    if (staging == null || stagingGeneration != chunkGeneration) {
      staging = new HashMap<>();
      stagingGeneration = chunkGeneration;
    }
    Map<String, byte[]> snapshot = staging;
    readEntries(chunk, (k, v) -> snapshot.put(k, v));
    if (kind == SNAPSHOT_END) {
      entries.clear();
      liveBytes = 0;
      snapshot.forEach(this::restoreEntry);
      plainLast.clear(); // tombstones of plain records that follow a snapshot delete nothing
      loggedSinceSnapshot = 0;
      staging = null;
    }
  }

  private void restorePlain(String key, byte[] value) {
    if (value != null) {
      restoreEntry(key, value);
      plainRecords.add(key);
      plainLast.add(key);
    } else {
      plainRecords.remove(key);
      if (plainLast.remove(key)) {
        restoreEntry(key, null);
      }
    }
  }

  private void restoreEntry(String key, byte[] value) {
    plainLast.remove(key);
    byte[] old = value == null ? entries.remove(key) : entries.put(key, value);
    liveBytes += (value == null ? 0 : entryBytes(key, value)) - (old == null ? 0 : entryBytes(key, old));
  }

  private interface EntrySink {
    void accept(String key, byte[] value);
  }

  private static void readEntries(ByteReader chunk, EntrySink sink) {
    while (!chunk.atEnd()) {
      String key = chunk.readString();
      sink.accept(key, chunk.readByte() == 0 ? null : chunk.readBytes());
    }
  }

  /** Forgets everything: the store was closed, and a restore brings back what was committed. */
  public void clear() {
    entries.clear();
    dirty.clear();
    chunks.clear();
    plainRecords.clear();
    plainLast.clear();
    staging = null;
    nextSequence = 0;
    generation = 0;
    liveBytes = 0;
    loggedSinceSnapshot = 0;
  }

  static byte[] chunkKey(long sequence) {
    return ByteBuffer.allocate(9).put(CHUNK_KEY_PREFIX).putLong(sequence).array();
  }

  private static int entryBytes(String key, byte[] value) {
    return key.length() + value.length;
  }

  /** Chunk records the changelog holds; for tests. */
  int chunkRecords() {
    return chunks.size();
  }

  long liveBytes() {
    return liveBytes;
  }
}
