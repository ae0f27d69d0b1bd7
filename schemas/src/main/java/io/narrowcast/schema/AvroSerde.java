package io.narrowcast.schema;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serde for a generated Avro record in single-object encoding: each message carries the
 * 64-bit fingerprint of its writer schema, so a reader resolves it against any released version
 * without a schema registry. Thread-safe.
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T>, Serializer<T>, Deserializer<T> {
  /** Package of the generated classes, which Avro 1.12 must be told to trust before it instantiates them. */
  public static final String GENERATED_PACKAGE = "io.narrowcast.avro";

  static {
    ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(
        ClassSecurityValidator.getGlobal(),
        type -> GENERATED_PACKAGE.equals(type.getPackageName())));
  }

  private static final int INITIAL_BUFFER = 256;

  private final BinaryMessageEncoder<T> encoder;
  private final BinaryMessageDecoder<T> decoder;
  private final ThreadLocal<ByteArrayOutputStream> buffers =
      ThreadLocal.withInitial(() -> new ByteArrayOutputStream(INITIAL_BUFFER));

  private AvroSerde(Class<T> type) {
    SpecificData model = SpecificData.getForClass(type);
    Schema current = model.getSchema(type);
    SchemaStore.Cache store = new SchemaStore.Cache();
    ReleasedSchemas.of(current.getName()).forEach(store::addSchema);
    store.addSchema(current);
    this.encoder = new BinaryMessageEncoder<>(model, current);
    this.decoder = new BinaryMessageDecoder<>(model, current, store);
  }

  /** A serde for the generated class {@code type}, reading every released version of its schema. */
  public static <T extends SpecificRecord> AvroSerde<T> of(Class<T> type) {
    return new AvroSerde<>(type);
  }

  @Override
  public byte[] serialize(String topic, T data) {
    if (data == null) {
      return null;
    }
    ByteArrayOutputStream out = buffers.get();
    out.reset();
    try {
      encoder.encode(data, out);
    } catch (IOException | AvroRuntimeException e) {
      throw new SerializationException("cannot encode " + data.getSchema().getName() + " for " + topic, e);
    }
    return out.toByteArray();
  }

  /**
   * Decodes one message.
   *
   * @throws SerializationException when the bytes are not a single-object message, carry an unknown
   *     schema fingerprint, or do not decode with their writer schema
   */
  @Override
  public T deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    try {
      return decoder.decode(new ByteArrayInputStream(data), null);
    } catch (IOException | RuntimeException e) {
      throw new SerializationException(describe(e), e);
    }
  }

  private static String describe(Exception e) {
    String kind = e.getClass().getSimpleName();
    return e.getMessage() == null ? kind : kind + ": " + e.getMessage();
  }

  @Override
  public Serializer<T> serializer() {
    return this;
  }

  @Override
  public Deserializer<T> deserializer() {
    return this;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    // nothing to configure: the schema comes from the generated class
  }

  @Override
  public void close() {
    // nothing to release: encoder and decoder hold no resources
  }
}
