package io.narrowcast.eventtime;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/** An in-memory store, initialized, for the classes that keep their state in one. */
final class MemoryStores {
  private MemoryStores() {}

  static <V> KeyValueStore<String, V> of(Serde<V> values) {
    KeyValueStore<String, V> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("test"), Serdes.String(),
        values).withLoggingDisabled().withCachingDisabled().build();
    store.init(new MockProcessorContext<>().getStateStoreContext(), store);
    return store;
  }
}
