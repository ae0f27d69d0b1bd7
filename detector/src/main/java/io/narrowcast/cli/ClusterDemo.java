package io.narrowcast.cli;

import io.narrowcast.alert.AlertText;
import io.narrowcast.avro.Alert;
import io.narrowcast.config.DetectionConfig;
import io.narrowcast.ingest.FileIngestor;
import io.narrowcast.ingest.Format;
import io.narrowcast.ingest.IngestSummary;
import io.narrowcast.ingest.KafkaEventSink;
import io.narrowcast.replay.Replay;
import io.narrowcast.report.Reports;
import io.narrowcast.runtime.AlertTail;
import io.narrowcast.runtime.TopicAdmin;
import io.narrowcast.simulate.ExpectedAlert;
import io.narrowcast.simulate.Scenario;
import io.narrowcast.topics.Control;
import io.narrowcast.topics.Topics;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;

/**
 * demo --bootstrap-servers: a scenario's events produced to a running cluster as ingest produces
 * them, and the alerts that the detector there (narrowcast run) sends followed on dns.alerts until
 * every expected one has come. No detector runs here.
 */
final class ClusterDemo {
  /** How long the cluster may take to answer the checks before anything is produced, as for ingest. */
  private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(30);
  /** How long handing over the alerts committed so far may take once the expected ones have come. */
  private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(2);

  /**
   * What the demo did.
   *
   * @param ingest what was read and produced
   * @param producing how long simulating and producing took
   * @param alerts every alert the detector sent meanwhile, in the order committed
   * @param complete whether every expected alert came
   * @param lastAlert from the start of producing until the last alert came (zero when none did)
   * @param reports the report pages written (none unless asked for)
   */
  record Result(IngestSummary ingest, Duration producing, List<Alert> alerts, boolean complete, Duration lastAlert,
      List<Path> reports) {}

  private final Map<String, Object> client;
  private final String servers;
  private final Scenario scenario;

  private ClusterDemo(Map<String, Object> client, Scenario scenario) {
    this.client = client;
    this.servers = String.valueOf(client.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG));
    this.scenario = scenario;
  }

  /**
   * The demo of {@code scenario} on the cluster {@code client} names, once the cluster is fit for it.
   *
   * @throws UserException when the detector's topics are missing, or dns.events already holds later events
   */
  static ClusterDemo on(Map<String, Object> client, Scenario scenario) throws InterruptedException {
    ClusterDemo demo = new ClusterDemo(client, scenario);
    demo.check();
    return demo;
  }

  String servers() {
    return servers;
  }

  /**
   * Produces the scenario's events and follows the alerts.
   *
   * @param config the detection options the detector runs with: where events are placed, the final tick, the reports
   * @param control the detector's control key, to sign ticks with; null to send none
   * @param patience how long to wait for an alert, after producing or after the last one, before giving up
   * @param onAlert called with each alert as it is committed
   * @param progress told when the events are produced: until an alert comes, nothing else shows that the demo is alive
   */
  Result run(DetectionConfig config, Control control, Duration patience, Path reportDir, Consumer<Alert> onAlert,
      PrintStream progress) throws IOException, InterruptedException {
    Arrivals arrivals = new Arrivals(scenario.labels());
    long started = System.nanoTime();
    IngestSummary ingest;
    Duration producing;
    boolean complete;
    // opened before producing, at the end of dns.alerts: what is there already is not this demo's
    try (AlertTail tail = AlertTail.fromNow(client, message -> {
      onAlert.accept(message.alert());
      arrivals.add(message.alert());
    })) {
      ingest = Replay.simulated(scenario, events -> produce(events, config, control));
      producing = Duration.ofNanos(System.nanoTime() - started);
      progress.printf(Locale.ROOT, "demo: %,d events produced in %.1f s; waiting for the detector's alerts%n",
          ingest.accepted(), producing.toMillis() / 1000.0);
      complete = arrivals.await(patience);
      tail.drain(DRAIN_TIMEOUT);
    }
    Duration lastAlert = Duration.ofNanos(arrivals.lastNanos(started) - started);
    List<Alert> alerts = arrivals.alerts();
    List<Path> reports = reportDir == null ? List.of() : Reports.write(reportDir, alerts, client, config);
    return new Result(ingest, producing, alerts, complete, lastAlert, reports);
  }

  /**
   * The topics must exist (run creates them), and dns.events must hold nothing from the scenario's
   * time on: a detector that has read later events (an earlier demo, a live feed) has closed the
   * scenario's windows and would drop all its lookups as late.
   */
  private void check() throws InterruptedException {
    Map<String, Object> config = new HashMap<>(client);
    config.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) CHECK_TIMEOUT.toMillis());
    try (Admin admin = Admin.create(config)) {
      try {
        TopicAdmin.requireExisting(admin, Topics.ALL);
      } catch (TopicAdmin.MissingTopicsException e) {
        throw new UserException("topics " + String.join(", ", e.topics()) + " do not exist on " + servers
            + ": start the detector first, narrowcast run --bootstrap-servers " + servers + ", which creates them");
      }
      Instant begins = scenario.firstDay().atStartOfDay(ZoneOffset.UTC).toInstant();
      OptionalLong latest = TopicAdmin.latestTimestamp(admin, Topics.EVENTS.name());
      if (latest.isPresent() && latest.getAsLong() >= begins.toEpochMilli()) {
        throw new UserException(Topics.EVENTS.name() + " on " + servers + " already holds events up to "
            + AlertText.TIME.format(Instant.ofEpochMilli(latest.getAsLong())) + " UTC (an earlier demo, or a live feed): "
            + "the detector would drop the scenario's lookups, from " + scenario.firstDay() + " on, as late; "
            + "run the demo on a new broker (broker and run each with a new --data-dir)");
      }
    }
  }

  /** Produces the events as ingest does; with a control key, ticks as replay does, so that the last windows close. */
  private IngestSummary produce(Path events, DetectionConfig config, Control control) throws IOException {
    IngestSummary summary = new IngestSummary();
    try (KafkaEventSink sink = new KafkaEventSink(client, config.domainGranularity(), control)) {
      new FileIngestor(sink, summary).ingest(List.of(events), Format.JSONL);
      if (control != null && summary.accepted() > 0) {
        Replay.closeLastWindows(sink, config, summary.lastEventTime());
      }
      sink.flush();
    }
    return summary;
  }

  /** The alerts as they come from the tail's thread, and whether the expected ones are among them. */
  private static final class Arrivals {
    private final List<ExpectedAlert> expected;
    private final List<Alert> alerts = new ArrayList<>();
    private long lastNanos;

    Arrivals(List<ExpectedAlert> expected) {
      this.expected = expected;
    }

    synchronized void add(Alert alert) {
      alerts.add(alert);
      lastNanos = System.nanoTime();
      notifyAll();
    }

    synchronized List<Alert> alerts() {
      return List.copyOf(alerts);
    }

    /** When the last alert came, or {@code otherwise} when none did. */
    synchronized long lastNanos(long otherwise) {
      return alerts.isEmpty() ? otherwise : lastNanos;
    }

    /**
     * Waits until every expected alert has come, or none has for {@code patience} (counted from now, or
     * from the last alert when that is later); returns whether every one came.
     */
    synchronized boolean await(Duration patience) throws InterruptedException {
      long from = System.nanoTime();
      while (!expected.stream().allMatch(label -> DemoCommand.found(label, alerts))) {
        long left = Math.max(from, lastNanos(from)) + patience.toNanos() - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        wait(Math.max(1, left / 1_000_000));
      }
      return true;
    }
  }
}
