package io.narrowcast.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.narrowcast.alert.AlertJson;
import io.narrowcast.avro.Alert;
import io.narrowcast.embedded.EmbeddedKafka;
import io.narrowcast.embedded.TestBroker;
import io.narrowcast.topics.Topics;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What else a topic may hold (a tombstone, bytes that are no alert) is passed over, and the alerts are read. */
class TopicReaderIT {
  @TempDir
  Path dir;

  @Test
  void aTombstoneOrGarbageOnTheTopicIsSkipped() throws Exception {
    Alert alert;
    try (InputStream in = TopicReaderIT.class.getResourceAsStream("/contract/alert-rename.jsonl")) {
      alert = AlertJson.read(new String(in.readAllBytes(), StandardCharsets.UTF_8).strip());
    }
    try (EmbeddedKafka kafka = TestBroker.startWithTopics(dir)) {
      try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
          Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
        producer.send(new ProducerRecord<>(Topics.ALERTS.name(), alert.getDomain(), null)).get();
        producer.send(new ProducerRecord<>(Topics.ALERTS.name(), "x", "garbage".getBytes(StandardCharsets.UTF_8))).get();
        producer.send(new ProducerRecord<>(Topics.ALERTS.name(), alert.getDomain(),
            Topics.ALERTS.valueSerde().serializer().serialize(Topics.ALERTS.name(), alert))).get();
      }
      List<TopicReader.Message<Alert>> read = new ArrayList<>();
      try (TopicReader<Alert> reader =
          TopicReader.alerts(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
        reader.readToEnd(read::add);
      }
      assertThat(read).extracting(TopicReader.Message::value).containsExactly(alert);
    }
  }
}
