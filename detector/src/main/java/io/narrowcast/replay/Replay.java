package io.narrowcast.replay;

import io.narrowcast.avro.Alert;
import io.narrowcast.embedded.EmbeddedKafka;
import io.narrowcast.ingest.FileIngestor;
import io.narrowcast.ingest.IngestSummary;
import io.narrowcast.ingest.KafkaEventSink;
import io.narrowcast.metrics.DetectorMetrics;
import io.narrowcast.privacy.Scratch;
import io.narrowcast.report.Reports;
import io.narrowcast.runtime.AlertMessage;
import io.narrowcast.runtime.AlertTail;
import io.narrowcast.runtime.CatchUp;
import io.narrowcast.runtime.ClusterException;
import io.narrowcast.runtime.StreamsSettings;
import io.narrowcast.runtime.TopicReader;
import io.narrowcast.runtime.TopicAdmin;
import io.narrowcast.topics.Control;
import io.narrowcast.topics.DeadLetter;
import io.narrowcast.topics.Topics;
import io.narrowcast.topology.DetectorTopology;
import io.narrowcast.topology.TopologyOptions;
import io.narrowcast.config.DetectionConfig;
import io.narrowcast.ingest.Format;
import io.narrowcast.ingest.JsonlEventWriter;
import io.narrowcast.simulate.Scenario;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The forensic mode: an embedded broker, the files ingested into dns.events, the detection topology
 * under exactly-once, a tick on every partition so that the last windows close, and every alert
 * collected; then, when asked, a report page per alert. Everything lives in a temporary directory that
 * is removed afterwards, on SIGINT and SIGTERM too.
 */
public final class Replay {
  static final String APPLICATION_ID = "narrowcast-replay";
  private static final Duration CATCH_UP_TIMEOUT = Duration.ofHours(2);
  private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);
  /** How long Kafka Streams may take to close when the JVM ends before the replay does. */
  private static final Duration STREAMS_CLOSE_TIMEOUT = Duration.ofSeconds(10);
  private static final String SCRATCH_PREFIX = "narrowcast-replay";
  private static final Logger LOG = LoggerFactory.getLogger(Replay.class);

  private Replay() {}

  /**
   * Simulates {@code scenario} into a JSONL file in the replay's temporary directory and replays it.
   *
   * @param onAlert called with each alert as it is committed
   * @param progress where progress lines go, or null
   */
  public static ReplayResult scenario(Scenario scenario, DetectionConfig config, int partitions,
      Consumer<Alert> onAlert, PrintStream progress) throws IOException, InterruptedException {
    return scenario(scenario, config, partitions, onAlert, progress, null);
  }

  /** As {@link #scenario(Scenario, DetectionConfig, int, Consumer, PrintStream)}, writing a report per alert to {@code reportDir} when it is not null. */
  public static ReplayResult scenario(Scenario scenario, DetectionConfig config, int partitions,
      Consumer<Alert> onAlert, PrintStream progress, Path reportDir) throws IOException, InterruptedException {
    try (Scratch work = Scratch.create(SCRATCH_PREFIX)) {
      Path events = simulate(scenario, work.dir());
      return run(new ReplayRequest(List.of(events), Format.JSONL, config, partitions, onAlert, progress, reportDir), work);
    }
  }

  /** What is done with a file of events. */
  @FunctionalInterface
  public interface EventsFile<T> {
    T use(Path events) throws IOException, InterruptedException;
  }

  /**
   * Simulates {@code scenario} into a JSONL file, the input a replay of it reads, and hands it to
   * {@code use}; the file is in an owner-only temporary directory, removed after (on SIGINT and SIGTERM too).
   */
  public static <T> T simulated(Scenario scenario, EventsFile<T> use) throws IOException, InterruptedException {
    try (Scratch work = Scratch.create(SCRATCH_PREFIX)) {
      return use.use(simulate(scenario, work.dir()));
    }
  }

  private static Path simulate(Scenario scenario, Path dir) throws IOException {
    Path events = dir.resolve(scenario.name() + ".jsonl");
    try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(events), 1 << 16);
        JsonlEventWriter writer = new JsonlEventWriter(file)) {
      scenario.generate(writer::write);
    }
    return events;
  }

  /** Replays on an embedded broker in a temporary directory, removed afterwards (on SIGINT and SIGTERM too). */
  public static ReplayResult run(ReplayRequest request) throws IOException, InterruptedException {
    try (Scratch work = Scratch.create(SCRATCH_PREFIX)) {
      return run(request, work);
    }
  }

  private static ReplayResult run(ReplayRequest request, Scratch work) throws IOException, InterruptedException {
    long started = System.nanoTime();
    EmbeddedKafka kafka = work.closeFirst(EmbeddedKafka.start(work.dir().resolve("broker")));
    Duration brokerStart = Duration.ofNanos(System.nanoTime() - started);
    try {
      return run(request, kafka.bootstrapServers(), work.dir().resolve("state"), work::closeFirst)
          .withBrokerStart(brokerStart);
    } catch (IOException | InterruptedException | RuntimeException e) {
      debugBrokerLog(kafka);
      throw e;
    }
  }

  /** For NARROWCAST_LOG_LEVEL=DEBUG, the log of a failed replay's broker, which goes with its directory. */
  private static void debugBrokerLog(EmbeddedKafka kafka) throws IOException {
    if (LOG.isDebugEnabled() && Files.exists(kafka.logFile())) {
      LOG.debug("the embedded broker's log:{}{}", System.lineSeparator(), Files.readString(kafka.logFile()));
    }
  }

  /**
   * Replays against a running cluster (topics are created when missing), with Streams state under
   * {@code stateDir}. The application id is fixed, so use a fresh cluster or fresh topics.
   */
  public static ReplayResult run(ReplayRequest request, String bootstrap, Path stateDir)
      throws IOException, InterruptedException {
    return run(request, bootstrap, stateDir, streams -> { });
  }

  /** As {@link #run(ReplayRequest, String, Path)}, handing Kafka Streams to {@code onExit} to be closed should the JVM end first. */
  private static ReplayResult run(ReplayRequest request, String bootstrap, Path stateDir, Consumer<AutoCloseable> onExit)
      throws IOException, InterruptedException {
    Map<String, Object> client = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    List<AlertMessage> messages = Collections.synchronizedList(new ArrayList<>());
    DetectorMetrics metrics = new DetectorMetrics();
    IngestSummary summary = new IngestSummary();
    try (Admin admin = Admin.create(client)) {
      TopicAdmin.ensure(admin, Topics.ALL, request.partitions(), (short) 1);
      // a key of this run's own: only this replay can close windows
      Control control = Control.randomKey();
      TopologyOptions options = TopologyOptions.defaults()
          .withInputPartitions(TopicAdmin.partitions(admin, Topics.EVENTS.name())).withControl(control);
      try (AlertTail tail = new AlertTail(client, message -> {
            messages.add(message);
            request.onAlert().accept(message.alert());
          });
          KafkaStreams streams = new KafkaStreams(DetectorTopology.build(request.config(), options, metrics),
              StreamsSettings.detector(APPLICATION_ID, bootstrap, stateDir, Map.of()));
          Progress progress = new Progress(request.progress(), summary, metrics, PROGRESS_EVERY);
          // opened before ingest starts, at the end of the topic: on a cluster that has some, earlier ones are not this replay's
          TopicReader<DeadLetter> deadLetters = request.onDeadLetter() == null ? null : TopicReader.deadLetters(client).fromNow()) {
        onExit.accept(() -> streams.close(STREAMS_CLOSE_TIMEOUT));
        streams.start();
        long started = System.nanoTime();
        try (KafkaEventSink sink = new KafkaEventSink(client, request.config().domainGranularity(), control)) {
          new FileIngestor(sink, summary).ingest(request.files(), request.format());
          sink.flush();
          if (summary.accepted() > 0) {
            // Every event in first: a tick on dns.events would overtake those still on their way
            // through the re-key topic, and close their windows before they arrive.
            awaitCatchUp(admin, streams);
            closeLastWindows(sink, request.config(), summary.lastEventTime());
            sink.flush();
          }
        }
        awaitCatchUp(admin, streams);
        tail.drain(DRAIN_TIMEOUT);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        LongAdder deadLettersRead = new LongAdder();
        if (deadLetters != null) { // the detector has committed: its dead letters are readable too
          deadLetters.readToEnd(message -> {
            request.onDeadLetter().accept(message.value());
            deadLettersRead.increment();
          });
        }
        // while the broker still holds dns.events: the reports count their lookups from it
        List<Path> reports = request.reportDir() == null ? List.of()
            : Reports.write(request.reportDir(), messages.stream().map(AlertMessage::alert).toList(), client, request.config());
        return new ReplayResult(summary, metrics.eventsIn(), metrics.lateDropped(), messages, elapsed, reports,
            deadLettersRead.sum(), Duration.ZERO);
      }
    }
  }

  /**
   * After the last event (at {@code lastEventTime}), event time moves past the last window's end plus
   * grace on every partition of dns.events, so that the last windows close.
   */
  public static void closeLastWindows(KafkaEventSink sink, DetectionConfig config, long lastEventTime) {
    sink.tickAll(pastLastWindow(config, lastEventTime));
  }

  /** The event time at which the window holding {@code lastEventTime} closes: its end plus grace. */
  public static long pastLastWindow(DetectionConfig config, long lastEventTime) {
    return config.windowStart(lastEventTime) + config.windowMs() + config.graceMs();
  }

  private static void awaitCatchUp(Admin admin, KafkaStreams streams) throws InterruptedException {
    CatchUp.await(admin, APPLICATION_ID, CatchUp.detectorInputs(APPLICATION_ID), CATCH_UP_TIMEOUT, () -> isHealthy(streams));
  }

  private static boolean isHealthy(KafkaStreams streams) {
    KafkaStreams.State state = streams.state();
    if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR || state == KafkaStreams.State.NOT_RUNNING) {
      throw new ClusterException("the detector stopped: Kafka Streams is " + state);
    }
    return true;
  }
}
