package io.narrowcast.runtime;

import io.narrowcast.alert.Alerts;
import io.narrowcast.avro.Alert;
import io.narrowcast.topics.Topics;
import java.time.Duration;
import java.time.Instant;
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
 * Reads dns.alerts on the calling thread: committed messages only, every partition, no consumer
 * group (nothing is committed, any number of readers can look). Reads from the beginning, optionally
 * only messages from a time on, to the end as it is now, then may follow until {@link #wakeup()}.
 */
public final class AlertReader implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AlertReader.class);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);

  /**
   * An alert message.
   *
   * @param time the event time at which the detector sent it ({@link Alerts#sentAt})
   * @param alert the message
   */
  public record Message(long time, Alert alert) {}

  private final KafkaConsumer<String, byte[]> consumer;
  private final List<TopicPartition> partitions;
  private final long sinceMs;

  /**
   * Opens the topic.
   *
   * @param clientConfig bootstrap servers and any security settings
   * @param since the earliest time of the messages to hand over, or null for all
   * @throws ClusterException when the cluster cannot be reached or has no dns.alerts
   */
  public AlertReader(Map<String, Object> clientConfig, Instant since) {
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    this.sinceMs = since == null ? Long.MIN_VALUE : since.toEpochMilli();
    String bootstrap = String.valueOf(config.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG));
    try {
      List<PartitionInfo> infos = consumer.partitionsFor(Topics.ALERTS.name(), METADATA_TIMEOUT);
      if (infos == null || infos.isEmpty()) {
        throw new ClusterException("topic " + Topics.ALERTS.name() + " does not exist on " + bootstrap);
      }
      this.partitions = infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      // from the beginning even with a time: a record's timestamp can be earlier than the time its
      // message stands for (Alerts.sentAt), so seeking by timestamp could skip one; alerts are few
      consumer.seekToBeginning(partitions);
    } catch (KafkaException | ClusterException e) {
      consumer.close();
      throw e instanceof ClusterException cluster ? cluster
          : new ClusterException("cannot read " + Topics.ALERTS.name() + " from " + bootstrap + ": " + e.getMessage(), e);
    }
  }

  /**
   * Hands over every message up to the end of the topic as it is now, oldest first (by event time;
   * a stable sort, so one alert's messages, which share a partition, keep their order).
   */
  public void readToEnd(Consumer<Message> sink) {
    Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, METADATA_TIMEOUT);
    List<Message> messages = new ArrayList<>();
    while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
      consumer.poll(POLL).forEach(record -> deliver(record, messages::add));
    }
    messages.sort(Comparator.comparingLong(Message::time));
    messages.forEach(sink);
  }

  /** Hands over messages as they are committed, in the order they come, until another thread calls {@link #wakeup()}. */
  public void follow(Consumer<Message> sink) {
    try {
      while (true) {
        consumer.poll(POLL).forEach(record -> deliver(record, sink));
      }
    } catch (WakeupException e) {
      LOG.debug("alert reader woken up: stopping");
    }
  }

  /** Makes {@link #follow} return; safe to call from any thread. */
  public void wakeup() {
    consumer.wakeup();
  }

  private void deliver(ConsumerRecord<String, byte[]> record, Consumer<Message> sink) {
    Alert alert;
    try {
      alert = Topics.ALERTS.valueSerde().deserializer().deserialize(record.topic(), record.value());
    } catch (SerializationException e) {
      LOG.warn("unreadable alert at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
      return;
    }
    if (alert == null) { // a tombstone (null value), which the serde reads as no alert
      LOG.warn("empty message at {}-{}@{}: not an alert", record.topic(), record.partition(), record.offset());
      return;
    }
    long time = Alerts.sentAt(alert, record.timestamp());
    if (time >= sinceMs) {
      sink.accept(new Message(time, alert));
    }
  }

  @Override
  public void close() {
    consumer.close();
  }
}
