package io.narrowcast.ingest;

import io.narrowcast.avro.DnsEvent;
import io.narrowcast.config.DetectionConfig.DomainGranularity;
import io.narrowcast.normalize.DomainNames;
import io.narrowcast.topics.Control;
import io.narrowcast.topics.DeadLetters;
import io.narrowcast.topics.Partitions;
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
 * Produces events to dns.events and dead letters to dns.events.dlq, with an idempotent producer and
 * acks=all so that nothing accepted is lost or duplicated by retries.
 *
 * <p>An event carries its time in its value; the record timestamp is that time, but never later than
 * this machine's clock, which the broker would refuse (by default an hour ahead). An event goes to
 * the partition of its name (Kafka's default for its key), or, placed by registered domain, to the
 * partition of its registered domain, where a detector counting by registered domain counts it.
 *
 * <p>With a control key (replay, and tests that feed a detector as replay does), every partition
 * gets a signed tick at the first event's time before that event, and {@link #tickAll} at the end.
 */
public final class KafkaEventSink implements EventSink {
  private final Producer<String, byte[]> producer;
  private final DomainGranularity placement;
  private final Control control;
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private int partitions;
  private boolean started;

  /** Events placed by name, no ticks. */
  public KafkaEventSink(Map<String, Object> clientConfig) {
    this(clientConfig, DomainGranularity.NAME, null);
  }

  /**
   * @param placement where events go: the partition of their name or of their registered domain
   * @param control the key that signs ticks, or null to send none
   */
  public KafkaEventSink(Map<String, Object> clientConfig, DomainGranularity placement, Control control) {
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 20);
    config.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "narrowcast-ingest");
    this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    this.placement = placement;
    this.control = control;
  }

  @Override
  public void event(String key, DnsEvent event) {
    long time = event.getEventTime().toEpochMilli();
    if (!started && control != null) {
      tickAll(time); // the detector has watched since the input's first time, on every partition alike
    }
    started = true;
    byte[] value = Topics.EVENTS.valueSerde().serializer().serialize(Topics.EVENTS.name(), event);
    Integer partition = placement == DomainGranularity.REGISTERED_DOMAIN
        ? Partitions.forKey(DomainNames.registeredDomain(key), partitions())
        : null;
    send(new ProducerRecord<>(Topics.EVENTS.name(), partition, recordTime(time), key, value));
  }

  /** Advances event time to {@code time} on every partition of dns.events with a signed tick. */
  public void tickAll(long time) {
    if (control == null) {
      throw new IllegalStateException("no control key to sign ticks with");
    }
    for (int partition = 0; partition < partitions(); partition++) {
      RecordHeaders headers = new RecordHeaders();
      control.markTick(headers, partition, time);
      send(new ProducerRecord<>(Topics.EVENTS.name(), partition, recordTime(time), null, null, headers));
    }
  }

  @Override
  public void deadLetter(byte[] raw, RejectReason reason, String detail, String origin) {
    RecordHeaders headers = new RecordHeaders();
    DeadLetters.annotate(headers, reason, detail, origin);
    send(new ProducerRecord<>(Topics.DEAD_LETTERS.name(), null, null, origin, raw, headers));
  }

  /** Sends a record as it is: one that is no event (tests send garbage this way). */
  public void send(ProducerRecord<String, byte[]> record) {
    producer.send(record, (metadata, error) -> {
      if (error != null) {
        failure.compareAndSet(null, error);
      }
    });
  }

  private static long recordTime(long eventTime) {
    return Math.min(eventTime, System.currentTimeMillis());
  }

  private int partitions() {
    if (partitions == 0) {
      partitions = producer.partitionsFor(Topics.EVENTS.name()).size();
    }
    return partitions;
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
