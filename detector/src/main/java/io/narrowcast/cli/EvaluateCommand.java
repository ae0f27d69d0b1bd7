package io.narrowcast.cli;

import io.narrowcast.avro.Alert;
import io.narrowcast.config.DetectionConfig;
import io.narrowcast.evaluate.BackgroundEvaluation;
import io.narrowcast.evaluate.Evaluation;
import io.narrowcast.evaluate.EvaluationReport;
import io.narrowcast.evaluate.WindowFit;
import io.narrowcast.ingest.Format;
import io.narrowcast.replay.Replay;
import io.narrowcast.replay.ReplayResult;
import io.narrowcast.simulate.LookAlike;
import io.narrowcast.simulate.Scenario;
import io.narrowcast.simulate.Scenarios;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** narrowcast evaluate: precision and recall per alert kind, over the labelled scenarios or a real log with anomalies injected. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = {"Replay the labelled scenarios through the detector and print, per alert kind, precision, recall, "
        + "the labelled anomalies it missed and the false alarms it raised (with the look-alike class they hit).",
        "With --background, measure it on your own traffic instead: collapses and renames are injected into the log, "
            + "at windows that fit its span unless --window is given, and every other alert is a false alarm, listed with its evidence."})
final class EvaluateCommand implements Callable<Integer> {
  @Option(names = "--scenarios", split = ",", paramLabel = "NAME[,NAME...]",
      description = "Scenarios to replay (default: all: ${COMPLETION-CANDIDATES}).",
      completionCandidates = SimulateCommand.Names.class)
  List<String> scenarios = Scenarios.NAMES;

  @Option(names = "--background", arity = "1..*", paramLabel = "FILE",
      description = "A real log (its pieces in order) to inject labelled anomalies into and replay, instead of the scenarios.")
  List<Path> background;

  @Option(names = "--format", converter = ReplayCommand.FormatConverter.class, paramLabel = "FORMAT",
      description = "Format of the --background log: zeek (TSV), zeek-json, suricata, bind, dnstap, jsonl; plain or gzip.")
  Format format;

  @Option(names = "--seed", defaultValue = "1",
      description = "Random seed of the scenarios, or of the anomalies injected into --background (default: ${DEFAULT-VALUE}).")
  long seed;

  @Mixin
  SimulateCommand.BackgroundSize backgroundSize;

  @Mixin
  DetectionOptions detection;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (background != null) {
      return evaluateBackground();
    }
    if (format != null) {
      throw new UserException("--format is the format of a --background log; give the log too");
    }
    DetectionConfig config = detection.toConfig();
    List<Scenario> chosen = new ArrayList<>();
    for (String name : new LinkedHashSet<>(scenarios)) {
      chosen.add(Scenarios.byName(name, seed, backgroundSize.options()));
    }
    PrintStream out = System.out;
    Evaluation evaluation = new Evaluation();
    Set<String> lookAlikeClasses = new LinkedHashSet<>();
    for (Scenario scenario : chosen) {
      out.printf("Replaying scenario '%s' (seed %d, %s to %s) ...%n", scenario.name(), seed, scenario.firstDay(), scenario.lastDay());
      List<Alert> messages = new ArrayList<>();
      ReplayResult result = Replay.scenario(scenario, config, 1, messages::add, System.err);
      out.printf("  %,d events in %.1f s, %d alert messages%n", result.eventsDetected(),
          result.elapsed().toMillis() / 1000.0, messages.size());
      evaluation.add(scenario, messages);
      scenario.lookAlikes().stream().map(LookAlike::lookAlikeClass).forEach(lookAlikeClasses::add);
    }
    out.println();
    EvaluationReport.table(evaluation).forEach(out::println);
    out.println();
    out.println("Misses:");
    EvaluationReport.misses(evaluation).forEach(out::println);
    out.println("False alarms:");
    EvaluationReport.falseAlarms(evaluation).forEach(out::println);
    out.println("Benign look-alike classes in the scenarios: " + String.join(", ", lookAlikeClasses));
    return 0;
  }

  private int evaluateBackground() throws IOException, InterruptedException {
    if (format == null) {
      throw new UserException("--background needs the --format of its log");
    }
    List<String> scenarioFlags = Stream.of("--scenarios", "--background-names", "--background-resolvers", "--background-events-per-day")
        .filter(this::given).toList();
    if (!scenarioFlags.isEmpty()) {
      throw new UserException(String.join(", ", scenarioFlags) + " describe" + (scenarioFlags.size() == 1 ? "s" : "")
          + " the simulated scenarios, not a --background log");
    }
    for (Path file : background) {
      if (!Files.isReadable(file) || Files.isDirectory(file)) {
        throw new UserException("cannot read " + file);
      }
    }
    Set<String> given = Stream.of(WindowFit.WINDOW, WindowFit.GRACE, WindowFit.DARK_AFTER, WindowFit.RENAME_MAX_LAG,
        WindowFit.NEW_NAME_LOOKBACK, WindowFit.LIFECYCLE_TTL).filter(flag -> given("--" + flag)).collect(Collectors.toSet());
    BackgroundEvaluation.Result result = BackgroundEvaluation.run(
        new BackgroundEvaluation.Request(background, format, detection.toConfig(), given, seed, true), System.err);
    result.lines().forEach(System.out::println);
    System.err.printf("time: %.1f s replaying%n", result.replay().elapsed().toMillis() / 1000.0);
    return 0;
  }

  /** Whether the user set {@code flag}: on the command line, or in the environment or configuration file. */
  private boolean given(String flag) {
    OptionSpec option = spec.findOption(flag);
    return spec.commandLine().getParseResult().hasMatchedOption(option)
        || spec.defaultValueProvider() != null && defaultValue(option) != null;
  }

  private String defaultValue(OptionSpec option) {
    try {
      return spec.defaultValueProvider().defaultValue(option);
    } catch (Exception e) {
      throw new IllegalStateException("default of " + option.longestName(), e);
    }
  }
}
