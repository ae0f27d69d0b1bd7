package io.narrowcast.runtime;

import io.narrowcast.state.BoundedRocksDb;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/** The Kafka Streams configuration the detector runs with. */
public final class StreamsSettings {
  /** Record cache for the stores: absorbs repeated updates of hot windows between commits. */
  public static final long DEFAULT_CACHE_BYTES = 32L * 1024 * 1024;
  /** Commit interval: the latency of alerts under exactly-once, and how often the cache flushes. */
  public static final long DEFAULT_COMMIT_MS = 1_000;
  static final int PRODUCER_BATCH_BYTES = 128 * 1024;
  /**
   * Most bytes a fetch asks for, of all its partitions and of each. A response is read into one
   * array; at Kafka's defaults (1 MB a partition) that array is half a G1 region or more for any
   * heap under 4 GB, a humongous object allocated outside the young generation, and at full rate
   * hundreds a minute of them start concurrent marks of the whole heap. Under 512 KB, half the
   * smallest region, it is ordinary garbage; a broker still returns a larger batch whole.
   */
  static final int FETCH_BYTES = 448 * 1024;

  private StreamsSettings() {}

  /**
   * Exactly-once (v2) processing, state under {@code stateDir}, plus {@code overrides} (any Streams,
   * consumer or producer property), which win.
   */
  public static Properties detector(String applicationId, String bootstrapServers, Path stateDir,
      Map<String, ?> overrides) {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, DEFAULT_COMMIT_MS);
    p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, DEFAULT_CACHE_BYTES);
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
    // A poll's records are processed inside one transaction: keep batches small and the transaction
    // timeout well above the slowest batch (closing many windows at once), or the broker aborts the
    // transaction, the task is fenced and its input is processed again.
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 500);
    p.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG), 60_000);
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MAX_BYTES_CONFIG), FETCH_BYTES);
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG), FETCH_BYTES);
    // Changelogs take a record per state write: larger batches mean fewer produce requests for the
    // broker and fewer wake-ups of the producer's sender thread per record.
    p.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), PRODUCER_BATCH_BYTES);
    p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
    // The aggregating task reads dns.events and the re-key topic, one of which is nearly always
    // empty (the re-key topic by name, dns.events but for ticks by registered domain). Waiting to
    // line up their timestamps stalls the task when the empty one's lag is unknown; windows and
    // grace already absorb the small disorder that processing them as they come can cause.
    p.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
    p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDb.class);
    p.putAll(overrides);
    BoundedRocksDb.budget(p.get(BoundedRocksDb.MEMORY_CONFIG)); // a bad budget fails here, not in a stream thread
    return p;
  }
}
