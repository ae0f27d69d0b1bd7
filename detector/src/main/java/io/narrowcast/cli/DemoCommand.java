package io.narrowcast.cli;

import io.narrowcast.alert.AlertText;
import io.narrowcast.avro.Alert;
import io.narrowcast.replay.Replay;
import io.narrowcast.replay.ReplayResult;
import io.narrowcast.simulate.ExpectedAlert;
import io.narrowcast.simulate.Scenario;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** narrowcast demo: the case of CASE.md, simulated and replayed in one go. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Simulate the case (mail1.trump-email.com, 2016) in background traffic, replay it on an embedded "
        + "broker and print each alert as it fires.")
final class DemoCommand implements Callable<Integer> {
  @Mixin
  SimulateCommand.ScenarioOptions scenarioOptions;

  @Mixin
  DetectionOptions detection;

  @Option(names = "--report-dir", paramLabel = "DIR",
      description = "Also write an HTML report per alert here: its facts and a timeline of lookups per source.")
  Path reportDir;

  @Override
  public Integer call() throws IOException, InterruptedException {
    var config = detection.toConfig();
    Scenario scenario = scenarioOptions.scenario();
    if (reportDir != null) {
      OutputFile.requireDirectory(reportDir, "--report-dir");
    }
    PrintStream out = System.out;
    out.printf("Simulating scenario '%s' (seed %d), %s to %s, and replaying it through the detector%n",
        scenario.name(), scenarioOptions.seed, scenario.firstDay(), scenario.lastDay());
    out.println("on an embedded Kafka broker; alerts as they fire:");
    out.println();
    ReplayResult result = Replay.scenario(scenario, config, 1, alert -> out.println(AlertText.format(alert)), System.err,
        reportDir);
    summarize(out, scenario, result);
    return 0;
  }

  private static void summarize(PrintStream out, Scenario scenario, ReplayResult result) {
    Set<String> labelled = scenario.labels().stream()
        .flatMap(label -> java.util.stream.Stream.of(label.domain(), label.previousDomain()))
        .filter(java.util.Objects::nonNull).collect(Collectors.toSet());
    List<Alert> caseAlerts = result.alerts().stream().filter(a -> labelled.contains(a.getDomain())).toList();
    List<Alert> background = result.alerts().stream().filter(a -> !labelled.contains(a.getDomain())).toList();
    out.println("Summary");
    out.println("  input:    " + result.ingest().describe());
    out.printf("  detector: %,d events in %.1f s (%,.0f events/s), %,d late%n", result.eventsDetected(),
        result.elapsed().toMillis() / 1000.0, result.eventsPerSecond(), result.lateDropped());
    out.printf("  alerts:   %d for the case's names, %d for background names (the goal is none)%n",
        caseAlerts.size(), background.size());
    for (ExpectedAlert label : scenario.labels()) {
      boolean found = caseAlerts.stream().anyMatch(a -> a.getKind().equals(label.kind().name())
          && a.getDomain().equals(label.domain()));
      out.printf("  expected: %-16s %-28s %s%n", label.kind(), label.domain(), found ? "found" : "NOT FOUND");
    }
    ReplayCommand.Summary.printReports(out, "  ", result);
  }
}
