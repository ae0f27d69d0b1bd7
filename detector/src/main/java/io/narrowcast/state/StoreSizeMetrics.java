package io.narrowcast.state;

import java.util.Map;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.Value;
import org.apache.kafka.streams.StreamsMetrics;
import org.apache.kafka.streams.processor.StateStoreContext;

/**
 * A heap store's size in Kafka Streams' metrics, under the names RocksDB stores report theirs
 * ({@code estimate-num-keys}, {@code total-sst-files-size}), so that the detector's store gauges
 * read every store alike. Recorded at each commit.
 */
final class StoreSizeMetrics {
  private static final String GROUP = "stream-state-metrics";
  private final StreamsMetrics metrics;
  private final Sensor keys;
  private final Sensor diskBytes;

  StoreSizeMetrics(StateStoreContext context, String store) {
    this.metrics = context.metrics();
    Map<String, String> tags = Map.of("thread-id", Thread.currentThread().getName(), "task-id",
        context.taskId().toString(), "heap-state-id", store);
    String prefix = "narrowcast-heap-store." + context.taskId() + "." + store;
    this.keys = sensor(prefix + ".keys", new MetricName("estimate-num-keys", GROUP,
        "Entries of a heap store (domains and windows, or names)", tags));
    this.diskBytes = sensor(prefix + ".disk", new MetricName("total-sst-files-size", GROUP,
        "Bytes a heap store keeps on local disk (closed windows)", tags));
  }

  private Sensor sensor(String name, MetricName metric) {
    Sensor sensor = metrics.addSensor(name, Sensor.RecordingLevel.INFO);
    sensor.add(metric, new Value());
    return sensor;
  }

  void record(long entries, long bytesOnDisk) {
    keys.record(entries);
    diskBytes.record(bytesOnDisk);
  }

  void close() {
    metrics.removeSensor(keys);
    metrics.removeSensor(diskBytes);
  }
}
