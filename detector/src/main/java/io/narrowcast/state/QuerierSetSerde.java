package io.narrowcast.state;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** Compact, versioned binary form of {@link QuerierSet} for the "querier-sets" store and its changelog. */
public final class QuerierSetSerde implements Serde<QuerierSet> {
  @Override
  public Serializer<QuerierSet> serializer() {
    return (topic, set) -> set == null ? null : set.toBytes();
  }

  @Override
  public Deserializer<QuerierSet> deserializer() {
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      try {
        return QuerierSet.fromBytes(bytes);
      } catch (RuntimeException e) { // our format checks and the sketch library's own
        throw new SerializationException("corrupt querier set in " + topic + ": " + e.getMessage(), e);
      }
    };
  }
}
