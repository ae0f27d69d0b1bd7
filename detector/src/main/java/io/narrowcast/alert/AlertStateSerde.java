package io.narrowcast.alert;

import io.narrowcast.avro.Alert;
import io.narrowcast.schema.AvroSerde;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.datasketches.hll.HllSketch;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Binary form of {@link AlertState}: a version byte, the two counters, the collapse's sources
 * sketch (its length, 0 for none, then its bytes), then the alert in Avro single-object encoding,
 * so a stored alert stays readable across released schema versions. Version 1, without the
 * sketch, is still read.
 */
public final class AlertStateSerde implements Serde<AlertState> {
  private static final byte FORMAT_VERSION = 2;
  private static final byte FORMAT_VERSION_1 = 1;
  private static final int HEADER_1 = 1 + Integer.BYTES + Long.BYTES;
  private static final int HEADER = HEADER_1 + Integer.BYTES;
  private final AvroSerde<Alert> alerts = AvroSerde.of(Alert.class);

  @Override
  public Serializer<AlertState> serializer() {
    return (topic, state) -> {
      if (state == null) {
        return null;
      }
      byte[] sources = state.sources() == null ? new byte[0] : state.sources().toCompactByteArray();
      byte[] alert = alerts.serialize(topic, state.last());
      return ByteBuffer.allocate(HEADER + sources.length + alert.length)
          .put(FORMAT_VERSION).putInt(state.missedWindows()).putLong(state.lastActiveWindow())
          .putInt(sources.length).put(sources).put(alert).array();
    };
  }

  @Override
  public Deserializer<AlertState> deserializer() {
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      if (bytes.length < HEADER_1 || bytes[0] != FORMAT_VERSION && bytes[0] != FORMAT_VERSION_1
          || bytes[0] == FORMAT_VERSION && bytes.length < HEADER) {
        throw new SerializationException("alert state in " + topic + " has an unknown format");
      }
      ByteBuffer in = ByteBuffer.wrap(bytes);
      byte version = in.get();
      int missed = in.getInt();
      long lastActive = in.getLong();
      HllSketch sources = null;
      if (version == FORMAT_VERSION) {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
          throw new SerializationException("alert state in " + topic + " has a sources sketch of " + length + " bytes");
        }
        if (length > 0) {
          sources = HllSketch.heapify(Arrays.copyOfRange(bytes, in.position(), in.position() + length));
          in.position(in.position() + length);
        }
      }
      return new AlertState(alerts.deserialize(topic, Arrays.copyOfRange(bytes, in.position(), bytes.length)), missed,
          lastActive, sources);
    };
  }
}
