package io.narrowcast.state;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateRestoreCallback;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * A heap store's changelog, written through Kafka Streams' own layers (public API): a key-value
 * store of {@link Chunks} records, metered and change-logging, whose bottom layer keeps nothing and
 * hands each record a restore or a standby reads to the heap store's callback.
 */
final class ChunkLog implements Chunks.Changelog {
  private final KeyValueStore<Bytes, byte[]> chunks;

  /** @param logConfig the changelog topic's settings, or null for no changelog */
  ChunkLog(String name, Map<String, String> logConfig, StateRestoreCallback restore) {
    StoreBuilder<KeyValueStore<Bytes, byte[]>> builder =
        Stores.keyValueStoreBuilder(new Sink.Supplier(name, restore), Serdes.Bytes(), Serdes.ByteArray())
            .withCachingDisabled();
    this.chunks = (logConfig == null ? builder.withLoggingDisabled() : builder.withLoggingEnabled(logConfig)).build();
  }

  void init(StateStoreContext context, StateStore root) {
    chunks.init(context, root);
  }

  @Override
  public void send(byte[] key, byte[] value) {
    if (value == null) {
      chunks.delete(Bytes.wrap(key));
    } else {
      chunks.put(Bytes.wrap(key), value);
    }
  }

  void commit(Map<TopicPartition, Long> changelogOffsets) {
    chunks.commit(changelogOffsets);
  }

  void close() {
    chunks.close();
  }

  Position position() {
    return chunks.getPosition();
  }

  /** The bottom layer: keeps nothing (the heap store is the state), and hands restored records on. */
  private static final class Sink extends HeapStore implements KeyValueStore<Bytes, byte[]> {
    private final StateRestoreCallback restore;

    Sink(String name, StateRestoreCallback restore) {
      super(name);
      this.restore = restore;
    }

    record Supplier(String name, StateRestoreCallback restore) implements KeyValueBytesStoreSupplier {
      @Override
      public KeyValueStore<Bytes, byte[]> get() {
        return new Sink(name, restore);
      }

      @Override
      public String metricsScope() {
        return "checkpointed";
      }
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
      context.register(root, restore);
      open = true;
    }

    @Override
    public void put(Bytes key, byte[] value) {
      // the changelog layer above sends it; the heap store already holds what it stands for
    }

    @Override
    public byte[] putIfAbsent(Bytes key, byte[] value) {
      return null;
    }

    @Override
    public void putAll(List<KeyValue<Bytes, byte[]>> entries) {
      // as put
    }

    @Override
    public byte[] delete(Bytes key) {
      return null;
    }

    @Override
    public byte[] get(Bytes key) {
      return null;
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
      throw new UnsupportedOperationException("the chunk records are not kept");
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> all() {
      throw new UnsupportedOperationException("the chunk records are not kept");
    }

    @Override
    public long approximateNumEntries() {
      return 0;
    }

    @Override
    public void close() {
      open = false;
    }

    @Override
    public Position getPosition() {
      return Position.emptyPosition();
    }
  }
}
