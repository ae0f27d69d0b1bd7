package io.narrowcast.runtime;

import io.narrowcast.topics.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows dns.alerts in its own thread (committed data only), from the beginning or from its end as
 * it is when opened, and hands each message to a callback, so that a replay or the demo can show
 * alerts as they fire.
 */
public final class AlertTail implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AlertTail.class);
  private static final Duration POLL = Duration.ofMillis(100);

  private final KafkaConsumer<String, byte[]> consumer;
  private final Consumer<AlertMessage> onMessage;
  private final Thread thread;
  private volatile boolean draining;
  private volatile RuntimeException failure;

  /** Follows dns.alerts from the beginning. */
  public AlertTail(Map<String, Object> clientConfig, Consumer<AlertMessage> onMessage) {
    this(clientConfig, onMessage, false);
  }

  /** Follows the alerts committed from now on: those already on dns.alerts are another run's. */
  public static AlertTail fromNow(Map<String, Object> clientConfig, Consumer<AlertMessage> onMessage) {
    return new AlertTail(clientConfig, onMessage, true);
  }

  private AlertTail(Map<String, Object> clientConfig, Consumer<AlertMessage> onMessage, boolean fromNow) {
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, org.apache.kafka.common.serialization.StringDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, org.apache.kafka.common.serialization.ByteArrayDeserializer.class);
    this.consumer = new KafkaConsumer<>(config);
    this.onMessage = onMessage;
    List<TopicPartition> partitions = consumer.partitionsFor(Topics.ALERTS.name()).stream()
        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    consumer.assign(partitions);
    if (fromNow) {
      consumer.seekToEnd(partitions);
      partitions.forEach(consumer::position); // seekToEnd is lazy: the end is taken now, not at the first poll
    } else {
      consumer.seekToBeginning(partitions);
    }
    this.thread = new Thread(this::run, "alert-tail");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    try {
      while (true) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
          deliver(record);
        }
        if (draining && atEnd()) {
          return;
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      failure = e;
    }
  }

  private void deliver(ConsumerRecord<String, byte[]> record) {
    try {
      onMessage.accept(new AlertMessage(record.key(), record.timestamp(),
          Topics.ALERTS.valueSerde().deserializer().deserialize(record.topic(), record.value())));
    } catch (SerializationException e) {
      LOG.warn("unreadable alert at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
    }
  }

  private boolean atEnd() {
    var ends = consumer.endOffsets(consumer.assignment());
    return ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
  }

  /** Waits until every alert committed so far has been handed over, then stops. */
  public void drain(Duration timeout) throws InterruptedException {
    draining = true;
    thread.join(timeout.toMillis());
    if (thread.isAlive()) {
      throw new ClusterException("alerts were not all read within " + timeout);
    }
    if (failure != null) {
      throw new ClusterException("reading alerts failed: " + failure.getMessage(), failure);
    }
  }

  @Override
  public void close() {
    if (thread.isAlive()) {
      consumer.wakeup();
      try {
        thread.join(POLL.toMillis() * 50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    consumer.close();
  }
}
