package io.narrowcast.topics;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/**
 * The partition Kafka's default partitioner gives a record keyed {@code key}: the detector checks
 * that an event lies where its domain's other events lie, and ingest places events by registered
 * domain. This is the one use of Kafka's internal {@code Utils}; {@code PartitionsTest} compares it
 * with a real producer's choice, so an upgrade that changes either fails there.
 */
public final class Partitions {
  private Partitions() {}

  /** The partition of {@code partitions} that the default partitioner picks for the string key {@code key}. */
  public static int forKey(String key, int partitions) {
    return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
  }
}
