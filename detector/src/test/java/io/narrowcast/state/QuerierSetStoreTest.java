package io.narrowcast.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The querier-set store through Kafka Streams' commit (TopologyTestDriver commits after every record):
 * what it sends to its changelog, and what a restore of that changelog, or of what compaction
 * leaves of it, brings back.
 *
 * <p>The checkpoint is written through the pre-commit flush, Kafka Streams' internal
 * {@code CachedStateStore.flushCache}. If the first test fails after a Kafka upgrade (no chunk per
 * commit), find what Kafka Streams now calls on a store before it commits (ProcessorStateManager.flushCache
 * in 4.4) and checkpoint from there: without it, a restore loses every lookup since the window opened.
 */
class QuerierSetStoreTest {
  static final long DAY = Duration.ofDays(1).toMillis();
  static final long DAY0 = Instant.parse("2016-04-01T00:00:00Z").toEpochMilli();
  /** Three windows and a bit: a window is read for as long as it starts after the newest less this. */
  static final Duration RETENTION = Duration.ofDays(3).plusMinutes(10);
  static final String STORE = "querier-sets";

  @TempDir
  Path dir;

  /** Commands, one a record: "add DOMAIN DAY SOURCE", "close DAY". */
  static final class Commands implements Processor<String, String, Void, Void> {
    private QuerierSetStore store;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
      store = QuerierSetStore.of(context.getStateStore(STORE));
    }

    @Override
    public void process(Record<String, String> record) {
      String[] words = record.value().split(" ");
      if (words[0].equals("add")) {
        long start = DAY0 + Long.parseLong(words[2]) * DAY;
        store.forUpdate(words[1], start, 4).add(words[3], start + 1, Outcome.ANSWERED, List.of());
      } else {
        store.close(DAY0 + Long.parseLong(words[1]) * DAY);
      }
    }
  }

  /** What the store last reported as its entries and bytes on disk, after {@link #run}. */
  private final Map<String, Object> reported = new HashMap<>();

  /** Runs the commands, committing after each; returns every changelog record sent. */
  private ChunkedMapTest.Topic run(String... commands) {
    Topology topology = new Topology();
    topology.addSource("in", Serdes.String().deserializer(), Serdes.String().deserializer(), "commands");
    topology.addProcessor("commands", Commands::new, "in");
    topology.addStateStore(QuerierSetStore.builder(STORE, Duration.ofDays(1), RETENTION), "commands");
    Properties config = new Properties();
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, "store-test");
    config.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("driver").toString());
    ChunkedMapTest.Topic topic = new ChunkedMapTest.Topic();
    try (TopologyTestDriver driver = new TopologyTestDriver(topology, config)) {
      TestInputTopic<String, String> in = driver.createInputTopic("commands", Serdes.String().serializer(), Serdes.String().serializer());
      for (String command : commands) {
        in.pipeInput("", command);
      }
      driver.metrics().forEach((name, metric) -> {
        if (STORE.equals(name.tags().get("heap-state-id"))) {
          reported.put(name.name(), metric.metricValue());
        }
      });
      for (TestRecord<byte[], byte[]> record : driver.createOutputTopic("store-test-" + STORE + "-changelog",
          Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer()).readRecordsToList()) {
        topic.send(record.key(), record.value());
      }
    }
    return topic;
  }

  /** A new store, restored from {@code records}. */
  private QuerierSetStore restored(List<ChunkedMapTest.Topic.Entry> records) {
    QuerierSetStore store = (QuerierSetStore) QuerierSetStore.builder(STORE, Duration.ofDays(1), RETENTION)
        .withLoggingDisabled().build();
    Path stateDir = dir.resolve("restored-" + System.nanoTime());
    store.init(new MockProcessorContext<>(new Properties(), new TaskId(0, 0), stateDir.toFile()).getStateStoreContext(), store);
    records.forEach(record -> store.restore(record.key(), record.value()));
    return store;
  }

  private static List<SourceCount> sources(QuerierSetStore store, String domain, int day) {
    QuerierSet set = store.fetch(domain, DAY0 + day * DAY);
    return set == null ? null : set.sourceCounts();
  }

  @Test
  void everyCommitCheckpointsTheSetsThatChangedAndARestoreReadsThemBack() {
    ChunkedMapTest.Topic topic = run("add a.example 0 10.0.0.1", "add a.example 0 10.0.0.2", "add b.example 0 10.0.0.3",
        "add a.example 1 10.0.0.1");
    assertThat(topic.sent()).as("one chunk per commit, written by the pre-commit flush").isEqualTo(4);
    QuerierSetStore store = restored(topic.records);
    assertThat(store.openWindows()).containsExactly(DAY0, DAY0 + DAY);
    assertThat(sources(store, "a.example", 0)).containsExactly(new SourceCount("10.0.0.1", 1), new SourceCount("10.0.0.2", 1));
    assertThat(sources(store, "b.example", 0)).containsExactly(new SourceCount("10.0.0.3", 1));
    assertThat(sources(store, "a.example", 1)).containsExactly(new SourceCount("10.0.0.1", 1));
    assertThat(domains(store.closing(DAY0))).containsExactly("a.example 2", "b.example 1");
    assertThat(domains(restored(topic.compacted()).closing(DAY0))).containsExactly("a.example 2", "b.example 1");
  }

  @Test
  void aClosedWindowGoesToTheHistoryOnceAndItsOpenChunksAreTombstoned() {
    ChunkedMapTest.Topic topic = run("add b.example 0 10.0.0.3", "add a.example 0 10.0.0.1", "add a.example 0 10.0.0.2",
        "close 0", "add a.example 1 10.0.0.9");
    List<ChunkedMapTest.Topic.Entry> compacted = topic.compacted();
    assertThat(compacted).as("the closed window's snapshot and the open window's chunk").hasSize(2);
    assertThat(reported).as("the store's size, in the metrics RocksDB stores report theirs under")
        .containsEntry("estimate-num-keys", 3.0).hasEntrySatisfying("total-sst-files-size",
            bytes -> assertThat((Double) bytes).isPositive());
    for (List<ChunkedMapTest.Topic.Entry> records : List.of(topic.records, compacted)) {
      QuerierSetStore store = restored(records);
      assertThat(store.openWindows()).containsExactly(DAY0 + DAY);
      assertThat(sources(store, "a.example", 0)).containsExactly(new SourceCount("10.0.0.1", 1), new SourceCount("10.0.0.2", 1));
      assertThat(sources(store, "b.example", 0)).containsExactly(new SourceCount("10.0.0.3", 1));
      assertThat(sources(store, "c.example", 0)).isNull();
      List<Long> starts = new ArrayList<>();
      store.fetch("a.example", DAY0 - DAY, DAY0 + DAY).forEachRemaining(entry -> starts.add(entry.key));
      assertThat(starts).containsExactly(DAY0, DAY0 + DAY);
    }
  }

  @Test
  void closedWindowsAreKeptForTheRetentionThenTombstoned() {
    ChunkedMapTest.Topic topic = run("add a.example 0 10.0.0.1", "close 0", "add a.example 1 10.0.0.1", "close 1",
        "add a.example 3 10.0.0.1", "add a.example 4 10.0.0.1");
    for (List<ChunkedMapTest.Topic.Entry> records : List.of(topic.records, topic.compacted())) {
      QuerierSetStore store = restored(records);
      assertThat(sources(store, "a.example", 0)).as("day 0 starts more than the retention before day 4").isNull();
      assertThat(sources(store, "a.example", 1)).isNotNull();
      assertThat(windows(store)).containsExactly("a.example@1", "a.example@3", "a.example@4");
    }
    assertThat(topic.compacted()).as("day 0's snapshot is tombstoned")
        .noneMatch(record -> record.key()[0] == 2 && ByteBuffer.wrap(record.key(), 1, 8).getLong() == DAY0);
  }

  @Test
  void aSnapshotOfAClosedWindowWithoutItsLastChunkIsIgnored() {
    ChunkedMapTest.Topic topic = run("add a.example 0 10.0.0.1", "close 0");
    // a writer without transactions that stopped after the snapshot's first chunk: its last never came,
    // nor the tombstones of the open chunks that follow it
    List<ChunkedMapTest.Topic.Entry> crashed = new ArrayList<>();
    for (ChunkedMapTest.Topic.Entry record : topic.records) {
      if (record.key()[0] == 2) {
        byte[] notLast = record.value().clone();
        notLast[1] = Chunks.SNAPSHOT;
        crashed.add(new ChunkedMapTest.Topic.Entry(record.key(), notLast));
      } else if (record.value() != null) {
        crashed.add(record);
      }
    }
    QuerierSetStore store = restored(crashed);
    assertThat(store.openWindows()).as("still open: its close never completed").containsExactly(DAY0);
    assertThat(sources(store, "a.example", 0)).containsExactly(new SourceCount("10.0.0.1", 1));

    // closed again: the unfinished snapshot's file gives way to the new one's
    store.close(DAY0);
    assertThat(store.openWindows()).isEmpty();
    assertThat(sources(store, "a.example", 0)).containsExactly(new SourceCount("10.0.0.1", 1));
  }

  @Test
  void theRocksDbStoresChangelogIsReadAndItsHandledWindowsGoToTheHistory() {
    QuerierSet set = new QuerierSet(4);
    set.add("10.0.0.1", DAY0 + 5, Outcome.ANSWERED, List.of());
    List<ChunkedMapTest.Topic.Entry> former = List.of(
        new ChunkedMapTest.Topic.Entry(windowKey("a.example", DAY0, 0), set.toBytes()),
        new ChunkedMapTest.Topic.Entry(windowKey("a.example", DAY0 + DAY, 0), set.toBytes()));
    QuerierSetStore store = restored(former);
    assertThat(store.openWindows()).containsExactly(DAY0, DAY0 + DAY);
    store.closeBefore(DAY0 + DAY);
    assertThat(store.openWindows()).containsExactly(DAY0 + DAY);
    assertThat(sources(store, "a.example", 0)).containsExactly(new SourceCount("10.0.0.1", 1));
    assertThat(windows(store)).containsExactly("a.example@0", "a.example@1");
  }

  @Test
  void opensWhereTheRocksDbStoreOfAnEarlierBuildLeftItsSegments() throws Exception {
    Path stateDir = dir.resolve("upgraded");
    Path segment = Files.createDirectories(stateDir.resolve("0_0").resolve(STORE).resolve(STORE + ".1459468800000"));
    Files.writeString(segment.resolve("000012.sst"), "rocksdb");
    QuerierSetStore store = (QuerierSetStore) QuerierSetStore.builder(STORE, Duration.ofDays(1), RETENTION)
        .withLoggingDisabled().build();
    store.init(new MockProcessorContext<>(new Properties(), new TaskId(0, 0), stateDir.resolve("0_0").toFile())
        .getStateStoreContext(), store);
    assertThat(segment).doesNotExist();
    assertThat(store.isOpen()).isTrue();
  }

  @Test
  void otherThreadsReadWhatTheLastCheckpointHeld() throws Exception {
    QuerierSetStore store = restored(run("add a.example 0 10.0.0.1").records);
    store.forUpdate("a.example", DAY0, 4).add("10.0.0.2", DAY0 + 1, Outcome.ANSWERED, List.of());
    assertThat(sources(store, "a.example", 0)).as("the stream thread sees its change").hasSize(2);
    List<List<SourceCount>> seen = new ArrayList<>();
    Thread query = new Thread(() -> seen.add(sources(store, "a.example", 0)));
    query.start();
    query.join();
    assertThat(seen).containsExactly(List.of(new SourceCount("10.0.0.1", 1)));

    // closing takes the set as changed since the checkpoint, and the history keeps it so
    assertThat(domains(store.closing(DAY0))).containsExactly("a.example 2");
    store.close(DAY0);
    Thread after = new Thread(() -> seen.add(sources(store, "a.example", 0)));
    after.start();
    after.join();
    assertThat(seen.get(1)).hasSize(2);
  }

  private static List<String> domains(QuerierSetStore.Closing closing) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < closing.size(); i++) {
      out.add(closing.domain(i) + " " + closing.set(i).queries());
    }
    return out;
  }

  private static List<String> windows(QuerierSetStore store) {
    List<String> out = new ArrayList<>();
    try (KeyValueIterator<Windowed<String>, QuerierSet> all = store.all()) {
      all.forEachRemaining(entry -> out.add(entry.key.key() + "@" + (entry.key.window().start() - DAY0) / DAY));
    }
    return out;
  }

  private static byte[] windowKey(String domain, long start, int sequence) {
    byte[] name = domain.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(name.length + 12).put(name).putLong(start).putInt(sequence).array();
  }
}
