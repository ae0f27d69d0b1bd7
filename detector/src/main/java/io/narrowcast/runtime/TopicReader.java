package io.narrowcast.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.narrowcast.alert.Alerts;
import io.narrowcast.alert.OcsfFinding;
import io.narrowcast.avro.Alert;
import io.narrowcast.topics.DeadLetter;
import io.narrowcast.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a topic on the calling thread for a person to look at: committed messages only, every
 * partition, no consumer group (nothing is committed, any number of readers can look). Reads from
 * the beginning to the end as it is now, in time order or as the topic holds them, then may follow
 * until {@link #wakeup()}. A record its {@link Decoder} cannot read is skipped with a warning, never
 * the end of the reading.
 *
 * @param <T> what a message holds
 */
public final class TopicReader<T> implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TopicReader.class);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);

  /**
   * A message.
   *
   * @param time the time it stands for, by which messages are put in order (epoch milliseconds)
   * @param value what it holds
   */
  public record Message<T>(long time, T value) {}

  /** Makes a message of a record. */
  @FunctionalInterface
  public interface Decoder<T> {
    /** @throws SerializationException when the record holds no T: it is skipped */
    Message<T> decode(ConsumerRecord<String, byte[]> record);
  }

  private final KafkaConsumer<String, byte[]> consumer;
  private final List<TopicPartition> partitions;
  private final Decoder<T> decoder;
  private final boolean timeOrder;

  /**
   * Opens {@code topic}, positioned at its beginning.
   *
   * @param clientConfig bootstrap servers and any security settings
   * @param timeOrder whether {@link #readToEnd} sorts the messages by time, which holds them all in
   *     memory: for a topic of few messages
   * @throws ClusterException when the cluster cannot be reached or has no such topic
   */
  public TopicReader(Map<String, Object> clientConfig, String topic, Decoder<T> decoder, boolean timeOrder) {
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    this.decoder = decoder;
    this.timeOrder = timeOrder;
    String bootstrap = String.valueOf(config.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG));
    try {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, METADATA_TIMEOUT);
      if (infos == null || infos.isEmpty()) {
        throw new ClusterException("topic " + topic + " does not exist on " + bootstrap);
      }
      this.partitions = infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      // from the beginning even for messages from a time on: a record's timestamp can be earlier than
      // the time its message stands for (Alerts.sentAt), so seeking by timestamp could skip one
      consumer.seekToBeginning(partitions);
    } catch (KafkaException | ClusterException e) {
      consumer.close();
      throw e instanceof ClusterException cluster ? cluster
          : new ClusterException("cannot read " + topic + " from " + bootstrap + ": " + e.getMessage(), e);
    }
  }

  /** dns.alerts, in time order; a message's time is the event time at which the detector sent it ({@link Alerts#sentAt}). */
  public static TopicReader<Alert> alerts(Map<String, Object> clientConfig) {
    return new TopicReader<>(clientConfig, Topics.ALERTS.name(), record -> {
      Alert alert = Topics.ALERTS.valueSerde().deserializer().deserialize(record.topic(), record.value());
      if (alert == null) { // a tombstone (null value), which the serde reads as no alert
        throw new SerializationException("empty message, not an alert");
      }
      return new Message<>(Alerts.sentAt(alert, record.timestamp()), alert);
    }, true);
  }

  /** dns.alerts.ocsf, in time order; a message's time is its finding's {@code time}, when the detector sent its alert. */
  public static TopicReader<JsonNode> ocsfFindings(Map<String, Object> clientConfig) {
    return new TopicReader<>(clientConfig, Topics.ALERTS_OCSF.name(), record -> {
      try {
        JsonNode finding = OcsfFinding.read(record.value());
        return new Message<>(OcsfFinding.time(finding), finding);
      } catch (IllegalArgumentException e) {
        throw new SerializationException(e.getMessage(), e);
      }
    }, true);
  }

  /**
   * dns.events.dlq, as the topic holds it (each partition in the order written): it can hold millions
   * (a log read in the wrong format), too many to sort in memory. A message's time is its record's timestamp.
   */
  public static TopicReader<DeadLetter> deadLetters(Map<String, Object> clientConfig) {
    return new TopicReader<>(clientConfig, Topics.DEAD_LETTERS.name(),
        record -> new Message<>(record.timestamp(), DeadLetter.of(record)), false);
  }

  /** Passes over what the topic holds now: {@link #readToEnd} then hands over only what comes after this call. */
  public TopicReader<T> fromNow() {
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position); // seekToEnd is lazy: the end is taken now, not at the first poll
    return this;
  }

  /**
   * Hands over every message up to the end of the topic as it is now: in time order, oldest first, when
   * the reader sorts (a stable sort, so the messages of one partition with the same time keep their
   * order), else as they are read.
   */
  public void readToEnd(Consumer<Message<T>> sink) {
    Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, METADATA_TIMEOUT);
    List<Message<T>> held = new ArrayList<>();
    Consumer<Message<T>> to = timeOrder ? held::add : sink;
    while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
      consumer.poll(POLL).forEach(record -> deliver(record, to));
    }
    held.sort(Comparator.comparingLong(Message::time));
    held.forEach(sink);
  }

  /** Hands over messages as they are committed, in the order they come, until another thread calls {@link #wakeup()}. */
  public void follow(Consumer<Message<T>> sink) {
    try {
      while (true) {
        consumer.poll(POLL).forEach(record -> deliver(record, sink));
      }
    } catch (WakeupException e) {
      LOG.debug("topic reader woken up: stopping");
    }
  }

  /** Makes {@link #follow} return; safe to call from any thread. */
  public void wakeup() {
    consumer.wakeup();
  }

  private void deliver(ConsumerRecord<String, byte[]> record, Consumer<Message<T>> sink) {
    Message<T> message;
    try {
      message = decoder.decode(record);
    } catch (SerializationException e) {
      LOG.warn("skipped {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
      return;
    }
    sink.accept(message);
  }

  @Override
  public void close() {
    consumer.close();
  }
}
