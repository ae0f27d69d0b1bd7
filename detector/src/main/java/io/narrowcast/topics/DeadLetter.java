package io.narrowcast.topics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Base64;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;

/**
 * A message of dns.events.dlq: a record that ingest or the detector refused.
 *
 * @param time the record's timestamp (epoch milliseconds): when ingest refused it; for the detector's,
 *     the refused record's own timestamp
 * @param reason the {@link DeadLetters#REASON} header, or null when the message has none
 * @param detail the {@link DeadLetters#DETAIL} header, or null
 * @param origin the {@link DeadLetters#ORIGIN} header, or null
 * @param value the original bytes
 */
public record DeadLetter(long time, String reason, String detail, String origin, byte[] value) {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /**
   * The dead letter a record of the topic holds.
   *
   * @throws SerializationException when it has no value (a tombstone), so is no refused record
   */
  public static DeadLetter of(ConsumerRecord<String, byte[]> record) {
    if (record.value() == null) {
      throw new SerializationException("empty message, not a dead letter");
    }
    return new DeadLetter(record.timestamp(), DeadLetters.header(record.headers(), DeadLetters.REASON),
        DeadLetters.header(record.headers(), DeadLetters.DETAIL), DeadLetters.header(record.headers(), DeadLetters.ORIGIN),
        record.value());
  }

  /**
   * One JSON object (dlq --json, replay --dlq-out): time (ISO-8601 UTC), reason, detail, origin, the
   * bytes as escaped text ({@link PrintableBytes}) in {@code value} and exactly in {@code value_base64}.
   */
  public String json() {
    ObjectNode out = MAPPER.createObjectNode();
    out.put("time", Instant.ofEpochMilli(time).toString());
    out.put("reason", reason);
    out.put("detail", detail);
    out.put("origin", origin);
    out.put("value", PrintableBytes.escape(value));
    out.put("value_base64", Base64.getEncoder().encodeToString(value));
    return out.toString();
  }
}
