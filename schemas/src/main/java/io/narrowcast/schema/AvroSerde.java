package io.narrowcast.schema;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
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

  /** Single-object encoding: a two-byte marker, then the writer schema's fingerprint, little-endian. */
  private static final byte[] MARKER = {(byte) 0xC3, 0x01};
  private static final int HEADER_LENGTH = MARKER.length + Long.BYTES;

  private final BinaryMessageEncoder<T> encoder;
  /** Writer schema fingerprint → a reader of that version into the current class. */
  private final Map<Long, DatumReader<T>> readers = new HashMap<>();
  private final ThreadLocal<ByteArrayOutputStream> buffers =
      ThreadLocal.withInitial(() -> new ByteArrayOutputStream(INITIAL_BUFFER));
  private final ThreadLocal<BinaryDecoder> decoders = new ThreadLocal<>();

  private AvroSerde(Class<T> type) {
    SpecificData model = SpecificData.getForClass(type);
    Schema current = model.getSchema(type);
    List<Schema> versions = new ArrayList<>(ReleasedSchemas.of(current.getName()));
    versions.add(current);
    for (Schema writer : versions) {
      readers.put(SchemaNormalization.parsingFingerprint64(writer), new SpecificDatumReader<>(writer, current, model));
    }
    this.encoder = new BinaryMessageEncoder<>(model, current);
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
    // Avro's BinaryMessageDecoder reads the body byte by byte from a stream; the array decoder is
    // several times faster, and decoding is the larger part of the detector's cost per event.
    try {
      if (data.length < HEADER_LENGTH || data[0] != MARKER[0] || data[1] != MARKER[1]) {
        throw new BadHeaderException("not a single-object message: "
            + (data.length == 0 ? "no bytes" : "header " + hex(data, HEADER_LENGTH)));
      }
      long fingerprint = ByteBuffer.wrap(data, MARKER.length, Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).getLong();
      DatumReader<T> reader = readers.get(fingerprint);
      if (reader == null) {
        throw new MissingSchemaException("no released schema has fingerprint " + Long.toHexString(fingerprint));
      }
      BinaryDecoder in = DecoderFactory.get().binaryDecoder(data, HEADER_LENGTH, data.length - HEADER_LENGTH,
          decoders.get());
      decoders.set(in);
      return reader.read(null, in);
    } catch (IOException | RuntimeException e) {
      throw new SerializationException(describe(e), e);
    }
  }

  private static String hex(byte[] data, int most) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < Math.min(most, data.length); i++) {
      out.append(String.format("%02x", data[i]));
    }
    return out.toString();
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
