package io.narrowcast.bench;

import io.narrowcast.avro.DnsEvent;
import io.narrowcast.config.DetectionConfig;
import io.narrowcast.metrics.DetectorMetrics;
import io.narrowcast.runtime.StreamsSettings;
import io.narrowcast.topics.Topics;
import io.narrowcast.topology.DetectorTopology;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.apache.kafka.streams.state.WindowStore;

/**
 * One measured stage of the benchmark, run in its own JVM so that its memory is its own: reads the
 * whole of dns.events once and prints a {@link BenchResult} as a JSON line.
 * Arguments: stage (consumer, decode, count, detector, restore), bootstrap servers, expected events, state directory,
 * stream threads of a Streams stage.
 */
public final class BenchStage {
  private static final Duration POLL = Duration.ofMillis(100);
  private static final long SAMPLE_MS = 50;
  /** A stage that processes nothing for this long has stopped: it fails rather than waits forever. */
  private static final Duration STALL = Duration.ofMinutes(2);
  /** Every stage has threads that poll and process the events, its workers: the consumer's is main... */
  private static final Predicate<String> CONSUMER_THREAD = "main"::equals;
  /** ...and Kafka Streams' are its stream threads ("<client id>-StreamThread-N"). */
  private static final Predicate<String> STREAM_THREAD = name -> name.contains("-StreamThread-");

  private BenchStage() {}

  public static void main(String[] args) throws Exception {
    String stage = args[0];
    String bootstrap = args[1];
    long events = Long.parseLong(args[2]);
    Path stateDir = Path.of(args[3]);
    int streamThreads = Integer.parseInt(args[4]);
    PeakHeap heap = new PeakHeap();
    BenchResult result;
    try {
      result = switch (stage) {
        case "consumer" -> consume(bootstrap, events, heap);
        case "decode" -> {
          AtomicLong seen = new AtomicLong();
          yield streams(stage, decodeTopology(seen), seen::get, bootstrap, events, streamThreads, stateDir, heap);
        }
        case "count" -> {
          AtomicLong seen = new AtomicLong();
          yield streams(stage, countTopology(seen), seen::get, bootstrap, events, streamThreads, stateDir, heap);
        }
        case "detector" -> {
          DetectorMetrics metrics = new DetectorMetrics();
          yield streams(stage, DetectorTopology.build(DetectionConfig.defaults(), metrics), metrics::eventsIn,
              bootstrap, events, streamThreads, stateDir, heap);
        }
        case "restore" -> restore(bootstrap, streamThreads, stateDir, heap);
        default -> throw new IllegalArgumentException("unknown stage " + stage);
      };
    } catch (RuntimeException e) {
      // Kafka Streams' threads would keep the JVM alive: exit, so the benchmark sees the failure
      System.err.println("the " + stage + " stage failed: " + e.getMessage());
      System.exit(1);
      return;
    } finally {
      heap.close();
    }
    System.out.println(result.toJson());
    System.exit(0);
  }

  /** (a) The limit of this machine: a bare consumer that reads and decodes every event. */
  private static BenchResult consume(String bootstrap, long events, PeakHeap heap) {
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000),
        new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(Topics.EVENTS.name()).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long count = 0;
      long checksum = 0;
      Span span = null;
      while (count < events) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
          if (span == null && count >= warmUp(events)) {
            span = Span.start(count, CONSUMER_THREAD);
          }
          DnsEvent event = Topics.EVENTS.valueSerde().deserializer().deserialize(record.topic(), record.value());
          checksum += event.getSourceIp().length(); // keep the decode from being optimized away
          count++;
        }
      }
      return span.end("consumer", count + (checksum < 0 ? 1 : 0), heap);
    }
  }

  /**
   * Kafka Streams with no state: every event decoded and counted in memory, exactly-once like the
   * others. Not one of the stages; it shows what Streams itself costs, apart from state.
   */
  static Topology decodeTopology(AtomicLong seen) {
    StreamsBuilder builder = new StreamsBuilder();
    decodedEvents(builder, seen);
    return builder.build();
  }

  /** (b) The floor of any Streams detector: the decoded events counted per name and window, in RocksDB. */
  static Topology countTopology(AtomicLong seen) {
    StreamsBuilder builder = new StreamsBuilder();
    decodedEvents(builder, seen)
        .groupByKey(Grouped.with(Serdes.String(), Topics.EVENTS.valueSerde()))
        .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofDays(1), Duration.ofMinutes(10)))
        .count(Materialized.<String, Long, WindowStore<Bytes, byte[]>>as("bench-counts")
            .withRetention(DetectionConfig.defaults().retention()));
    return builder.build();
  }

  private static KStream<String, DnsEvent> decodedEvents(StreamsBuilder builder, AtomicLong seen) {
    return builder.stream(Topics.EVENTS.name(),
            Consumed.with(Serdes.String(), Topics.EVENTS.valueSerde()).withName("events-in"))
        .peek((key, value) -> seen.incrementAndGet(), Named.as("seen"));
  }

  private static BenchResult streams(String stage, Topology topology, LongSupplier processed, String bootstrap,
      long events, int streamThreads, Path stateDir, PeakHeap heap) throws InterruptedException, IOException {
    KafkaStreams streams = new KafkaStreams(topology, settings(stage, bootstrap, streamThreads, stateDir));
    streams.start();
    Span span = null;
    long lastDone = -1;
    long lastProgress = System.nanoTime();
    while (processed.getAsLong() < events) {
      if (streams.state() == KafkaStreams.State.ERROR || streams.state() == KafkaStreams.State.NOT_RUNNING) {
        throw new IllegalStateException(stage + " stopped: " + streams.state());
      }
      long done = processed.getAsLong();
      if (done != lastDone) {
        lastDone = done;
        lastProgress = System.nanoTime();
      } else if (System.nanoTime() - lastProgress > STALL.toNanos()) {
        throw new IllegalStateException(stage + " stalled: " + done + " of " + events + " events, none for " + STALL);
      }
      if (span == null && done >= warmUp(events)) {
        span = Span.start(done, STREAM_THREAD);
      }
      Thread.sleep(1);
    }
    BenchResult measured = span.end(stage, processed.getAsLong(), heap);
    int ran = streams.metadataForLocalThreads().size();
    streams.close(Duration.ofMinutes(2));
    if (ran != streamThreads) {
      throw new IllegalStateException(stage + " ran " + ran + " stream threads, not the " + streamThreads + " asked for");
    }
    return measured;
  }

  /** The detector's settings, with the stream threads asked for: every Streams stage runs as the detector would. */
  private static Properties settings(String stage, String bootstrap, int streamThreads, Path stateDir) {
    return StreamsSettings.detector(applicationId(stage), bootstrap, stateDir,
        Map.of(StreamsConfig.NUM_STREAM_THREADS_CONFIG, streamThreads));
  }

  /**
   * A new instance of the detector stage's application with an empty state directory: what a restart
   * after a kill -9 restores under exactly-once (the local state is dropped), or a task moved to
   * another machine. From its start until every store of its tasks is restored and it runs; events
   * are the changelog records restored.
   */
  private static BenchResult restore(String bootstrap, int streamThreads, Path stateDir, PeakHeap heap)
      throws InterruptedException {
    KafkaStreams streams = new KafkaStreams(DetectorTopology.build(DetectionConfig.defaults(), new DetectorMetrics()),
        settings("detector", bootstrap, streamThreads, stateDir));
    Restores restores = new Restores();
    streams.setGlobalStateRestoreListener(restores);
    long startedMs = System.currentTimeMillis();
    long startedNanos = System.nanoTime();
    long startedCpuNanos = processCpuNanos();
    streams.start();
    try {
      while (!(streams.state() == KafkaStreams.State.RUNNING && restores.done())) {
        if (streams.state() == KafkaStreams.State.ERROR || streams.state() == KafkaStreams.State.NOT_RUNNING) {
          throw new IllegalStateException("the restore stopped: " + streams.state());
        }
        if (System.nanoTime() - startedNanos > STALL.toNanos() * 5) {
          throw new IllegalStateException("the restore did not end in " + STALL.multipliedBy(5));
        }
        Thread.sleep(10);
      }
      // seconds from the start, the worker's share: the state updater's, from the first restore to the last
      double seconds = (System.nanoTime() - startedNanos) / 1e9;
      return new BenchResult("restore", restores.records.get(), seconds, heap.peak(), peakRss(), 0,
          (processCpuNanos() - startedCpuNanos) / 1e9, 0, 0, restores.seconds(), startedMs, System.currentTimeMillis(), 0, 0);
    } finally {
      streams.close(Duration.ofMinutes(2));
    }
  }

  /** Counts the changelog partitions being restored and the records restored. */
  private static final class Restores implements StateRestoreListener {
    private final AtomicLong started = new AtomicLong();
    private final AtomicLong ended = new AtomicLong();
    private final AtomicLong records = new AtomicLong();
    private final LongAccumulator firstStart = new LongAccumulator(Math::min, Long.MAX_VALUE);
    private final LongAccumulator lastEnd = new LongAccumulator(Math::max, Long.MIN_VALUE);

    /** From the first restore's start to the last one's end. */
    double seconds() {
      return Math.max(0, lastEnd.get() - firstStart.get()) / 1e9;
    }

    /** Every restore that started has ended, and one did: a detector that ran has state to restore. */
    boolean done() {
      long begun = started.get();
      return begun > 0 && ended.get() == begun;
    }

    @Override
    public void onRestoreStart(TopicPartition partition, String store, long startingOffset, long endingOffset) {
      firstStart.accumulate(System.nanoTime());
      started.incrementAndGet();
    }

    @Override
    public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long numRestored) {
      records.addAndGet(numRestored);
    }

    @Override
    public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
      lastEnd.accumulate(System.nanoTime());
      ended.incrementAndGet();
    }
  }

  /**
   * Events not measured: the first fifth, while the JIT compiles the hot paths (the compiler
   * threads take a third of the detector's CPU in its first million events) and Kafka Streams starts.
   */
  static long warmUp(long events) {
    return events / 5;
  }

  /** From the end of the warm-up: events, wall clock, and CPU time of this whole process and of its threads by part. */
  private record Span(long startedAtEvents, long startedAtMs, long startedNanos, long startedCpuNanos,
      Predicate<String> worker, double startedWorkerSeconds, double startedJitSeconds, double startedGcSeconds) {
    static Span start(long events, Predicate<String> worker) {
      return new Span(events, System.currentTimeMillis(), System.nanoTime(), processCpuNanos(), worker,
          ThreadCpu.javaSeconds(worker), ThreadCpu.jitSeconds(), ThreadCpu.gcSeconds());
    }

    BenchResult end(String stage, long eventsNow, PeakHeap heap) {
      long events = eventsNow - startedAtEvents;
      double seconds = (System.nanoTime() - startedNanos) / 1e9;
      double cpuSeconds = (processCpuNanos() - startedCpuNanos) / 1e9;
      // a thread that ended meanwhile takes its time with it: a part never goes below none
      double workerSeconds = Math.max(0, ThreadCpu.javaSeconds(worker) - startedWorkerSeconds);
      double jitSeconds = Math.max(0, ThreadCpu.jitSeconds() - startedJitSeconds);
      double gcSeconds = Math.max(0, ThreadCpu.gcSeconds() - startedGcSeconds);
      return new BenchResult(stage, events, seconds, heap.peak(), peakRss(), 0, cpuSeconds, jitSeconds, gcSeconds,
          workerSeconds, startedAtMs, System.currentTimeMillis(), 0, 0);
    }
  }

  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  static String applicationId(String stage) {
    return "bench-" + stage;
  }

  /** Peak resident set size of this process, from /proc (0 where there is none). */
  static long peakRss() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
    return 0;
  }

  /** Samples the heap in use every few milliseconds and keeps the largest value. */
  private static final class PeakHeap implements AutoCloseable {
    private final LongAccumulator peak = new LongAccumulator(Math::max, 0);
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "heap-sampler");
      thread.setDaemon(true);
      return thread;
    });

    PeakHeap() {
      var memory = ManagementFactory.getMemoryMXBean();
      sampler.scheduleAtFixedRate(() -> peak.accumulate(memory.getHeapMemoryUsage().getUsed()), 0, SAMPLE_MS,
          TimeUnit.MILLISECONDS);
    }

    long peak() {
      return peak.get();
    }

    @Override
    public void close() {
      sampler.shutdownNow();
    }
  }
}
