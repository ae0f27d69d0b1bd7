package io.narrowcast.topics;

import org.apache.kafka.common.serialization.Serde;

/** A topic as one typed bundle: its name and the serdes of its keys and values. */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {}
