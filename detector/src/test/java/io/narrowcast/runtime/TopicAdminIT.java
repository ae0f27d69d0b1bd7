package io.narrowcast.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.narrowcast.embedded.EmbeddedKafka;
import io.narrowcast.topics.Topic;
import io.narrowcast.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.ForwardingAdmin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.internals.KafkaFutureImpl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Topic creation with configured partitions, the check-only mode, and a cluster that refuses creation. */
class TopicAdminIT {
  static final Topic<?, ?> SCRATCH = new Topic<>("scratch.check", null, null);

  @TempDir
  static Path dir;
  static EmbeddedKafka kafka;

  @BeforeAll
  static void start() {
    kafka = EmbeddedKafka.start(dir);
  }

  @AfterAll
  static void stop() {
    if (kafka != null) {
      kafka.close();
    }
  }

  static Map<String, Object> client() {
    return Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
  }

  @Test
  void missingTopicsAreCreatedWithTheConfiguredPartitionsOrTheBrokersDefault() throws Exception {
    Topic<?, ?> sized = new Topic<>("sized.topic", null, null);
    Topic<?, ?> plain = new Topic<>("plain.topic", null, null);
    try (Admin admin = Admin.create(client())) {
      TopicAdmin.ensure(admin, List.of(sized), Optional.of(5), Optional.empty());
      TopicAdmin.ensure(admin, List.of(plain, sized), Optional.empty(), Optional.empty());

      // the broker learns of new topics a moment after creating them
      await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> assertThat(
          admin.describeTopics(List.of("sized.topic", "plain.topic")).allTopicNames().get().values().stream()
              .collect(Collectors.toMap(TopicDescription::name, d -> d.partitions().size())))
          .isEqualTo(Map.of("sized.topic", 5, "plain.topic", 1))); // 1: the embedded broker's num.partitions
    }
  }

  @Test
  void checkingOnlyNamesTheMissingTopics() throws Exception {
    try (Admin admin = Admin.create(client())) {
      assertThatThrownBy(() -> TopicAdmin.requireExisting(admin, List.of(SCRATCH)))
          .isInstanceOf(ClusterException.class)
          .hasMessage("topics scratch.check do not exist: create them as in deploy/kafka/topics.yaml, "
              + "or let the detector create them");
    }
  }

  @Test
  void aClusterThatRefusesCreationGetsAnErrorThatSaysWhatToDo() throws Exception {
    try (Admin admin = new RefusingAdmin(client())) {
      assertThatThrownBy(() -> TopicAdmin.ensure(admin, Topics.ALL, Optional.of(3), Optional.of((short) 1)))
          .isInstanceOf(ClusterException.class)
          .hasMessage("topics dns.events, dns.events.dlq, dns.alerts, dns.alerts.ocsf do not exist and this client may not create them "
              + "(Not authorized to access topics: [Topic authorization failed.]): create them as in "
              + "deploy/kafka/topics.yaml, or allow it to");
    }
  }

  /** A real admin client whose CreateTopics is refused, as a cluster with ACLs refuses it. */
  static final class RefusingAdmin extends ForwardingAdmin {
    RefusingAdmin(Map<String, Object> config) {
      super(config);
    }

    @Override
    public CreateTopicsResult createTopics(Collection<NewTopic> topics, CreateTopicsOptions options) {
      KafkaFutureImpl<CreateTopicsResult.TopicMetadataAndConfig> refused = new KafkaFutureImpl<>();
      refused.completeExceptionally(new TopicAuthorizationException("Not authorized to access topics: [Topic authorization failed.]"));
      return new CreateTopicsResult(topics.stream().collect(Collectors.toMap(NewTopic::name, t -> refused))) { };
    }
  }
}
