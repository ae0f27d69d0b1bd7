package io.narrowcast.topology;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Reads the record timestamp that producers set to the event time. The decode step re-stamps each
 * record with the time inside the event, so this only has to keep a foreign record with no valid
 * timestamp from stopping the application: it falls back to the partition's time.
 */
public final class EventTimestamps implements TimestampExtractor {
  @Override
  public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
    return record.timestamp() >= 0 ? record.timestamp() : Math.max(0, partitionTime);
  }
}
