package io.narrowcast.state;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

/**
 * A key-value store in the heap, for state the stream thread reads and writes on its hot path (a
 * name's lifecycle, once per name and window): a get or put is a hash-map operation, with no
 * RocksDB read, write or record-cache bookkeeping. It is checkpointed to its changelog in chunk
 * records before each commit, and restored from them ({@link ChunkedMap}).
 *
 * <p>The changelog is written through Kafka Streams' own logging layer, public API: a key-value
 * store of chunk records whose bottom layer keeps nothing and hands what a restore reads to the map.
 * Reaching the pre-commit flush, though, needs Kafka Streams' internal {@link CachedStateStore}
 * ({@code StateStore.commit} runs after the transaction, too late to write the changelog), as for
 * {@link QuerierSetStore}; the crash tests hold both to it.
 *
 * <p>Iteration is in no particular order, and there are no range reads. Memory: the entries, in the
 * JVM's heap, are what {@code -Xmx} must allow for (see docs/performance.md).
 */
public final class CheckpointedKeyValueStore extends HeapStore
    implements KeyValueStore<String, byte[]>, CachedStateStore<String, byte[]> {
  private final ChunkedMap map = new ChunkedMap();
  private final ChunkLog chunks;
  private StoreSizeMetrics sizes;

  private CheckpointedKeyValueStore(String name, Map<String, String> logConfig) {
    super(name);
    this.chunks = new ChunkLog(name, logConfig, map::restore);
  }

  /** A builder of the store, its changelog on by default, as for Kafka Streams' own stores. */
  public static StoreBuilder<CheckpointedKeyValueStore> builder(String name) {
    return new HeapStore.Builder<>(name, CheckpointedKeyValueStore::new);
  }

  @Override
  public void init(StateStoreContext context, StateStore root) {
    map.clear(); // a revived task reopens the store: what counts is what the restore reads
    chunks.init(context, root);
    sizes = new StoreSizeMetrics(context, name());
    open = true;
  }

  @Override
  public byte[] get(String key) {
    return map.get(key);
  }

  @Override
  public void put(String key, byte[] value) {
    map.put(key, value);
  }

  @Override
  public byte[] putIfAbsent(String key, byte[] value) {
    byte[] old = map.get(key);
    if (old == null) {
      map.put(key, value);
    }
    return old;
  }

  @Override
  public void putAll(List<KeyValue<String, byte[]>> entries) {
    entries.forEach(entry -> map.put(entry.key, entry.value));
  }

  @Override
  public byte[] delete(String key) {
    return map.delete(key);
  }

  /** Every entry, in no particular order. */
  @Override
  public KeyValueIterator<String, byte[]> all() {
    Iterator<Map.Entry<String, byte[]>> entries = map.entries().entrySet().iterator();
    return new KeyValueIterator<>() {
      @Override
      public boolean hasNext() {
        return entries.hasNext();
      }

      @Override
      public KeyValue<String, byte[]> next() {
        Map.Entry<String, byte[]> entry = entries.next();
        return KeyValue.pair(entry.getKey(), entry.getValue());
      }

      @Override
      public void close() {
        // nothing to release
      }

      @Override
      public String peekNextKey() {
        throw new UnsupportedOperationException("peekNextKey");
      }
    };
  }

  @Override
  public KeyValueIterator<String, byte[]> range(String from, String to) {
    throw new UnsupportedOperationException(name() + " keeps its keys in no order: it has no range reads");
  }

  @Override
  public long approximateNumEntries() {
    return map.size();
  }

  // ---- Kafka Streams: the pre-commit flush, and the rest of the store's life ----

  /** Writes the checkpoint: Kafka Streams calls this before it commits the task's transaction. */
  @Override
  public void flushCache() {
    map.checkpoint(chunks);
    sizes.record(map.size(), 0);
  }

  /**
   * Called when an active task becomes a standby, after a clean commit: the map then equals what the
   * changelog holds, and the standby goes on from it.
   */
  @Override
  public void clearCache() {
    // nothing uncommitted to drop
  }

  @Override
  public boolean setFlushListener(CacheFlushListener<String, byte[]> listener, boolean sendOldValues) {
    return false;
  }

  @Override
  public void commit(Map<TopicPartition, Long> changelogOffsets) {
    chunks.commit(changelogOffsets);
  }

  @Override
  public void close() {
    open = false;
    map.clear();
    if (sizes != null) {
      sizes.close();
    }
    chunks.close();
  }

  @Override
  public Position getPosition() {
    return chunks.position();
  }
}
