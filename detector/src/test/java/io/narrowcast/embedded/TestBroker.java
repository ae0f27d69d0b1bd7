package io.narrowcast.embedded;

import io.narrowcast.runtime.TopicAdmin;
import io.narrowcast.topics.Topics;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;

/** The embedded broker as integration tests want it: started, with the detector's topics in one partition. */
public final class TestBroker {
  private TestBroker() {}

  public static EmbeddedKafka startWithTopics(Path dataDir) throws InterruptedException {
    EmbeddedKafka kafka = EmbeddedKafka.start(dataDir);
    try (Admin admin = Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      TopicAdmin.ensure(admin, Topics.ALL, 1, (short) 1);
    } catch (RuntimeException | InterruptedException e) {
      kafka.close();
      throw e;
    }
    return kafka;
  }
}
