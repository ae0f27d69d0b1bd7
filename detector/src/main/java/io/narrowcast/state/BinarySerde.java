package io.narrowcast.state;

import java.util.function.Function;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde for a compact, versioned binary state value ({@link QuerierSet}):
 * stores and changelogs hold these bytes; a value that does not decode is a SerializationException.
 */
public final class BinarySerde<T> implements Serde<T> {
  private final String what;
  private final Function<T, byte[]> write;
  private final Function<byte[], T> read;

  private BinarySerde(String what, Function<T, byte[]> write, Function<byte[], T> read) {
    this.what = what;
    this.write = write;
    this.read = read;
  }

  /** For the "querier-sets" store. */
  public static BinarySerde<QuerierSet> querierSets() {
    return new BinarySerde<>("querier set", QuerierSet::toBytes, QuerierSet::fromBytes);
  }


  @Override
  public Serializer<T> serializer() {
    return (topic, value) -> value == null ? null : write.apply(value);
  }

  @Override
  public Deserializer<T> deserializer() {
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      try {
        return read.apply(bytes);
      } catch (RuntimeException e) { // our format checks and the sketch library's own
        throw new SerializationException("corrupt " + what + " in " + topic + ": " + e.getMessage(), e);
      }
    };
  }
}
