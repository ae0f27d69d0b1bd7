package io.narrowcast.state;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.TreeMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;
import org.apache.kafka.streams.state.internals.WithRetentionPeriod;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

/**
 * The top layer of the "querier-sets" store: a write-behind buffer of live {@link QuerierSet}s.
 *
 * <p>The aggregator updates a window's querier set on every lookup. Through the standard layers each
 * update would deserialize the set from the record cache and serialize it back, which for a busy
 * name is kilobytes a lookup. Here a set that was fetched or put stays in memory as the object
 * itself, updated in place, and is serialized into the store below (changelogged RocksDB, no record
 * cache) once, when Kafka Streams flushes caches before it commits. So what the changelog holds at
 * a commit is exactly what the committed offsets imply, as with the record cache.
 *
 * <p>That flush reaches a store only through Kafka Streams' internal {@link CachedStateStore}
 * interface ({@code StateStore.commit} runs after the transaction, too late to write the
 * changelog). The Kafka version is pinned with the shaded jar, and the crash tests hold it to this.
 *
 * <p>Sets written back stay in memory, clean, while their window may still be read (the newest two
 * windows, up to {@link #MAX_CLEAN} sets): closing a window then reads them without going to
 * RocksDB. Beyond that budget they are read back from RocksDB, as any store would.
 *
 * <p>Only the thread that writes (the stream thread) sees the buffer; interactive queries from other
 * threads read the store below: what was written back at the last commit, or by a range read of the
 * stream thread since (like any Kafka Streams store, not yet committed).
 */
public final class WriteBehindWindowStore
    implements WindowStore<String, QuerierSet>, CachedStateStore<String, QuerierSet>, WithRetentionPeriod {
  /** Most clean sets kept in memory (about 300 bytes each for the long tail). */
  static final int MAX_CLEAN = 250_000;

  private final WindowStore<String, QuerierSet> inner;
  private final long windowMs;
  /** window start → domain → live set, written back at the next flush, oldest window first. */
  private final TreeMap<Long, Map<String, QuerierSet>> pending = new TreeMap<>();
  /** window start → domain → set already in the store below, kept for reading. */
  private final TreeMap<Long, Map<String, QuerierSet>> clean = new TreeMap<>();
  private int cleanCount;
  /** The pending window last put to, found without the tree: nearly every lookup is for it. */
  private long lastStart;
  private Map<String, QuerierSet> lastPending;
  private long newestWindow = Long.MIN_VALUE;
  private volatile Thread writer;

  WriteBehindWindowStore(WindowStore<String, QuerierSet> inner, long windowMs) {
    this.inner = inner;
    this.windowMs = windowMs;
  }

  /** Wraps a builder of the store below (which must not have Kafka Streams' record cache). */
  public static StoreBuilder<WriteBehindWindowStore> builder(StoreBuilder<WindowStore<String, QuerierSet>> inner,
      java.time.Duration window) {
    return new Builder(inner.withCachingDisabled(), window.toMillis());
  }

  @Override
  public void put(String key, QuerierSet value, long windowStartTimestamp) {
    writer = Thread.currentThread();
    if (value == null) {
      Map<String, QuerierSet> window = pending.get(windowStartTimestamp);
      if (window != null) {
        window.remove(key);
      }
      Map<String, QuerierSet> kept = clean.get(windowStartTimestamp);
      if (kept != null && kept.remove(key) != null) {
        cleanCount--;
      }
      inner.put(key, null, windowStartTimestamp);
      return;
    }
    if (lastPending == null || windowStartTimestamp != lastStart) {
      lastPending = pending.computeIfAbsent(windowStartTimestamp, start -> new HashMap<>());
      lastStart = windowStartTimestamp;
    }
    lastPending.put(key, value);
    if (windowStartTimestamp > newestWindow) {
      newestWindow = windowStartTimestamp;
      dropCleanBefore(newestWindow - windowMs);
    }
  }

  @Override
  public QuerierSet fetch(String key, long time) {
    if (isWriter()) {
      QuerierSet live = lookup(pending, key, time);
      if (live == null) {
        live = lookup(clean, key, time);
      }
      if (live != null) {
        return live;
      }
    }
    return inner.fetch(key, time);
  }

  /**
   * The set of {@code key} in the window at {@code start} if it changed since the last flush: it is
   * written back with the next one however often it changes until then, so needs no put. Else null.
   */
  public QuerierSet buffered(String key, long start) {
    return lastPending != null && start == lastStart ? lastPending.get(key) : lookup(pending, key, start);
  }

  /** This store behind the view of it that Kafka Streams gives a processor. */
  public static WriteBehindWindowStore of(StateStore store) {
    StateStore layer = store;
    while (!(layer instanceof WriteBehindWindowStore) && layer instanceof WrappedStateStore<?, ?, ?> wrapped) {
      layer = wrapped.wrapped();
    }
    if (layer instanceof WriteBehindWindowStore found) {
      return found;
    }
    throw new IllegalArgumentException(store.name() + " is not a write-behind window store");
  }

  private static QuerierSet lookup(Map<Long, Map<String, QuerierSet>> windows, String key, long start) {
    Map<String, QuerierSet> window = windows.get(start);
    return window == null ? null : window.get(key);
  }

  /**
   * Writes the buffered sets into the store below, oldest window first, keeping them for reading
   * while the budget allows. A catch-up can close windows and move on past their retention within
   * one commit: those sets are not written, the store below would only drop them.
   */
  public void writeBack() {
    if (pending.isEmpty()) {
      return;
    }
    long retention = retentionPeriod();
    pending.tailMap(retention < 0 ? Long.MIN_VALUE : newestWindow - retention, false).forEach((start, window) -> {
      Map<String, QuerierSet> kept = start >= newestWindow - windowMs ? clean.computeIfAbsent(start, s -> new HashMap<>()) : null;
      String[] keys = window.keySet().toArray(new String[0]);
      Arrays.sort(keys); // RocksDB inserts in key order find their place in the memtable faster
      for (String key : keys) {
        QuerierSet set = window.get(key);
        inner.put(key, set, start);
        if (kept != null && cleanCount < MAX_CLEAN && kept.put(key, set) == null) {
          cleanCount++;
        }
      }
    });
    clearPending();
  }

  private void clearPending() {
    pending.clear();
    lastPending = null;
  }

  private void dropCleanBefore(long start) {
    var old = clean.headMap(start, false);
    old.values().forEach(window -> cleanCount -= window.size());
    old.clear();
  }

  /** The stream thread's range reads see the buffer too, once it is written back; other threads see the store below. */
  private WindowStore<String, QuerierSet> forRange() {
    if (isWriter()) {
      writeBack();
    }
    return inner;
  }

  private boolean isWriter() {
    return writer == Thread.currentThread();
  }

  @Override
  public WindowStoreIterator<QuerierSet> fetch(String key, long timeFrom, long timeTo) {
    return forRange().fetch(key, timeFrom, timeTo);
  }

  @Override
  public WindowStoreIterator<QuerierSet> fetch(String key, Instant timeFrom, Instant timeTo) {
    return forRange().fetch(key, timeFrom, timeTo);
  }

  @Override
  public WindowStoreIterator<QuerierSet> backwardFetch(String key, long timeFrom, long timeTo) {
    return forRange().backwardFetch(key, timeFrom, timeTo);
  }

  @Override
  public KeyValueIterator<Windowed<String>, QuerierSet> fetch(String keyFrom, String keyTo, long timeFrom, long timeTo) {
    return forRange().fetch(keyFrom, keyTo, timeFrom, timeTo);
  }

  @Override
  public KeyValueIterator<Windowed<String>, QuerierSet> fetch(String keyFrom, String keyTo, Instant timeFrom,
      Instant timeTo) {
    return forRange().fetch(keyFrom, keyTo, timeFrom, timeTo);
  }

  @Override
  public KeyValueIterator<Windowed<String>, QuerierSet> backwardFetch(String keyFrom, String keyTo, long timeFrom,
      long timeTo) {
    return forRange().backwardFetch(keyFrom, keyTo, timeFrom, timeTo);
  }

  @Override
  public KeyValueIterator<Windowed<String>, QuerierSet> all() {
    return forRange().all();
  }

  @Override
  public KeyValueIterator<Windowed<String>, QuerierSet> backwardAll() {
    return forRange().backwardAll();
  }

  @Override
  public KeyValueIterator<Windowed<String>, QuerierSet> fetchAll(long timeFrom, long timeTo) {
    return forRange().fetchAll(timeFrom, timeTo);
  }

  @Override
  public KeyValueIterator<Windowed<String>, QuerierSet> fetchAll(Instant timeFrom, Instant timeTo) {
    return forRange().fetchAll(timeFrom, timeTo);
  }

  @Override
  public KeyValueIterator<Windowed<String>, QuerierSet> backwardFetchAll(long timeFrom, long timeTo) {
    return forRange().backwardFetchAll(timeFrom, timeTo);
  }

  // ---- Kafka Streams: the pre-commit flush, and the rest of the store's life ----

  @Override
  public void flushCache() {
    writeBack();
    if (inner instanceof CachedStateStore<?, ?> cached) {
      cached.flushCache();
    }
  }

  /** After an aborted transaction Kafka Streams drops what was not committed; so do we. */
  @Override
  public void clearCache() {
    forgetUncommitted();
    if (inner instanceof CachedStateStore<?, ?> cached) {
      cached.clearCache();
    }
  }

  @Override
  public boolean setFlushListener(CacheFlushListener<String, QuerierSet> listener, boolean sendOldValues) {
    return false; // nothing downstream listens to this store's flushes
  }

  /** The store below's: a restore then skips changelog records already past the retention. */
  @Override
  public long retentionPeriod() {
    return WithRetentionPeriod.resolveRetentionPeriod(inner);
  }

  @Override
  public void init(StateStoreContext context, StateStore root) {
    inner.init(context, root);
  }

  @Override
  public void commit(Map<TopicPartition, Long> changelogOffsets) {
    inner.commit(changelogOffsets);
  }

  @Override
  public void close() {
    forgetUncommitted(); // a restore brings back what was committed, and a revived task reopens this store
    inner.close();
  }

  /** Drops the buffered sets, which were not committed, and the clean ones, which a rollback may have undone. */
  private void forgetUncommitted() {
    clearPending();
    clean.clear();
    cleanCount = 0;
  }

  @Override
  public String name() {
    return inner.name();
  }

  @Override
  public boolean persistent() {
    return inner.persistent();
  }

  @Override
  public boolean isOpen() {
    return inner.isOpen();
  }

  @Override
  public boolean managesOffsets() {
    return inner.managesOffsets();
  }

  @Override
  public Long committedOffset(TopicPartition partition) {
    return inner.committedOffset(partition);
  }

  @Override
  public <R> QueryResult<R> query(Query<R> query, PositionBound positionBound, QueryConfig config) {
    return inner.query(query, positionBound, config);
  }

  @Override
  public org.apache.kafka.streams.query.Position getPosition() {
    return inner.getPosition();
  }

  private static final class Builder implements StoreBuilder<WriteBehindWindowStore> {
    private final StoreBuilder<WindowStore<String, QuerierSet>> inner;
    private final long windowMs;

    Builder(StoreBuilder<WindowStore<String, QuerierSet>> inner, long windowMs) {
      this.inner = inner;
      this.windowMs = windowMs;
    }

    @Override
    public StoreBuilder<WriteBehindWindowStore> withCachingEnabled() {
      throw new UnsupportedOperationException("the write-behind buffer replaces the record cache");
    }

    @Override
    public StoreBuilder<WriteBehindWindowStore> withCachingDisabled() {
      return this;
    }

    @Override
    public StoreBuilder<WriteBehindWindowStore> withLoggingEnabled(Map<String, String> config) {
      inner.withLoggingEnabled(config);
      return this;
    }

    @Override
    public StoreBuilder<WriteBehindWindowStore> withLoggingDisabled() {
      inner.withLoggingDisabled();
      return this;
    }

    @Override
    public WriteBehindWindowStore build() {
      return new WriteBehindWindowStore(inner.build(), windowMs);
    }

    @Override
    public Map<String, String> logConfig() {
      return inner.logConfig();
    }

    @Override
    public boolean loggingEnabled() {
      return inner.loggingEnabled();
    }

    @Override
    public String name() {
      return inner.name();
    }
  }
}
