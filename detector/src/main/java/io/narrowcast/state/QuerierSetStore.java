package io.narrowcast.state;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.ProcessorStateException;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.kstream.internals.TimeWindow;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

/**
 * The per-domain, per-window querier sets: open windows in the heap, closed ones on local disk,
 * both checkpointed to the changelog in {@link Chunks}, so that a lookup touches no RocksDB and no
 * record cache, and closing a window writes its sets once, in key order.
 *
 * <p><b>Open windows.</b> A set updated since the last commit is a live object, changed in place by
 * every lookup ({@link #forUpdate}); before each commit the live sets are encoded into the window's
 * {@link ChunkedMap}, which checkpoints what changed in chunk records under the prefix
 * {@code 0x01, window start}, with a snapshot once the chunks outweigh the window's sets.
 *
 * <p><b>Closed windows.</b> {@link #close} writes the window's sets once more, in key order: as a
 * snapshot under the prefix {@code 0x02, window start}, and into a {@link HistorySegment} file that
 * baseline reads look up; then it tombstones the window's open chunks. A closed window is kept for
 * the retention, as a RocksDB window store would keep it: reads see windows that start after the
 * newest window less the retention, and older ones are deleted, their chunks tombstoned.
 *
 * <p><b>Restore.</b> The store is not persistent: every start restores it from the changelog, open
 * windows into the heap, closed ones into new segment files. A closed window's snapshot counts once
 * its last chunk is read. Records of the RocksDB window store this replaced (the domain, the window
 * start and a sequence number) are read into open windows; {@link #closeBefore} moves those the
 * aggregator has already handled to the history, and the first checkpoint tombstones them.
 *
 * <p>The stream thread writes. Interactive queries from other threads read what the last
 * checkpoint encoded and the closed windows.
 */
public final class QuerierSetStore extends HeapStore
    implements ReadOnlyWindowStore<String, QuerierSet>, CachedStateStore<String, QuerierSet> {
  private static final byte OPEN = 1;
  private static final byte CLOSED = 2;
  /** A RocksDB window store's changelog key: the record key, the window start, a 4-byte sequence number. */
  private static final int WINDOW_KEY_SUFFIX = 12;

  private final long windowMs;
  private final long retentionMs;
  private final ChunkLog log;
  private final ConcurrentSkipListMap<Long, OpenWindow> opened = new ConcurrentSkipListMap<>();
  private final ConcurrentSkipListMap<Long, Closed> history = new ConcurrentSkipListMap<>();
  /** Closed windows' snapshots a restore is reading, until their last chunk. */
  private final Map<Long, Restoring> restoring = new HashMap<>();
  /**
   * Changelog records to tombstone at the next checkpoint: those in the format of the RocksDB store
   * this replaced, and those of windows a restore found past the retention (a restore sends nothing).
   */
  private final List<byte[]> toTombstone = new ArrayList<>();
  /** Whether a restore is reading, not the stream thread processing: then nothing is sent. */
  private boolean inRestore;
  private Path dir;
  /** The newest window start written: what the retention counts back from. */
  private volatile long newest = Long.MIN_VALUE;
  private OpenWindow last;
  private StoreSizeMetrics sizes;
  /** The stream thread: it alone sees the live sets. */
  private volatile Thread writer;

  /** An open window: its sets changed since the last checkpoint, live, and all of them encoded as of then. */
  private record OpenWindow(long start, ChunkedMap sets, Map<String, QuerierSet> live) {
    OpenWindow(long start) {
      this(start, new ChunkedMap(prefix(OPEN, start)), new HashMap<>());
    }

    /** Encodes the live sets, as they stand, into the checkpointed map. */
    void encodeLive() {
      live.forEach((domain, set) -> sets.put(domain, set.toBytes()));
      live.clear();
    }
  }

  /** A closed window: its segment file, the generation of its snapshot and how many chunk records that took. */
  private record Closed(HistorySegment segment, long generation, long chunks) {}

  private record Restoring(HistorySegment.Writer file, long generation, long[] chunks) {}

  private QuerierSetStore(String name, Map<String, String> logConfig, Duration window, Duration retention) {
    super(name);
    this.windowMs = window.toMillis();
    this.retentionMs = retention.toMillis();
    this.log = new ChunkLog(name, logConfig, this::restore);
  }

  /** A builder of the store, for windows of {@code window} kept for {@code retention}. */
  public static StoreBuilder<QuerierSetStore> builder(String name, Duration window, Duration retention) {
    return new HeapStore.Builder<>(name, (storeName, logConfig) -> new QuerierSetStore(storeName, logConfig, window, retention));
  }

  /** This store behind the view of it that Kafka Streams gives a processor. */
  public static QuerierSetStore of(StateStore store) {
    if (store instanceof QuerierSetStore found) {
      return found;
    }
    throw new IllegalArgumentException(store.name() + " is not a querier-set store");
  }

  public long retentionPeriod() {
    return retentionMs;
  }

  // ---- the stream thread ----

  /**
   * The set of {@code domain} in the window at {@code start}, to update in place: a new one for its
   * first lookup there. Whatever is done to it until the next commit is checkpointed then.
   */
  public QuerierSet forUpdate(String domain, long start, int exactSourceCap) {
    OpenWindow window = last != null && last.start == start ? last : openWindow(start);
    QuerierSet set = window.live.get(domain);
    if (set == null) {
      byte[] stored = window.sets.get(domain);
      set = stored == null ? new QuerierSet(exactSourceCap) : QuerierSet.fromBytes(stored);
      window.live.put(domain, set);
    }
    return set;
  }

  private OpenWindow openWindow(long start) {
    writer = Thread.currentThread();
    OpenWindow window = opened.computeIfAbsent(start, OpenWindow::new);
    last = window;
    observe(start);
    return window;
  }

  /** The start of the earliest open window, or null. */
  public Long firstOpen() {
    return opened.isEmpty() ? null : opened.firstKey();
  }

  /** The open windows' starts, earliest first. */
  public List<Long> openWindows() {
    return List.copyOf(opened.keySet());
  }

  /**
   * The open window at {@code start} as it closes: its domains in key order, each with its set. Hand
   * it to {@link #close(Closing)} once handled; nothing may update the window in between.
   */
  public Closing closing(long start) {
    OpenWindow window = opened.get(start);
    if (window == null) {
      return new Closing(start, new Closing.Entry[0]);
    }
    List<Closing.Entry> entries = new ArrayList<>(window.sets.size() + window.live.size());
    window.sets.entries().forEach((domain, set) -> entries.add(new Closing.Entry(domain, set, window.live.get(domain))));
    window.live.forEach((domain, set) -> {
      if (window.sets.get(domain) == null) {
        entries.add(new Closing.Entry(domain, null, set));
      }
    });
    Closing.Entry[] sorted = entries.toArray(new Closing.Entry[0]);
    Arrays.sort(sorted);
    return new Closing(start, sorted);
  }

  /** A window being closed: its domains in key order, and their sets. */
  public static final class Closing {
    private final long start;
    private final Entry[] entries;

    /** A domain, its set as last checkpointed (or null), and as changed since (or null). */
    private record Entry(String domain, byte[] encoded, QuerierSet live) implements Comparable<Entry> {
      @Override
      public int compareTo(Entry other) {
        return domain.compareTo(other.domain);
      }

      byte[] bytes() {
        return live != null ? live.toBytes() : encoded;
      }
    }

    private Closing(long start, Entry[] entries) {
      this.start = start;
      this.entries = entries;
    }

    public int size() {
      return entries.length;
    }

    public String domain(int index) {
      return entries[index].domain;
    }

    public QuerierSet set(int index) {
      Entry entry = entries[index];
      return entry.live != null ? entry.live : QuerierSet.fromBytes(entry.encoded);
    }
  }

  /** The set of {@code domain} in the window at {@code start}, open or closed, or null. */
  @Override
  public QuerierSet fetch(String domain, long start) {
    OpenWindow window = opened.get(start);
    if (window != null) {
      QuerierSet live = Thread.currentThread() == writer ? window.live.get(domain) : null;
      return live != null ? live : decode(window.sets.get(domain));
    }
    Closed closed = start >= oldestKept() ? history.get(start) : null;
    return closed == null ? null : decode(closed.segment.get(domain));
  }

  /**
   * Moves the window at {@code start} to the history: its sets, in key order, into a snapshot on the
   * changelog and a segment file; then tombstones its open chunks. A window past the retention is
   * only dropped.
   */
  public void close(long start) {
    close(closing(start));
  }

  /** Moves the window {@code closing} holds to the history, as {@link #close(long)}. */
  public void close(Closing closing) {
    long start = closing.start;
    OpenWindow window = opened.remove(start);
    if (window == null) {
      return;
    }
    if (last == window) {
      last = null;
    }
    // a snapshot a restore left unfinished (a writer without transactions that stopped mid-close):
    // this one outnumbers it, and its chunks are tombstoned with this one's
    Restoring unfinished = restoring.remove(start);
    if (unfinished != null) {
      unfinished.file.abandon();
    }
    if (start >= oldestKept()) {
      Closed before = history.get(start);
      long generation = Math.max(before == null ? 0 : before.generation, unfinished == null ? 0 : unfinished.generation) + 1;
      long[] sequence = {0};
      Chunks.Writer chunks = new Chunks.Writer(prefix(CLOSED, start), () -> sequence[0]++, log, Chunks.SNAPSHOT, generation);
      HistorySegment.Writer file = HistorySegment.writer(segmentFile(start, generation));
      for (Closing.Entry entry : closing.entries) {
        byte[] set = entry.bytes();
        chunks.add(entry.domain, set);
        file.add(entry.domain, set);
      }
      chunks.finish(Chunks.SNAPSHOT_END);
      long written = Math.max(sequence[0], unfinished == null ? 0 : unfinished.chunks[0]);
      replaceHistory(start, new Closed(file.finish(), generation, written));
    }
    window.sets.tombstoneAll(log);
  }

  /** Closes every open window that starts before {@code start}: after an upgrade, those the aggregator had handled. */
  public void closeBefore(long start) {
    for (long window : List.copyOf(opened.headMap(start, false).keySet())) {
      close(window);
    }
  }

  // ---- Kafka Streams: the pre-commit flush, restore, and the rest of the store's life ----

  /** Writes the checkpoint: Kafka Streams calls this before it commits the task's transaction. */
  @Override
  public void flushCache() {
    writer = Thread.currentThread();
    for (OpenWindow window : opened.values()) {
      window.encodeLive();
      window.sets.checkpoint(log);
    }
    inRestore = false;
    for (byte[] key : toTombstone) {
      log.send(key, null);
    }
    toTombstone.clear();
    long entries = 0;
    for (OpenWindow window : opened.values()) {
      entries += window.sets.size();
    }
    for (Closed closed : history.values()) {
      entries += closed.segment.size();
    }
    sizes.record(entries, closedWindowBytes());
  }

  /** Applies one changelog record, as a restore or a standby reads them, in the changelog's order. */
  void restore(byte[] key, byte[] value) {
    inRestore = true;
    if (key.length == 17 && (key[0] == OPEN || key[0] == CLOSED)) {
      long start = ByteBuffer.wrap(key, 1, 8).getLong();
      if (key[0] == OPEN) {
        if (opened.containsKey(start) || value != null && !history.containsKey(start)) {
          // else a closed window's open chunk, or the tombstone of one
          opened.computeIfAbsent(start, OpenWindow::new).sets.restore(key, value);
          observe(start);
        }
      } else {
        restoreClosed(start, Chunks.sequence(key), value);
      }
      return;
    }
    restoreFormer(key, value);
  }

  private void restoreClosed(long start, long sequence, byte[] value) {
    if (value == null) {
      dropHistory(start, false); // tombstoned past the retention
      return;
    }
    Chunks.Chunk chunk = Chunks.read(value, sequence);
    Restoring reading = restoring.get(start);
    if (reading == null || reading.generation != chunk.generation()) {
      if (reading != null) {
        reading.file.abandon();
      }
      reading = new Restoring(HistorySegment.writer(segmentFile(start, chunk.generation())), chunk.generation(), new long[1]);
      restoring.put(start, reading);
    }
    reading.chunks[0] = Math.max(reading.chunks[0], sequence + 1);
    chunk.readEntries(reading.file::add);
    if (chunk.kind() == Chunks.SNAPSHOT_END) {
      restoring.remove(start);
      replaceHistory(start, new Closed(reading.file.finish(), reading.generation, reading.chunks[0]));
      opened.remove(start);
      observe(start);
    }
  }

  /** A record of the RocksDB window store this store replaced: into its open window, tombstoned at the next checkpoint. */
  private void restoreFormer(byte[] key, byte[] value) {
    if (key.length <= WINDOW_KEY_SUFFIX) {
      throw new CorruptStateException("changelog key of " + key.length + " bytes is neither a chunk nor a window's");
    }
    String domain = new String(key, 0, key.length - WINDOW_KEY_SUFFIX, StandardCharsets.UTF_8);
    long start = ByteBuffer.wrap(key, key.length - WINDOW_KEY_SUFFIX, 8).getLong();
    ChunkedMap sets = opened.computeIfAbsent(start, OpenWindow::new).sets;
    if (value == null) {
      sets.delete(domain);
    } else {
      QuerierSet.fromBytes(value); // refuse what is not a set now, not when the window closes
      sets.put(domain, value);
    }
    toTombstone.add(key);
    observe(start);
  }

  private void replaceHistory(long start, Closed closed) {
    Closed before = history.put(start, closed);
    if (before != null) {
      before.segment.delete();
    }
  }

  /** A newer window was written or restored: windows past the retention are dropped. */
  private void observe(long start) {
    if (start <= newest) {
      return;
    }
    newest = start;
    long oldest = oldestKept();
    for (long expired : List.copyOf(history.headMap(oldest, false).keySet())) {
      dropHistory(expired, true);
    }
  }

  private void dropHistory(long start, boolean tombstone) {
    Closed closed = history.remove(start);
    if (closed != null) {
      closed.segment.delete();
      if (tombstone) {
        for (long sequence = 0; sequence < closed.chunks; sequence++) {
          byte[] key = Chunks.key(prefix(CLOSED, start), sequence);
          if (inRestore) {
            toTombstone.add(key);
          } else {
            log.send(key, null);
          }
        }
      }
    }
    Restoring reading = restoring.remove(start);
    if (reading != null) {
      reading.file.abandon();
    }
  }

  /** The earliest window start reads see, as a RocksDB window store clips them. */
  private long oldestKept() {
    return newest == Long.MIN_VALUE ? Long.MIN_VALUE : newest - retentionMs + 1;
  }

  @Override
  public void init(StateStoreContext context, StateStore root) {
    forget(); // a revived task reopens the store: what counts is what the restore reads
    writer = Thread.currentThread();
    dir = context.stateDir().toPath().resolve(name());
    try {
      if (Files.exists(dir)) {
        // the last run's segments, or the RocksDB window store of an earlier build (directories of segments)
        try (Stream<Path> files = Files.walk(dir)) {
          for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
            Files.delete(file);
          }
        }
      }
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new ProcessorStateException("cannot prepare " + dir + " for the closed windows of " + name(), e);
    }
    log.init(context, root);
    sizes = new StoreSizeMetrics(context, name());
    open = true;
  }

  private Path segmentFile(long start, long generation) {
    return dir.resolve(start + "-" + generation + ".segment");
  }

  /** Called when an active task becomes a standby, after a clean commit: the heap then equals what the changelog holds. */
  @Override
  public void clearCache() {
    // nothing uncommitted to drop
  }

  @Override
  public boolean setFlushListener(CacheFlushListener<String, QuerierSet> listener, boolean sendOldValues) {
    return false; // nothing downstream listens to this store's flushes
  }

  @Override
  public void commit(Map<TopicPartition, Long> changelogOffsets) {
    log.commit(changelogOffsets);
  }

  @Override
  public void close() {
    open = false;
    forget();
    if (sizes != null) {
      sizes.close();
    }
    log.close();
  }

  private void forget() {
    opened.clear();
    history.values().forEach(closed -> closed.segment.delete());
    history.clear();
    restoring.values().forEach(reading -> reading.file.abandon());
    restoring.clear();
    toTombstone.clear();
    newest = Long.MIN_VALUE;
    last = null;
    inRestore = false;
  }

  @Override
  public Position getPosition() {
    return log.position();
  }

  // ---- reads: baselines and interactive queries ----

  /** The sets of {@code domain} in the windows starting from {@code from} to {@code to}, earliest first. */
  public WindowStoreIterator<QuerierSet> fetch(String domain, long from, long to) {
    List<KeyValue<Long, QuerierSet>> found = new ArrayList<>();
    for (long start : windowsBetween(from, to)) {
      QuerierSet set = fetch(domain, start);
      if (set != null) {
        found.add(KeyValue.pair(start, set));
      }
    }
    return iterator(found.iterator());
  }

  @Override
  public WindowStoreIterator<QuerierSet> fetch(String domain, Instant from, Instant to) {
    return fetch(domain, from.toEpochMilli(), to.toEpochMilli());
  }

  @Override
  public KeyValueIterator<Windowed<String>, QuerierSet> fetch(String keyFrom, String keyTo, Instant from, Instant to) {
    throw new UnsupportedOperationException(name() + " reads one domain at a time, or all of them");
  }

  @Override
  public KeyValueIterator<Windowed<String>, QuerierSet> all() {
    return fetchAll(Long.MIN_VALUE, Long.MAX_VALUE);
  }

  @Override
  public KeyValueIterator<Windowed<String>, QuerierSet> fetchAll(Instant from, Instant to) {
    return fetchAll(from.toEpochMilli(), to.toEpochMilli());
  }

  /** Every set of the windows from {@code from} to {@code to}, window by window; for tests and operators, not the hot path. */
  private KeyValueIterator<Windowed<String>, QuerierSet> fetchAll(long from, long to) {
    List<KeyValue<Windowed<String>, QuerierSet>> found = new ArrayList<>();
    for (long start : windowsBetween(from, to)) {
      TimeWindow window = new TimeWindow(start, start + windowMs);
      OpenWindow openWindow = opened.get(start);
      Closed closed = history.get(start);
      if (openWindow != null) {
        openWindow.sets.entries().forEach((domain, set) ->
            found.add(KeyValue.pair(new Windowed<>(domain, window), QuerierSet.fromBytes(set))));
      } else if (closed != null) {
        closed.segment.forEach((domain, set) -> found.add(KeyValue.pair(new Windowed<>(domain, window), QuerierSet.fromBytes(set))));
      }
    }
    Iterator<KeyValue<Windowed<String>, QuerierSet>> entries = found.iterator();
    return new KeyValueIterator<>() {
      @Override
      public boolean hasNext() {
        return entries.hasNext();
      }

      @Override
      public KeyValue<Windowed<String>, QuerierSet> next() {
        return entries.next();
      }

      @Override
      public void close() {
        // nothing to release
      }

      @Override
      public Windowed<String> peekNextKey() {
        throw new UnsupportedOperationException("peekNextKey");
      }
    };
  }

  /** The starts of the windows held, open or closed, from {@code from} to {@code to} and within the retention. */
  private List<Long> windowsBetween(long from, long to) {
    long first = Math.max(from, oldestKept());
    if (first > to) {
      return List.of();
    }
    NavigableMap<Long, ?> closed = history.subMap(first, true, to, true);
    NavigableMap<Long, ?> openNow = opened.subMap(first, true, to, true);
    return Stream.concat(closed.keySet().stream(), openNow.keySet().stream()).distinct().sorted().toList();
  }

  private static WindowStoreIterator<QuerierSet> iterator(Iterator<KeyValue<Long, QuerierSet>> entries) {
    return new WindowStoreIterator<>() {
      @Override
      public boolean hasNext() {
        return entries.hasNext();
      }

      @Override
      public KeyValue<Long, QuerierSet> next() {
        return entries.next();
      }

      @Override
      public void close() {
        // nothing to release
      }

      @Override
      public Long peekNextKey() {
        throw new UnsupportedOperationException("peekNextKey");
      }
    };
  }

  private static QuerierSet decode(byte[] set) {
    return set == null ? null : QuerierSet.fromBytes(set);
  }

  private static byte[] prefix(byte kind, long start) {
    return ByteBuffer.allocate(9).put(kind).putLong(start).array();
  }

  /** Bytes of the closed windows' files on local disk. */
  private long closedWindowBytes() {
    return history.values().stream().mapToLong(closed -> closed.segment.bytes()).sum();
  }
}
