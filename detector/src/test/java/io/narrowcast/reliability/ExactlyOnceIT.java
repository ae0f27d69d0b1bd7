package io.narrowcast.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.narrowcast.alert.AlertFixtures;
import io.narrowcast.avro.Alert;
import io.narrowcast.config.DetectionConfig;
import io.narrowcast.embedded.EmbeddedKafka;
import io.narrowcast.embedded.TestBroker;
import io.narrowcast.ingest.Format;
import io.narrowcast.ingest.KafkaEventSink;
import io.narrowcast.replay.Replay;
import io.narrowcast.replay.ReplayRequest;
import io.narrowcast.runtime.AlertTail;
import io.narrowcast.runtime.TopicReader;
import io.narrowcast.topics.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Item 1 of issue 8, on a broker: replay writes its outputs in transactions (exactly-once), ingest's
 * producer is idempotent whatever the client configuration says, and the alert readers show
 * committed messages only. (run's guarantee: RunCommandTest and CrashIT.)
 */
class ExactlyOnceIT {
  @TempDir
  Path work;
  EmbeddedKafka kafka;
  Admin admin;

  @BeforeEach
  void startBroker() throws InterruptedException {
    kafka = TestBroker.startWithTopics(work.resolve("broker"));
    admin = Admin.create(client());
  }

  @AfterEach
  void stopBroker() {
    admin.close();
    kafka.close();
  }

  Map<String, Object> client() {
    return Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
  }

  @Test
  void replayWritesInTransactions() throws Exception {
    Path log = Files.write(work.resolve("dns.jsonl"), Workload.lines().subList(0, 100));

    Replay.run(new ReplayRequest(List.of(log), Format.JSONL, DetectionConfig.defaults(), 1, alert -> { }, null),
        kafka.bootstrapServers(), work.resolve("state"));

    assertThat(admin.listTransactions().all().get()).extracting(TransactionListing::transactionalId)
        .singleElement().asString().startsWith("narrowcast-replay-");
  }

  @Test
  void ingestProducesIdempotentlyEvenWhenTheClientConfigurationSaysOtherwise() throws Exception {
    Map<String, Object> notIdempotent = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false, ProducerConfig.ACKS_CONFIG, "1");
    try (KafkaEventSink sink = new KafkaEventSink(notIdempotent)) {
      sink.send(new ProducerRecord<>(Topics.EVENTS.name(), "k", new byte[] {1}));
      sink.flush();
    }
    // for contrast, a plain producer configured that way leaves no producer state on the broker
    admin.createTopics(List.of(new NewTopic("plain", 1, (short) 1))).all().get();
    try (KafkaProducer<String, byte[]> plain = new KafkaProducer<>(notIdempotent, new StringSerializer(), new ByteArraySerializer())) {
      plain.send(new ProducerRecord<>("plain", "k", new byte[] {1})).get();
    }

    assertThat(producers(Topics.EVENTS.name())).singleElement()
        .satisfies(p -> assertThat(p.producerId()).isNotNegative())
        .satisfies(p -> assertThat(p.lastSequence()).isZero());
    assertThat(producers("plain")).isEmpty();
  }

  private List<ProducerState> producers(String topic) throws Exception {
    TopicPartition partition = new TopicPartition(topic, 0);
    return admin.describeProducers(List.of(partition)).partitionResult(partition).get().activeProducers();
  }

  @Test
  void alertReadersShowCommittedAlertsOnly() throws Exception {
    Alert aborted = AlertFixtures.collapseOpened();
    Alert committed = AlertFixtures.collapseClosed();
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(), ProducerConfig.TRANSACTIONAL_ID_CONFIG, "it-alerts"),
        new StringSerializer(), new ByteArraySerializer())) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(alert(aborted));
      producer.flush();
      producer.abortTransaction();
      producer.beginTransaction();
      producer.send(alert(committed));
      producer.commitTransaction();
    }
    // a client configuration asking for uncommitted data does not change that
    Map<String, Object> uncommitted = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");

    List<Alert> read = new ArrayList<>();
    try (TopicReader<Alert> reader = TopicReader.alerts(uncommitted)) {
      reader.readToEnd(message -> read.add(message.value()));
    }
    List<Alert> tailed = Collections.synchronizedList(new ArrayList<>());
    try (AlertTail tail = new AlertTail(uncommitted, message -> tailed.add(message.alert()))) {
      tail.drain(Duration.ofMinutes(1));
    }

    assertThat(read).containsExactly(committed);
    assertThat(tailed).containsExactly(committed);
  }

  private static ProducerRecord<String, byte[]> alert(Alert alert) {
    return new ProducerRecord<>(Topics.ALERTS.name(), alert.getDomain(),
        Topics.ALERTS.valueSerde().serializer().serialize(Topics.ALERTS.name(), alert));
  }
}
