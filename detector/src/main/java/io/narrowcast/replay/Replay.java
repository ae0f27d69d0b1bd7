package io.narrowcast.replay;

import io.narrowcast.avro.Alert;
import io.narrowcast.embedded.EmbeddedKafka;
import io.narrowcast.ingest.FileIngestor;
import io.narrowcast.ingest.IngestSummary;
import io.narrowcast.ingest.KafkaEventSink;
import io.narrowcast.metrics.DetectorMetrics;
import io.narrowcast.report.Reports;
import io.narrowcast.runtime.AlertTail;
import io.narrowcast.runtime.CatchUp;
import io.narrowcast.runtime.ClusterException;
import io.narrowcast.runtime.StreamsSettings;
import io.narrowcast.runtime.TopicAdmin;
import io.narrowcast.topics.Control;
import io.narrowcast.topics.Topics;
import io.narrowcast.topology.DetectorTopology;
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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The forensic mode: an embedded broker, the files ingested into dns.events, the detection topology
 * under exactly-once, a tick on every partition so that the last windows close, and every alert
 * collected; then, when asked, a report page per alert. Everything lives in a temporary directory that
 * is removed afterwards.
 */
public final class Replay {
  static final String APPLICATION_ID = "narrowcast-replay";
  private static final Duration CATCH_UP_TIMEOUT = Duration.ofHours(2);
  private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

  private Replay() {}

  /**
   * Simulates {@code scenario} into a temporary JSONL file and replays it; the file is removed after.
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
    Path events = Files.createTempFile("narrowcast-" + scenario.name(), ".jsonl");
    try {
      try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(events), 1 << 16);
          JsonlEventWriter writer = new JsonlEventWriter(file)) {
        scenario.generate(writer::write);
      }
      return run(new ReplayRequest(List.of(events), Format.JSONL, config, partitions, onAlert, progress, reportDir));
    } finally {
      Files.deleteIfExists(events);
    }
  }

  public static ReplayResult run(ReplayRequest request) throws IOException, InterruptedException {
    Path work = Files.createTempDirectory("narrowcast-replay");
    try (EmbeddedKafka kafka = EmbeddedKafka.start(work.resolve("broker"))) {
      return run(request, kafka.bootstrapServers(), work.resolve("state"));
    } finally {
      deleteRecursively(work);
    }
  }

  /**
   * Replays against a running cluster (topics are created when missing), with Streams state under
   * {@code stateDir}. The application id is fixed, so use a fresh cluster or fresh topics.
   */
  public static ReplayResult run(ReplayRequest request, String bootstrap, Path stateDir)
      throws IOException, InterruptedException {
    Map<String, Object> client = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    List<Alert> alerts = Collections.synchronizedList(new ArrayList<>());
    DetectorMetrics metrics = new DetectorMetrics();
    IngestSummary summary = new IngestSummary();
    try (Admin admin = Admin.create(client)) {
      TopicAdmin.ensure(admin, Topics.ALL, request.partitions(), (short) 1);
      try (AlertTail tail = new AlertTail(client, alert -> {
            alerts.add(alert);
            request.onAlert().accept(alert);
          });
          KafkaStreams streams = new KafkaStreams(DetectorTopology.build(request.config(), metrics),
              StreamsSettings.detector(APPLICATION_ID, bootstrap, stateDir, Map.of()));
          Progress progress = new Progress(request.progress(), summary, metrics, PROGRESS_EVERY)) {
        streams.start();
        long started = System.nanoTime();
        try (KafkaEventSink sink = new KafkaEventSink(client)) {
          new FileIngestor(sink, summary).ingest(request.files(), request.format());
          sink.flush();
          if (summary.accepted() > 0) {
            // Every event in first: a tick on dns.events would overtake those still on their way
            // through the re-key topic, and close their windows before they arrive.
            awaitCatchUp(admin, streams);
            closeLastWindows(sink, admin, request.config(), summary.lastEventTime());
            sink.flush();
          }
        }
        awaitCatchUp(admin, streams);
        tail.drain(DRAIN_TIMEOUT);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        // while the broker still holds dns.events: the reports count their lookups from it
        List<Path> reports = request.reportDir() == null ? List.of()
            : Reports.write(request.reportDir(), alerts, client, request.config());
        return new ReplayResult(summary, metrics.eventsIn(), metrics.lateDropped(), alerts, elapsed, reports);
      }
    }
  }

  /**
   * After the last event (at {@code lastEventTime}), event time moves past the last window's end plus
   * grace on every partition of dns.events, so that the last windows close.
   */
  public static void closeLastWindows(KafkaEventSink sink, Admin admin, DetectionConfig config, long lastEventTime)
      throws InterruptedException {
    long closeAll = config.windowStart(lastEventTime) + config.windowMs() + config.graceMs();
    int partitions = TopicAdmin.partitions(admin, Topics.EVENTS.name());
    for (int partition = 0; partition < partitions; partition++) {
      RecordHeaders headers = new RecordHeaders();
      Control.markTick(headers);
      sink.send(new ProducerRecord<>(Topics.EVENTS.name(), partition, closeAll, null, null, headers));
    }
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

  static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
