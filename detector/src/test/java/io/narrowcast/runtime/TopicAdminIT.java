package io.narrowcast.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.narrowcast.embedded.EmbeddedKafka;
import io.narrowcast.ingest.KafkaEventSink;
import io.narrowcast.topics.Topic;
import io.narrowcast.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.ForwardingAdmin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.ListTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.internals.KafkaFutureImpl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Topic creation with configured partitions, partitions ready for writes when it returns, the
 * check-only mode, and a cluster that refuses creation.
 */
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

      assertThat(admin.describeTopics(List.of("sized.topic", "plain.topic")).allTopicNames().get().values().stream()
          .collect(Collectors.toMap(TopicDescription::name, d -> d.partitions().size())))
          .isEqualTo(Map.of("sized.topic", 5, "plain.topic", 1)); // 1: the embedded broker's num.partitions
    }
  }

  /** How a topic comes to exist before the ingest bursts into it, and what the detector does first. */
  enum Creation {
    /** run, replay, demo and bench create the topics they lack. */
    BY_THE_DETECTOR {
      @Override
      void create(Admin admin, String topic, int partitions) throws InterruptedException {
        TopicAdmin.ensure(admin, List.of(new Topic<>(topic, null, null)), Optional.of(partitions), Optional.empty());
      }
    },
    /** An operator's tool creates them a moment before ingest starts, which only checks them. */
    BY_ANOTHER_TOOL {
      @Override
      void create(Admin admin, String topic, int partitions) throws Exception {
        admin.createTopics(List.of(new NewTopic(topic, Optional.of(partitions), Optional.empty()))).all().get();
        TopicAdmin.requireExisting(admin, List.of(new Topic<>(topic, null, null)));
      }
    };

    abstract void create(Admin admin, String topic, int partitions) throws Exception;
  }

  /**
   * The ingest's idempotent producer bursts into topics just created. Before the detector waited
   * for the partitions' leaders, this lost records in about one round in three after the first
   * few: the first batch of a partition was refused, the later ones stored, and the first resent
   * out of sequence until it expired. Small batches put several in flight to each partition at once.
   */
  @ParameterizedTest
  @EnumSource(Creation.class)
  void anIngestBurstRightAfterCreationIsStoredWhole(Creation creation) throws Exception {
    int rounds = 12;
    int partitions = 4;
    int records = 20_000;
    Map<String, Object> producer = new HashMap<>(client());
    producer.put(ProducerConfig.BATCH_SIZE_CONFIG, 16 * 1024);
    // the producer's own timeouts: shorter ones expire healthy batches on a busy machine (seen at 10 s);
    // a batch refused for good is resent until delivery.timeout.ms and the round fails then, later but surely
    byte[] value = new byte[1_000];
    try (Admin admin = Admin.create(client())) {
      for (int round = 0; round < rounds; round++) {
        String topic = "burst." + creation + "." + round;
        creation.create(admin, topic, partitions);
        try (KafkaEventSink sink = new KafkaEventSink(producer)) {
          for (int i = 0; i < records; i++) {
            sink.send(new ProducerRecord<>(topic, "k" + i, value));
          }
          sink.flush();
        }
        long stored = admin.listOffsets(TopicAdmin.latest(admin, List.of(topic))).all().get().values().stream()
            .mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
        assertThat(stored).as("records stored in round %d", round).isEqualTo(records);
      }
    }
  }

  @Test
  void theWaitForLeadersEndsWithAnErrorWhenOneNeverAnswersOrTheClusterRefusesTheQuestion() throws Exception {
    List<String> topic = List.of("leaderless.check");
    try (Admin admin = Admin.create(client())) {
      TopicAdmin.ensure(admin, List.of(new Topic<>(topic.get(0), null, null)), Optional.of(2), Optional.empty());
    }
    try (Admin admin = new FailingListOffsetsAdmin(client(), new NotLeaderOrFollowerException("no leader yet"))) {
      long started = System.nanoTime();
      assertThatThrownBy(() -> TopicAdmin.awaitLeaders(admin, topic, Duration.ofSeconds(1)))
          .isInstanceOf(ClusterException.class)
          .hasMessage("not every partition of topics leaderless.check has a leader after 1 s: no leader yet");
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }
    try (Admin admin = new FailingListOffsetsAdmin(client(), new TopicAuthorizationException("Not authorized"))) {
      assertThatThrownBy(() -> TopicAdmin.awaitLeaders(admin, topic, Duration.ofMinutes(1)))
          .isInstanceOf(ClusterException.class)
          .hasMessage("cannot check the partitions of topics leaderless.check: Not authorized");
    }
  }

  @Test
  void checkingOnlyNamesTheMissingTopics() throws Exception {
    try (Admin admin = Admin.create(client())) {
      long started = System.nanoTime();
      assertThatThrownBy(() -> TopicAdmin.requireExisting(admin, List.of(SCRATCH)))
          .isInstanceOf(ClusterException.class)
          .hasMessage("topics scratch.check do not exist: create them as in deploy/kafka/topics.yaml, "
              + "or let the detector create them");
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(TopicAdmin.LISTING_GRACE);
    }
  }

  @Test
  void aTopicAnotherToolCreatesWhileTheCheckWaitsIsFound() throws Exception {
    Topic<?, ?> late = new Topic<>("late.listed", null, null);
    try (LateCreatingAdmin admin = new LateCreatingAdmin(client(), late.name(), 3)) {
      TopicAdmin.requireExisting(admin, List.of(late));

      // the broker may list a topic a moment after its controller created it: a later listing may find it
      assertThat(admin.listings).isGreaterThanOrEqualTo(3);
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

  /** A real admin client whose ListOffsets always fails with {@code error}. */
  static final class FailingListOffsetsAdmin extends ForwardingAdmin {
    private final RuntimeException error;

    FailingListOffsetsAdmin(Map<String, Object> config, RuntimeException error) {
      super(config);
      this.error = error;
    }

    @Override
    public ListOffsetsResult listOffsets(Map<TopicPartition, OffsetSpec> partitions, ListOffsetsOptions options) {
      KafkaFutureImpl<ListOffsetsResult.ListOffsetsResultInfo> failed = new KafkaFutureImpl<>();
      failed.completeExceptionally(error);
      return new ListOffsetsResult(partitions.keySet().stream().collect(Collectors.toMap(p -> p, p -> failed)));
    }
  }

  /**
   * A real admin client on whose listing {@code topic} first appears at listing number {@code at},
   * as when another tool creates it while the check waits, or the cluster lists it late.
   */
  static final class LateCreatingAdmin extends ForwardingAdmin {
    private final String topic;
    private final int at;
    int listings;

    LateCreatingAdmin(Map<String, Object> config, String topic, int at) {
      super(config);
      this.topic = topic;
      this.at = at;
    }

    @Override
    public ListTopicsResult listTopics(ListTopicsOptions options) {
      if (++listings == at) {
        try {
          createTopics(List.of(new NewTopic(topic, Optional.empty(), Optional.empty()))).all().get();
        } catch (InterruptedException | ExecutionException e) {
          throw new IllegalStateException(e);
        }
      }
      return super.listTopics(options);
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
