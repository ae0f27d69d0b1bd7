package io.narrowcast.embedded;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads back what is on a topic (committed only): one partition from an offset, or all of them, to the current end. */
public final class TopicContents {
  private static final Duration POLL = Duration.ofMillis(200);

  private TopicContents() {}

  /** The offset the next record of {@code topic} will get. */
  public static long end(String bootstrap, String topic) {
    try (KafkaConsumer<String, byte[]> consumer = consumer(bootstrap)) {
      TopicPartition partition = new TopicPartition(topic, 0);
      return consumer.endOffsets(List.of(partition)).get(partition);
    }
  }

  /** Every record of {@code topic} from offset {@code from} to the current end. */
  public static List<ConsumerRecord<String, byte[]>> read(String bootstrap, String topic, long from) {
    try (KafkaConsumer<String, byte[]> consumer = consumer(bootstrap)) {
      TopicPartition partition = new TopicPartition(topic, 0);
      consumer.assign(List.of(partition));
      consumer.seek(partition, from);
      long end = consumer.endOffsets(List.of(partition)).get(partition);
      List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
      while (consumer.position(partition) < end) {
        consumer.poll(POLL).forEach(out::add);
      }
      return out;
    }
  }

  /**
   * Every committed record of every partition of {@code topic}, from the beginning to the current
   * end, partition by partition in offset order.
   */
  public static List<ConsumerRecord<String, byte[]>> readAll(String bootstrap, String topic) {
    return readAll(bootstrap, topic, IsolationLevel.READ_COMMITTED);
  }

  /** As {@link #readAll(String, String)}; read_uncommitted also shows the records of aborted and open transactions. */
  public static List<ConsumerRecord<String, byte[]>> readAll(String bootstrap, String topic, IsolationLevel isolation) {
    try (KafkaConsumer<String, byte[]> consumer = consumer(bootstrap, isolation)) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(topic, p.partition())).sorted(Comparator.comparingInt(TopicPartition::partition)).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
        consumer.poll(POLL).forEach(out::add);
      }
      out.sort(Comparator.<ConsumerRecord<String, byte[]>>comparingInt(ConsumerRecord::partition)
          .thenComparingLong(ConsumerRecord::offset));
      return out;
    }
  }

  private static KafkaConsumer<String, byte[]> consumer(String bootstrap) {
    return consumer(bootstrap, IsolationLevel.READ_COMMITTED);
  }

  private static KafkaConsumer<String, byte[]> consumer(String bootstrap, IsolationLevel isolation) {
    return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation.toString()), new StringDeserializer(), new ByteArrayDeserializer());
  }
}
