package io.narrowcast.report;

import io.narrowcast.avro.DnsEvent;
import io.narrowcast.ingest.InvalidRecordException;
import io.narrowcast.normalize.EventNormalizer;
import io.narrowcast.runtime.ClusterException;
import io.narrowcast.topics.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Where a report's per-source counts come from: dns.events itself, read again from the first event
 * time a report needs to the end of the topic, each event normalized as the detector does it (so
 * sources and names mean what they meant in the alert). The querier-sets store cannot serve: it
 * keeps only the windows of one baseline, and an alert's baseline is long gone by the time it is
 * closed. The topic's retention therefore bounds how far back a report can look; a replay has all.
 */
public final class LookupHistory {
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);

  private LookupHistory() {}

  /**
   * Counts the lookups of {@code names} on dns.events from event time {@code from} on.
   *
   * @param names the domains, as the detector keys them
   * @param windowMs the detector's window, for the counts per window
   * @throws ClusterException when dns.events cannot be read
   */
  public static LookupCounts read(Map<String, Object> clientConfig, Set<String> names, long from, long windowMs,
      EventNormalizer normalizer) {
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    LookupCounts counts = new LookupCounts(windowMs);
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(Topics.EVENTS.name(), METADATA_TIMEOUT).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, METADATA_TIMEOUT);
      Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(
          partitions.stream().collect(Collectors.toMap(p -> p, p -> from)), METADATA_TIMEOUT);
      partitions.forEach(p -> consumer.seek(p, starts.get(p) == null ? ends.get(p) : starts.get(p).offset()));
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
          count(record, names, from, normalizer, counts);
        }
      }
    } catch (KafkaException e) {
      throw new ClusterException("cannot read " + Topics.EVENTS.name() + ": " + e.getMessage(), e);
    }
    return counts;
  }

  /** Ticks, unreadable and invalid records are what the detector skipped too. */
  private static void count(ConsumerRecord<String, byte[]> record, Set<String> names, long from,
      EventNormalizer normalizer, LookupCounts counts) {
    if (record.value() == null || record.timestamp() < from) {
      return;
    }
    try {
      DnsEvent event = normalizer.normalize(Topics.EVENTS.valueSerde().deserializer().deserialize(record.topic(), record.value()));
      String domain = normalizer.domainKey(event);
      if (names.contains(domain)) {
        counts.add(domain, event.getSourceIp(), event.getEventTime().toEpochMilli());
      }
    } catch (SerializationException | InvalidRecordException e) {
      // a dead letter for the detector, nothing to count here
    }
  }
}
