package io.narrowcast.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.narrowcast.avro.DnsEvent;
import io.narrowcast.config.DetectionConfig;
import io.narrowcast.embedded.EmbeddedKafka;
import io.narrowcast.embedded.TestBroker;
import io.narrowcast.metrics.DetectorMetrics;
import io.narrowcast.normalize.EventNormalizer;
import io.narrowcast.runtime.CatchUp;
import io.narrowcast.runtime.ClusterException;
import io.narrowcast.runtime.StreamsSettings;
import io.narrowcast.simulate.AlfaScenario;
import io.narrowcast.simulate.BackgroundOptions;
import io.narrowcast.topology.DetectorTopology;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Item 6 of issue 8: 60 simulated days (the case's first two months in a background of 2,000 names)
 * through the detector, looked at every 20 days. The windowed store holds exactly the windows of one
 * retention (baseline, current window and grace: 16 days), whatever the history; the lifecycle store
 * holds exactly the names seen within --lifecycle-ttl. Logs the stores' sizes and the disk use.
 *
 * <p>The record cache is off here, so that interactive queries see the RocksDB stores as they are:
 * the cache (bounded by its own size) keeps serving windows past the retention until it evicts them.
 */
@Tag("reliability")
class BoundedStateIT {
  private static final Logger LOG = LoggerFactory.getLogger(BoundedStateIT.class);
  private static final String APPLICATION_ID = "narrowcast-bounded";
  private static final int DAYS = 60;
  private static final int CHECKPOINT_DAYS = 20;
  /** Windows in the store at any time: the retention (15 days and 10 minutes) in whole days, rounded up. */
  private static final int RETAINED_WINDOWS = 16;
  private static final Instant FIRST_DAY = Instant.parse("2016-01-01T00:00:00Z");
  /** The defaults, except that names are forgotten after 30 days, so that 60 days show it. */
  private static final DetectionConfig CONFIG = DetectionConfig.builder().lifecycleTtl(Duration.ofDays(30)).build();
  private static final EventNormalizer NAMES = new EventNormalizer(CONFIG.sourceGranularity(), CONFIG.domainGranularity());
  /** Expired names are deleted by a scan that runs a few times per TTL, so they may outstay it by that much. */
  private static final long EXPIRY_SCAN_INTERVAL = CONFIG.expiryScanIntervalMs();
  private static final Duration CATCH_UP_TIMEOUT = Duration.ofMinutes(4);

  @TempDir
  Path work;

  /** A (domain, window) of the windowed store, ordered by window, then domain. */
  record DomainWindow(String domain, long start) implements Comparable<DomainWindow> {
    private static final Comparator<DomainWindow> ORDER =
        Comparator.comparingLong(DomainWindow::start).thenComparing(DomainWindow::domain);

    @Override
    public int compareTo(DomainWindow other) {
      return ORDER.compare(this, other);
    }
  }

  @Test
  void theStoresHoldOneRetentionOfWindowsAndTheNamesOfTheLifecycleTtl() throws Exception {
    List<DnsEvent> events = firstDays(DAYS);
    Path stateDir = work.resolve("state");
    try (EmbeddedKafka kafka = TestBroker.startWithTopics(work.resolve("broker"));
        Admin admin = Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
        Feed feed = new Feed(kafka.bootstrapServers())) {
      KafkaStreams streams = new KafkaStreams(DetectorTopology.build(CONFIG, Feed.ONE_PARTITION, new DetectorMetrics()),
          StreamsSettings.detector(APPLICATION_ID, kafka.bootstrapServers(), stateDir,
              Map.of(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0)));
      try {
        streams.start();
        for (int day = CHECKPOINT_DAYS; day <= DAYS; day += CHECKPOINT_DAYS) {
          long from = dayStart(day - CHECKPOINT_DAYS);
          long to = dayStart(day);
          feed.events(between(events, from, to));
          feed.closeLastWindows(CONFIG);
          CatchUp.await(admin, APPLICATION_ID, CatchUp.detectorInputs(APPLICATION_ID), CATCH_UP_TIMEOUT, () -> running(streams));

          List<DnsEvent> history = between(events, 0, to);
          Set<DomainWindow> windows = windows(streams);
          Set<String> names = names(streams);
          assertThat(windows).extracting(DomainWindow::start).containsOnly(
              LongStream.range(day - RETAINED_WINDOWS, day).mapToObj(d -> dayStart((int) d)).toArray(Long[]::new));
          assertThat(windows).isEqualTo(retainedWindows(history));
          // every name of the TTL is kept; an expired one at most until the next expiry scan
          assertThat(names).containsAll(namesSeenSince(history, to - CONFIG.lifecycleTtl().toMillis()));
          assertThat(namesSeenSince(history, to - CONFIG.lifecycleTtl().toMillis() - EXPIRY_SCAN_INTERVAL)).containsAll(names);
          LOG.info("day {}: querier-sets {} windows of {} in the history; domain-lifecycle {} names of {}; RocksDB bytes "
              + "(memtables + SST files) {}", day, windows.size(), domainWindows(history).size(), names.size(),
              namesSeenSince(history, 0).size(), rocksDbBytes(streams));
        }
      } finally {
        streams.close();
      }
      // the case's first two months hold no anomaly: its collapse starts in May
      assertThat(AlertTopics.read(kafka.bootstrapServers()).alerts()).as("alerts").isEmpty();
      LOG.info("day {}: state directory after a clean close: {} bytes", DAYS, bytes(stateDir));
    }
  }

  /** Every (domain, window) the events fall in. */
  private static Set<DomainWindow> domainWindows(List<DnsEvent> events) {
    Set<DomainWindow> out = new TreeSet<>();
    events.forEach(e -> out.add(new DomainWindow(NAMES.domainKey(e), CONFIG.windowStart(e.getEventTime().toEpochMilli()))));
    return out;
  }

  /** The windows Kafka Streams keeps: those starting less than the retention before the latest window. */
  private static Set<DomainWindow> retainedWindows(List<DnsEvent> history) {
    Set<DomainWindow> all = domainWindows(history);
    long latest = all.stream().mapToLong(DomainWindow::start).max().orElseThrow();
    Set<DomainWindow> out = new TreeSet<>();
    all.stream().filter(w -> w.start() > latest - CONFIG.retention().toMillis()).forEach(out::add);
    return out;
  }

  /** The names whose last lookup came at or after {@code since}: the sweep at the end keeps them. */
  private static Set<String> namesSeenSince(List<DnsEvent> history, long since) {
    Map<String, Long> lastSeen = new HashMap<>();
    history.forEach(e -> lastSeen.merge(NAMES.domainKey(e), e.getEventTime().toEpochMilli(), Math::max));
    Set<String> out = new TreeSet<>();
    lastSeen.forEach((name, last) -> {
      if (last >= since) {
        out.add(name);
      }
    });
    return out;
  }

  private static Set<DomainWindow> windows(KafkaStreams streams) {
    Set<DomainWindow> out = new TreeSet<>();
    try (var all = streams.store(StoreQueryParameters.fromNameAndType(DetectorTopology.QUERIER_SETS_STORE,
        QueryableStoreTypes.<String, Object>windowStore())).all()) {
      all.forEachRemaining(entry -> out.add(new DomainWindow(entry.key.key(), entry.key.window().start())));
    }
    return out;
  }

  private static Set<String> names(KafkaStreams streams) {
    Set<String> out = new TreeSet<>();
    try (var all = streams.store(StoreQueryParameters.fromNameAndType(DetectorTopology.DOMAIN_LIFECYCLE_STORE,
        QueryableStoreTypes.<String, Object>keyValueStore())).all()) {
      all.forEachRemaining(entry -> out.add(entry.key));
    }
    return out;
  }

  /** Per store, what RocksDB holds in memtables and SST files (the data goes to disk as memtables fill or at close). */
  private static Map<String, Long> rocksDbBytes(KafkaStreams streams) {
    Map<String, Long> out = new TreeMap<>();
    streams.metrics().forEach((name, metric) -> {
      String store = name.tags().entrySet().stream().filter(t -> t.getKey().endsWith("state-id")).map(Map.Entry::getValue)
          .findFirst().orElse(null);
      if (store != null && (name.name().equals("size-all-mem-tables") || name.name().equals("total-sst-files-size"))
          && metric.metricValue() instanceof Number value) {
        out.merge(store, value.longValue(), Long::sum);
      }
    });
    return out;
  }

  private static long bytes(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean running(KafkaStreams streams) {
    KafkaStreams.State state = streams.state();
    if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING) {
      throw new ClusterException("Kafka Streams is " + state);
    }
    return true;
  }

  private static List<DnsEvent> between(List<DnsEvent> events, long from, long to) {
    return events.stream().filter(e -> e.getEventTime().toEpochMilli() >= from && e.getEventTime().toEpochMilli() < to).toList();
  }

  private static long dayStart(int day) {
    return FIRST_DAY.plus(Duration.ofDays(day)).toEpochMilli();
  }

  private static List<DnsEvent> firstDays(int days) {
    List<DnsEvent> events = new ArrayList<>();
    long end = dayStart(days);
    new AlfaScenario(11, new BackgroundOptions(2_000, 3_000, 2_000)).generate(event -> {
      if (event.getEventTime().toEpochMilli() < end) {
        events.add(event);
      }
    });
    return events;
  }
}
