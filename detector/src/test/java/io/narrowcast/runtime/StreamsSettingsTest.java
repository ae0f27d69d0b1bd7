package io.narrowcast.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/** The detector's Kafka Streams settings, and that a user's own settings win. */
class StreamsSettingsTest {
  static final String BATCH_SIZE = StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG);

  @Test
  void changelogsAreProducedInLargeBatchesUnderExactlyOnce() {
    Properties p = StreamsSettings.detector("app", "127.0.0.1:9092", Path.of("/tmp/state"), Map.of());
    assertThat(p.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
    assertThat(p.get(BATCH_SIZE)).isEqualTo(128 * 1024);
    // Kafka Streams hands prefixed producer settings to its producers
    assertThat(new StreamsConfig(p).getProducerConfigs("client").get(ProducerConfig.BATCH_SIZE_CONFIG))
        .isEqualTo(128 * 1024);
  }

  @Test
  void aFetchResponseStaysUnderHalfOfG1sSmallestRegion() {
    StreamsConfig config = new StreamsConfig(StreamsSettings.detector("app", "127.0.0.1:9092", Path.of("/tmp/state"), Map.of()));
    for (Map<String, Object> consumer : List.of(config.getMainConsumerConfigs("app", "client", 0),
        config.getRestoreConsumerConfigs("client"))) {
      // the whole response, of every partition, is one array: under 512 KB it is no humongous object
      assertThat((Integer) consumer.get(ConsumerConfig.FETCH_MAX_BYTES_CONFIG)).isLessThan(512 * 1024 - 16 * 1024);
      assertThat((Integer) consumer.get(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG))
          .isLessThanOrEqualTo((Integer) consumer.get(ConsumerConfig.FETCH_MAX_BYTES_CONFIG));
    }
  }

  @Test
  void aUsersSettingWins() {
    Properties p = StreamsSettings.detector("app", "127.0.0.1:9092", Path.of("/tmp/state"), Map.of(BATCH_SIZE, "16384"));
    assertThat(p.get(BATCH_SIZE)).isEqualTo("16384");
  }
}
