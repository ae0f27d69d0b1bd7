package io.narrowcast.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.narrowcast.embedded.EmbeddedKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What "caught up" means for an input written in transactions: records of a transaction that is
 * still open (or whose markers are not yet written) keep a partition behind even though its
 * committed end does not show them yet.
 */
class CatchUpIT {
  static final String GROUP = "app";
  static final String TOPIC = "app-candidates-repartition";
  static final Predicate<String> INPUTS = topic -> topic.equals(TOPIC);

  @TempDir
  Path dir;

  @Test
  void aPartitionWithAnOpenTransactionIsBehindUntilItsRecordsAreCommittedAndConsumed() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir)) {
      Map<String, Object> client = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
      TopicPartition partition = new TopicPartition(TOPIC, 0);
      try (Admin admin = Admin.create(client);
          KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
              ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
              ProducerConfig.TRANSACTIONAL_ID_CONFIG, "writer"), new StringSerializer(), new StringSerializer())) {
        admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
        assertThat(CatchUp.behind(admin, GROUP, INPUTS)).isEmpty(); // nothing written, nothing to do

        producer.initTransactions();
        producer.beginTransaction();
        producer.send(new ProducerRecord<>(TOPIC, "k", "v")).get();
        assertThat(CatchUp.behind(admin, GROUP, INPUTS))
            .containsExactly(Map.entry(partition, "transaction open up to 1, committed up to 0"));

        producer.commitTransaction();
        // the commit returns before its marker is on the partition; until then it reads as an open transaction
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
            assertThat(CatchUp.behind(admin, GROUP, INPUTS)).containsExactly(Map.entry(partition, "none/2")));

        admin.alterConsumerGroupOffsets(GROUP, Map.of(partition, new OffsetAndMetadata(2))).all().get();
        assertThat(CatchUp.behind(admin, GROUP, INPUTS)).isEmpty();
      }
    }
  }
}
