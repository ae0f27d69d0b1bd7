package io.narrowcast.runtime;

import io.narrowcast.topics.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.PolicyViolationException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates the detector's topics when they are missing, or checks that they exist. */
public final class TopicAdmin {
  /** Where a person finds the topic definitions, for error messages. */
  static final String DEFINITIONS = "deploy/kafka/topics.yaml";
  /** How long created topics may take until every partition's leader answers. */
  static final Duration LEADERS_TIMEOUT = Duration.ofMinutes(1);
  private static final long LEADERS_BACKOFF_MS = 50;
  /** How long a topic may be missing from the cluster's listing just after another client created it. */
  static final Duration LISTING_GRACE = Duration.ofSeconds(5);

  private TopicAdmin() {}

  /** Creates each of {@code topics} that does not exist yet with the given partitions and replication. */
  public static void ensure(Admin admin, Collection<Topic<?, ?>> topics, int partitions, short replication)
      throws InterruptedException {
    ensure(admin, topics, Optional.of(partitions), Optional.of(replication));
  }

  /**
   * Creates each of {@code topics} that does not exist yet, and returns once every partition of the
   * created topics has a leader that answers; an empty partition count or replication factor means
   * the broker's default.
   *
   * @throws ClusterException naming the missing topics and what to do, when the cluster does not let
   *     this client create them (no CREATE permission, or a creation policy)
   */
  public static void ensure(Admin admin, Collection<Topic<?, ?>> topics, Optional<Integer> partitions,
      Optional<Short> replication) throws InterruptedException {
    List<String> missing = missing(admin, topics);
    if (missing.isEmpty()) {
      return;
    }
    List<NewTopic> creations = new ArrayList<>();
    for (String name : missing) {
      creations.add(new NewTopic(name, partitions, replication));
    }
    try {
      admin.createTopics(creations).all().get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof TopicExistsException) {
        awaitLeaders(admin, missing, LEADERS_TIMEOUT); // another instance created them meanwhile
        return;
      }
      if (cause instanceof TopicAuthorizationException || cause instanceof ClusterAuthorizationException
          || cause instanceof PolicyViolationException) {
        throw new ClusterException("topics " + String.join(", ", missing) + " do not exist and this client may not "
            + "create them (" + cause.getMessage() + "): create them as in " + DEFINITIONS + ", or allow it to", cause);
      }
      throw new ClusterException("cannot create topics " + String.join(", ", missing) + ": " + cause.getMessage(), cause);
    }
    awaitLeaders(admin, missing, LEADERS_TIMEOUT);
  }

  /**
   * Returns once every partition of {@code topics} answers a ListOffsets from its leader. Kafka
   * acknowledges a creation before the leader holds the partition, and an idempotent producer that
   * bursts into it then can have its first batch refused (NOT_LEADER_OR_FOLLOWER) while the later
   * ones are stored: it resends the first batch, out of sequence, until delivery.timeout.ms expires
   * and the records are lost (kafka-clients 4.4.0; the ingest right after a replay's creation did).
   * For topics that have long existed it costs one question.
   *
   * @throws ClusterException when a partition still has no leader after {@code timeout}, or the
   *     cluster refuses the question
   */
  static void awaitLeaders(Admin admin, List<String> topics, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        admin.listOffsets(latest(admin, topics)).all().get();
        return;
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (!(cause instanceof RetriableException)) {
          throw new ClusterException("cannot check the partitions of topics " + String.join(", ", topics) + ": "
              + cause.getMessage(), cause);
        }
        if (System.nanoTime() - deadline > 0) {
          throw new ClusterException("not every partition of topics " + String.join(", ", topics) + " has a leader "
              + "after " + timeout.toSeconds() + " s: " + cause.getMessage(), cause);
        }
        Thread.sleep(LEADERS_BACKOFF_MS);
      }
    }
  }

  /**
   * Checks that every one of {@code topics} exists, without creating any, and returns once every
   * partition's leader answers: another tool may have created them a moment ago, and the listing
   * may not show them for a moment either (a missing topic is an error after {@link #LISTING_GRACE}).
   *
   * @throws MissingTopicsException naming the missing topics
   * @throws ClusterException as {@link #awaitLeaders}
   */
  public static void requireExisting(Admin admin, Collection<Topic<?, ?>> topics) throws InterruptedException {
    List<String> missing = missing(admin, topics);
    long deadline = System.nanoTime() + LISTING_GRACE.toNanos();
    while (!missing.isEmpty() && System.nanoTime() - deadline < 0) {
      Thread.sleep(LEADERS_BACKOFF_MS); // a topic created a moment ago may not be listed yet
      missing = missing(admin, topics);
    }
    if (!missing.isEmpty()) {
      throw new MissingTopicsException(missing);
    }
    awaitLeaders(admin, topics.stream().map(Topic::name).toList(), LEADERS_TIMEOUT);
  }

  private static List<String> missing(Admin admin, Collection<Topic<?, ?>> topics) throws InterruptedException {
    Set<String> existing;
    try {
      existing = admin.listTopics().names().get();
    } catch (ExecutionException e) {
      throw new ClusterException("cannot reach Kafka to list topics: " + e.getCause().getMessage(), e.getCause());
    }
    return topics.stream().map(Topic::name).filter(name -> !existing.contains(name)).toList();
  }

  /** Every partition of {@code topics}, each asking for its latest offset: the question for ListOffsets. */
  public static Map<TopicPartition, OffsetSpec> latest(Admin admin, Collection<String> topics)
      throws InterruptedException, ExecutionException {
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    admin.describeTopics(topics).allTopicNames().get().values().forEach(topic -> topic.partitions().forEach(
        partition -> latest.put(new TopicPartition(topic.name(), partition.partition()), OffsetSpec.latest())));
    return latest;
  }

  /**
   * The latest record timestamp on {@code topic} (over its partitions; a producer of events stamps
   * them with their event time), or empty when it holds no record.
   */
  public static OptionalLong latestTimestamp(Admin admin, String topic) throws InterruptedException {
    try {
      Map<TopicPartition, OffsetSpec> question = new HashMap<>();
      latest(admin, List.of(topic)).keySet().forEach(partition -> question.put(partition, OffsetSpec.maxTimestamp()));
      // an empty partition answers -1
      return admin.listOffsets(question).all().get().values().stream()
          .mapToLong(ListOffsetsResult.ListOffsetsResultInfo::timestamp).filter(time -> time >= 0).max();
    } catch (ExecutionException e) {
      throw new ClusterException("cannot read the timestamps of " + topic + ": " + e.getCause().getMessage(), e.getCause());
    }
  }

  /** Partitions of {@code topic}. */
  public static int partitions(Admin admin, String topic) throws InterruptedException {
    try {
      return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
    } catch (ExecutionException e) {
      throw new ClusterException("cannot describe topic " + topic + ": " + e.getCause().getMessage(), e.getCause());
    }
  }

  /** Topics that should exist and do not; the message says how to make them. */
  public static final class MissingTopicsException extends ClusterException {
    private final List<String> topics;

    MissingTopicsException(List<String> topics) {
      super("topics " + String.join(", ", topics) + " do not exist: create them as in " + DEFINITIONS
          + ", or let the detector create them");
      this.topics = List.copyOf(topics);
    }

    public List<String> topics() {
      return topics;
    }
  }
}
