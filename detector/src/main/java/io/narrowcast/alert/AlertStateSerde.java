package io.narrowcast.alert;

import io.narrowcast.avro.Alert;
import io.narrowcast.schema.AvroSerde;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Binary form of {@link AlertState}: a version byte, the two counters, then the alert in Avro
 * single-object encoding, so a stored alert stays readable across released schema versions.
 */
public final class AlertStateSerde implements Serde<AlertState> {
  private static final byte FORMAT_VERSION = 1;
  private static final int HEADER = 1 + Integer.BYTES + Long.BYTES;
  private final AvroSerde<Alert> alerts = AvroSerde.of(Alert.class);

  @Override
  public Serializer<AlertState> serializer() {
    return (topic, state) -> {
      if (state == null) {
        return null;
      }
      byte[] alert = alerts.serialize(topic, state.last());
      return ByteBuffer.allocate(HEADER + alert.length)
          .put(FORMAT_VERSION).putInt(state.missedWindows()).putLong(state.lastActiveWindow()).put(alert).array();
    };
  }

  @Override
  public Deserializer<AlertState> deserializer() {
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      if (bytes.length < HEADER || bytes[0] != FORMAT_VERSION) {
        throw new SerializationException("alert state in " + topic + " has an unknown format");
      }
      ByteBuffer in = ByteBuffer.wrap(bytes);
      in.get();
      int missed = in.getInt();
      long lastActive = in.getLong();
      return new AlertState(alerts.deserialize(topic, Arrays.copyOfRange(bytes, HEADER, bytes.length)), missed, lastActive);
    };
  }
}
