package io.narrowcast.embedded;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads back what a test produced to a single-partition topic, from an offset to the current end. */
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

  private static KafkaConsumer<String, byte[]> consumer(String bootstrap) {
    return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new ByteArrayDeserializer());
  }
}
