package io.narrowcast.ingest;

import io.narrowcast.avro.DnsEvent;
import io.narrowcast.topics.DeadLetters;
import io.narrowcast.topics.Topics;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Produces events to dns.events (timestamp = event time) and dead letters to dns.events.dlq, with
 * an idempotent producer and acks=all so that nothing accepted is lost or duplicated by retries.
 */
public final class KafkaEventSink implements EventSink {
  private final Producer<String, byte[]> producer;
  private final AtomicReference<Exception> failure = new AtomicReference<>();

  public KafkaEventSink(Map<String, Object> clientConfig) {
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 20);
    config.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "narrowcast-ingest");
    this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
  }

  @Override
  public void event(String key, DnsEvent event) {
    byte[] value = Topics.EVENTS.valueSerde().serializer().serialize(Topics.EVENTS.name(), event);
    send(new ProducerRecord<>(Topics.EVENTS.name(), null, event.getEventTime().toEpochMilli(), key, value));
  }

  @Override
  public void deadLetter(byte[] raw, RejectReason reason, String detail, String origin) {
    RecordHeaders headers = new RecordHeaders();
    DeadLetters.annotate(headers, reason, detail, origin);
    send(new ProducerRecord<>(Topics.DEAD_LETTERS.name(), null, null, origin, raw, headers));
  }

  /** Sends a record as it is; for control records such as ticks. */
  public void send(ProducerRecord<String, byte[]> record) {
    producer.send(record, (metadata, error) -> {
      if (error != null) {
        failure.compareAndSet(null, error);
      }
    });
  }

  @Override
  public void flush() {
    producer.flush();
    Exception error = failure.get();
    if (error != null) {
      throw new KafkaException("producing to Kafka failed: " + error.getMessage(), error);
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
