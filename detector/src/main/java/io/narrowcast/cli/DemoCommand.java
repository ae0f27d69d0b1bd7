package io.narrowcast.cli;

import io.narrowcast.alert.AlertText;
import io.narrowcast.avro.Alert;
import io.narrowcast.config.DetectionConfig;
import io.narrowcast.replay.Replay;
import io.narrowcast.replay.ReplayResult;
import io.narrowcast.simulate.ExpectedAlert;
import io.narrowcast.simulate.Scenario;
import io.narrowcast.topics.Control;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** narrowcast demo: the case of CASE.md, simulated and replayed in one go, or produced to a running detector. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Simulate the case (mail1.trump-email.com, 2016) in background traffic, replay it on an embedded "
        + "broker (or produce it to a running detector's cluster) and print each alert as it fires.",
        "With --bootstrap-servers, produce it to dns.events of the cluster where narrowcast run detects (run creates "
            + "the topics; dns.events must hold nothing from the scenario's first day on) and print the alerts that "
            + "detector sends, until the expected ones have come. The detection options are then run's, as for report: "
            + "they place the events and set the final tick and the report pages."})
final class DemoCommand implements Callable<Integer> {
  private static final Duration DEFAULT_ALERT_TIMEOUT = Duration.ofMinutes(5);

  @Mixin
  SimulateCommand.ScenarioOptions scenarioOptions;

  @Mixin
  KafkaOptions kafka;

  @Option(names = "--control-key-file", paramLabel = "KEYFILE",
      description = "With --bootstrap-servers: the key of run's --control-key-file, to sign the ticks that close the "
          + "last windows; without it no tick is sent.")
  Path controlKeyFile;

  @Option(names = "--alert-timeout", converter = Durations.class, paramLabel = "DURATION",
      description = "With --bootstrap-servers: give up when no alert has come for this long after the events were "
          + "produced (default: 5m).")
  Duration alertTimeout;

  @Mixin
  DetectionOptions detection;

  @Option(names = "--report-dir", paramLabel = "DIR",
      description = "Also write an HTML report per alert here: its facts and a timeline of lookups per source.")
  Path reportDir;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException, InterruptedException {
    var config = detection.toConfig();
    Scenario scenario = scenarioOptions.scenario();
    if (!kafka.given()) {
      // given on the command line only: values from the environment may be meant for run
      Stream.of("--control-key-file", "--alert-timeout").filter(spec.commandLine().getParseResult()::hasMatchedOption)
          .findFirst().ifPresent(option -> {
            throw new UserException(option + " is for a running detector: give it with --bootstrap-servers");
          });
    }
    Control control = kafka.given() && controlKeyFile != null
        ? KeyFiles.read(controlKeyFile, "--control-key-file", Control::fromKeyFile) : null;
    var client = kafka.given() ? kafka.clientConfig() : null;
    if (reportDir != null) {
      OutputFile.requireDirectory(reportDir, "--report-dir");
    }
    PrintStream out = System.out;
    if (client == null) {
      return embedded(out, scenario, config);
    }
    return onCluster(out, scenario, config, ClusterDemo.on(client, scenario), control);
  }

  private int embedded(PrintStream out, Scenario scenario, DetectionConfig config) throws IOException, InterruptedException {
    out.printf("Simulating scenario '%s' (seed %d), %s to %s, and replaying it through the detector%n",
        scenario.name(), scenarioOptions.seed, scenario.firstDay(), scenario.lastDay());
    out.println("on an embedded Kafka broker; alerts as they fire:");
    out.println();
    ReplayResult result = Replay.scenario(scenario, config, 1, alert -> out.println(AlertText.format(alert)), System.err,
        reportDir);
    summarize(out, scenario, List.of("input:    " + result.ingest().describe(),
        String.format(Locale.ROOT, "detector: %,d events in %.1f s (%,.0f events/s), %,d late", result.eventsDetected(),
            result.elapsed().toMillis() / 1000.0, result.eventsPerSecond(), result.lateDropped())),
        result.alerts(), result.reports());
    return 0;
  }

  private int onCluster(PrintStream out, Scenario scenario, DetectionConfig config, ClusterDemo demo, Control control)
      throws IOException, InterruptedException {
    Duration patience = alertTimeout != null ? alertTimeout : DEFAULT_ALERT_TIMEOUT;
    String run = "narrowcast run --bootstrap-servers " + demo.servers();
    out.printf("Simulating scenario '%s' (seed %d), %s to %s, and producing it to dns.events on %s,%n",
        scenario.name(), scenarioOptions.seed, scenario.firstDay(), scenario.lastDay(), demo.servers());
    out.printf("where narrowcast run detects; its alerts as they fire, until the %d expected ones have come "
        + "(or none for %s):%n", scenario.labels().size(), spoken(patience));
    out.println();
    ClusterDemo.Result result = demo.run(config, control, patience, reportDir,
        alert -> out.println(AlertText.format(alert)), System.err);
    if (!result.complete()) {
      System.err.println(result.alerts().isEmpty()
          ? "demo: no alert after " + spoken(patience) + ": is " + run + " running?"
          : "demo: no alert for " + spoken(patience) + " and not every expected one has come: is " + run
              + " still running, with the detection options given here?");
    }
    summarize(out, scenario, List.of("input:    " + result.ingest().describe(),
        String.format(Locale.ROOT, "cluster:  simulated and produced to dns.events on %s in %.1f s; the last alert came "
            + "%.1f s after the demo began", demo.servers(), seconds(result.producing()), seconds(result.lastAlert())),
        "ticks:    " + ticks(control, config, result.ingest().lastEventTime())), result.alerts(), result.reports());
    return result.complete() ? 0 : Main.RUN_ERROR;
  }

  /** Which windows the demo closed, or, without the detector's key, which it could not. */
  private static String ticks(Control control, DetectionConfig config, long lastEventTime) {
    if (control != null) {
      return "signed with --control-key-file: one to " + AlertText.TIME.format(Instant.ofEpochMilli(
          Replay.pastLastWindow(config, lastEventTime))) + " UTC on every partition, past the last window (a detector "
          + "with another key refuses it)";
    }
    return "none (no --control-key-file): event time stops at the last event, " + AlertText.TIME.format(
        Instant.ofEpochMilli(lastEventTime)) + " UTC, and its window stays open until later events or a signed tick pass it";
  }

  private static double seconds(Duration duration) {
    return duration.toMillis() / 1000.0;
  }

  /** "5 minutes", "90 s". */
  private static String spoken(Duration duration) {
    long minutes = duration.toMinutes();
    if (minutes == 0 || duration.toSecondsPart() != 0 || duration.toMillisPart() != 0) {
      return duration.toSeconds() + " s";
    }
    return minutes + (minutes == 1 ? " minute" : " minutes");
  }

  /** Whether one of {@code alerts} is {@code label}'s: of its kind, for its domain. */
  static boolean found(ExpectedAlert label, List<Alert> alerts) {
    return alerts.stream().anyMatch(a -> a.getKind().equals(label.kind().name()) && a.getDomain().equals(label.domain()));
  }

  private static void summarize(PrintStream out, Scenario scenario, List<String> how, List<Alert> alerts, List<Path> reports) {
    Set<String> labelled = scenario.labels().stream()
        .flatMap(label -> Stream.of(label.domain(), label.previousDomain()))
        .filter(Objects::nonNull).collect(Collectors.toSet());
    List<Alert> caseAlerts = alerts.stream().filter(a -> labelled.contains(a.getDomain())).toList();
    List<Alert> background = alerts.stream().filter(a -> !labelled.contains(a.getDomain())).toList();
    out.println("Summary");
    how.forEach(line -> out.println("  " + line));
    out.printf("  alerts:   %d for the case's names, %d for background names (the goal is none)%n",
        caseAlerts.size(), background.size());
    for (ExpectedAlert label : scenario.labels()) {
      out.printf("  expected: %-16s %-28s %s%n", label.kind(), label.domain(),
          found(label, caseAlerts) ? "found" : "NOT FOUND");
    }
    ReplayCommand.Summary.printReports(out, "  ", reports);
  }
}
