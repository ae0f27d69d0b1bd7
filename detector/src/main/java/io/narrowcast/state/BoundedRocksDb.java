package io.narrowcast.state;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the memory of every RocksDB instance in the JVM together: one block cache, which the
 * memtables are charged to as well, for all stores and all their segments. Left alone, each
 * instance (and each segment of a window store) takes its own 50 MB cache and up to three 16 MB
 * memtables, so memory grows with the number of stores, segments and stream threads instead of
 * staying under the process's budget.
 *
 * <p>The budget is {@value #MEMORY_CONFIG} (bytes) from the Streams configuration, default
 * {@link #DEFAULT_MEMORY_BYTES}; the first store opened in the JVM fixes it.
 */
public final class BoundedRocksDb implements RocksDBConfigSetter {
  /** Streams configuration key of the budget, in bytes. */
  public static final String MEMORY_CONFIG = "narrowcast.rocksdb.memory.bytes";
  public static final long DEFAULT_MEMORY_BYTES = 128L * 1024 * 1024;
  /** Share of the budget memtables may take before RocksDB flushes them. */
  private static final double MEMTABLE_SHARE = 0.4;
  /** Share of the cache kept for index and filter blocks, which every read needs. */
  private static final double INDEX_FILTER_SHARE = 0.1;
  private static final long MEMTABLE_BYTES = 8L * 1024 * 1024;

  private static Cache cache;
  private static WriteBufferManager writeBuffers;

  @Override
  public void setConfig(String storeName, Options options, Map<String, Object> configs) {
    BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
    synchronized (BoundedRocksDb.class) {
      if (cache == null) {
        long budget = budget(configs.get(MEMORY_CONFIG));
        // strict capacity off: a read that finds the cache full still succeeds
        cache = new LRUCache(budget, -1, false, INDEX_FILTER_SHARE);
        writeBuffers = new WriteBufferManager((long) (budget * MEMTABLE_SHARE), cache);
      }
      table.setBlockCache(cache);
      options.setWriteBufferManager(writeBuffers);
    }
    table.setCacheIndexAndFilterBlocks(true);
    table.setCacheIndexAndFilterBlocksWithHighPriority(true);
    table.setPinTopLevelIndexAndFilter(true);
    options.setWriteBufferSize(MEMTABLE_BYTES);
    options.setMaxWriteBufferNumber(2);
    options.setTableFormatConfig(table);
  }

  /** The budget in bytes that {@code configured} (a Streams config value, or null for the default) asks for. */
  public static long budget(Object configured) {
    if (configured == null) {
      return DEFAULT_MEMORY_BYTES;
    }
    try {
      long bytes = Long.parseLong(configured.toString().trim());
      if (bytes < 16L * 1024 * 1024) {
        throw new IllegalArgumentException(MEMORY_CONFIG + " must be at least 16 MB (16777216), not " + bytes);
      }
      return bytes;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(MEMORY_CONFIG + " must be a number of bytes, not '" + configured + "'", e);
    }
  }

  /** The cache and write buffer manager are shared by every store, so a store closing keeps them. */
  @Override
  public void close(String storeName, Options options) {}
}
