package io.narrowcast.state;

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
 * <p>Records are {@link Chunks}, their keys the map's prefix and a sequence number, their generation
 * the snapshot's. Other keys are records of a plain key-value changelog (string key, value as
 * stored), as the RocksDB store this replaced wrote: a restore takes them, and the next checkpoint,
 * a snapshot, tombstones them. Several maps can share a changelog under different prefixes.
 *
 * <p>One thread writes; {@link #get} and {@link #entries} may be read from others.
 */
public final class ChunkedMap {
  static final int CHUNK_BYTES = Chunks.CHUNK_BYTES;
  static final int MAX_ENTRY_BYTES = Chunks.MAX_ENTRY_BYTES;
  /** A snapshot is not written before this much has been logged since the last, however small the map. */
  static final long MIN_SNAPSHOT_BYTES = 4L * 1024 * 1024;
  /** The prefix of a lone map's chunk keys. */
  static final byte[] CHUNK_KEY_PREFIX = {0};

  private final byte[] prefix;
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

  /** A map whose chunk keys are {@link #CHUNK_KEY_PREFIX} and a sequence number. */
  public ChunkedMap() {
    this(CHUNK_KEY_PREFIX);
  }

  /** A map whose chunk keys are {@code prefix} and a sequence number. */
  ChunkedMap(byte[] prefix) {
    this.prefix = prefix.clone();
  }

  public byte[] get(String key) {
    return entries.get(key);
  }

  public void put(String key, byte[] value) {
    if (value == null) {
      delete(key);
      return;
    }
    int size = Chunks.entryBytes(key, value);
    if (size > MAX_ENTRY_BYTES) {
      throw new IllegalArgumentException("entry of " + size + " bytes for " + key + " exceeds " + MAX_ENTRY_BYTES);
    }
    byte[] old = entries.put(key, value);
    liveBytes += size - (old == null ? 0 : Chunks.entryBytes(key, old));
    dirty.add(key);
  }

  public byte[] delete(String key) {
    byte[] old = entries.remove(key);
    if (old != null) {
      liveBytes -= Chunks.entryBytes(key, old);
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
  public void checkpoint(Chunks.Changelog changelog) {
    staging = null; // a snapshot a restore left unfinished is not this writer's
    if (dirty.isEmpty() && plainRecords.isEmpty()) {
      return;
    }
    if (!plainRecords.isEmpty() || loggedSinceSnapshot >= Math.max(MIN_SNAPSHOT_BYTES, liveBytes)) {
      snapshot(changelog);
    } else {
      loggedSinceSnapshot += write(changelog, dirty, Chunks.ORDINARY, Chunks.ORDINARY);
    }
    dirty.clear();
  }

  private void snapshot(Chunks.Changelog changelog) {
    generation++;
    long first = nextSequence;
    write(changelog, entries.keySet(), Chunks.SNAPSHOT, Chunks.SNAPSHOT_END);
    tombstoneChunksBefore(changelog, first);
    for (String key : plainRecords) {
      changelog.send(key.getBytes(StandardCharsets.UTF_8), null);
    }
    plainRecords.clear();
    loggedSinceSnapshot = 0;
  }

  /** Tombstones every chunk record this map wrote: its entries are kept elsewhere from now on. */
  void tombstoneAll(Chunks.Changelog changelog) {
    tombstoneChunksBefore(changelog, Long.MAX_VALUE);
  }

  private void tombstoneChunksBefore(Chunks.Changelog changelog, long sequence) {
    List<Long> older = new ArrayList<>();
    for (long chunk : chunks) {
      if (chunk < sequence) {
        older.add(chunk);
      }
    }
    for (long chunk : older) {
      chunks.remove(chunk);
      changelog.send(Chunks.key(prefix, chunk), null);
    }
  }

  /** Writes {@code keys} (their values, or deletions) in chunks, the last of kind {@code lastKind}; returns the bytes sent. */
  private long write(Chunks.Changelog changelog, Iterable<String> keys, int kind, int lastKind) {
    Chunks.Writer writer = new Chunks.Writer(prefix, this::nextSequence, changelog, kind, generation);
    for (String key : keys) {
      writer.add(key, entries.get(key));
    }
    return writer.finish(lastKind);
  }

  private long nextSequence() {
    long sequence = nextSequence++;
    chunks.add(sequence);
    return sequence;
  }

  /** Applies one changelog record, as a restore or a standby reads them, in the changelog's order. */
  public void restore(byte[] key, byte[] value) {
    if (!Chunks.hasPrefix(key, prefix)) {
      restorePlain(new String(key, StandardCharsets.UTF_8), value);
      return;
    }
    long sequence = Chunks.sequence(key);
    if (value == null) {
      chunks.remove(sequence);
      return;
    }
    chunks.add(sequence);
    nextSequence = Math.max(nextSequence, sequence + 1);
    Chunks.Chunk chunk = Chunks.read(value, sequence);
    generation = Math.max(generation, chunk.generation());
    if (chunk.kind() == Chunks.ORDINARY) {
      staging = null;
      loggedSinceSnapshot += value.length;
      chunk.readEntries(this::restoreEntry);
      return;
    }
    if (staging == null || stagingGeneration != chunk.generation()) {
      staging = new HashMap<>();
      stagingGeneration = chunk.generation();
    }
    Map<String, byte[]> snapshot = staging;
    chunk.readEntries(snapshot::put);
    if (chunk.kind() == Chunks.SNAPSHOT_END) {
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
    liveBytes += (value == null ? 0 : Chunks.entryBytes(key, value)) - (old == null ? 0 : Chunks.entryBytes(key, old));
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
    return Chunks.key(CHUNK_KEY_PREFIX, sequence);
  }

  /** Chunk records the changelog holds; for tests. */
  int chunkRecords() {
    return chunks.size();
  }

  long liveBytes() {
    return liveBytes;
  }
}
