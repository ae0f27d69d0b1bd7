package io.narrowcast.runtime;

import io.narrowcast.topics.Topics;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits until a Streams application has processed everything on its input topics, repartition
 * topics included: no transaction is open on any of their partitions, and its committed offsets
 * reach the last stable offset of every one. Under exactly-once the offsets commit with the
 * outputs, so at that point every output is committed too.
 */
public final class CatchUp {
  private static final Logger LOG = LoggerFactory.getLogger(CatchUp.class);
  private static final long POLL_MS = 200;

  private CatchUp() {}

  /** The topics the detector with {@code applicationId} reads: dns.events and its repartition topics. */
  public static Predicate<String> detectorInputs(String applicationId) {
    return topic -> topic.equals(Topics.EVENTS.name())
        || topic.startsWith(applicationId + "-") && topic.endsWith("-repartition");
  }

  /**
   * Blocks until caught up.
   *
   * @param inputs which topics the application reads
   * @param healthy false when the application died; waiting stops with an exception
   * @throws ClusterException when the application stops being healthy or the timeout passes
   */
  public static void await(Admin admin, String groupId, Predicate<String> inputs, Duration timeout,
      BooleanSupplier healthy) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<TopicPartition, String> behind = behind(admin, groupId, inputs);
    while (!behind.isEmpty()) {
      if (!healthy.getAsBoolean()) {
        throw new ClusterException("the detector stopped before processing all input");
      }
      if (System.nanoTime() > deadline) {
        throw new ClusterException("the detector did not catch up within " + timeout + ": " + behind);
      }
      LOG.debug("waiting for {} to catch up: {}", groupId, behind);
      Thread.sleep(POLL_MS);
      behind = behind(admin, groupId, inputs);
    }
  }

  /** The input partitions whose committed offset is short of their end, with "committed/end". */
  public static Map<TopicPartition, String> behind(Admin admin, String groupId, Predicate<String> inputs)
      throws InterruptedException {
    try {
      // Committed offsets first, end offsets second: a transaction that commits in between can only
      // make the answer "not yet". Read the other way round, a commit could slip between the reads
      // and hide its outputs while its inputs already look done.
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
      List<String> topics = admin.listTopics().names().get().stream().filter(inputs).toList();
      Map<TopicPartition, OffsetSpec> latest = TopicAdmin.latest(admin, topics);
      var ends = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get();
      // A committed transaction writes its markers to its partitions after it commits: until then a
      // partition's committed end stops short of records it already holds. The group's offsets can
      // be visible before that, so a partition with records past its committed end is not done.
      var written = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED)).all().get();
      Map<TopicPartition, String> behind = new TreeMap<>(Comparator.comparing(TopicPartition::toString));
      for (var end : ends.entrySet()) {
        long endOffset = end.getValue().offset();
        long writtenEnd = written.get(end.getKey()).offset();
        OffsetAndMetadata at = committed.get(end.getKey());
        if (writtenEnd > endOffset) {
          behind.put(end.getKey(), "transaction open up to " + writtenEnd + ", committed up to " + endOffset);
        } else if (endOffset > 0 && (at == null || at.offset() < endOffset)) {
          behind.put(end.getKey(), (at == null ? "none" : at.offset()) + "/" + endOffset);
        }
      }
      return behind;
    } catch (ExecutionException e) {
      throw new ClusterException("cannot read offsets: " + e.getCause().getMessage(), e.getCause());
    }
  }
}
