package io.narrowcast.cli;

import io.narrowcast.alert.AlertKind;
import io.narrowcast.avro.Alert;
import io.narrowcast.config.DetectionConfig;
import io.narrowcast.evaluate.Evaluation;
import io.narrowcast.evaluate.FalseAlarm;
import io.narrowcast.evaluate.Miss;
import io.narrowcast.replay.Replay;
import io.narrowcast.replay.ReplayResult;
import io.narrowcast.simulate.LookAlike;
import io.narrowcast.simulate.Scenario;
import io.narrowcast.simulate.Scenarios;
import java.io.IOException;
import java.io.PrintStream;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** narrowcast evaluate: precision and recall per alert kind over the labelled scenarios. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = "Replay the labelled scenarios through the detector and print, per alert kind, precision, recall, "
        + "the labelled anomalies it missed and the false alarms it raised (with the look-alike class they hit).")
final class EvaluateCommand implements Callable<Integer> {
  @Option(names = "--scenarios", split = ",", paramLabel = "NAME[,NAME...]",
      description = "Scenarios to replay (default: all: ${COMPLETION-CANDIDATES}).",
      completionCandidates = SimulateCommand.Names.class)
  List<String> scenarios = Scenarios.NAMES;

  @Option(names = "--seed", defaultValue = "1", description = "Random seed of the scenarios (default: ${DEFAULT-VALUE}).")
  long seed;

  @Mixin
  SimulateCommand.BackgroundSize background;

  @Mixin
  DetectionOptions detection;

  @Override
  public Integer call() throws IOException, InterruptedException {
    DetectionConfig config = detection.toConfig();
    List<Scenario> chosen = new ArrayList<>();
    for (String name : new LinkedHashSet<>(scenarios)) {
      chosen.add(Scenarios.byName(name, seed, background.options()));
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
    print(out, evaluation, lookAlikeClasses);
    return 0;
  }

  static void print(PrintStream out, Evaluation evaluation, Set<String> lookAlikeClasses) {
    out.println();
    out.printf("%-18s %9s %6s %7s %8s %10s%n", "kind", "expected", "found", "alerts", "recall", "precision");
    List<Evaluation.Score> scores = new ArrayList<>();
    for (AlertKind kind : AlertKind.values()) {
      Evaluation.Score score = evaluation.score(kind);
      scores.add(score);
      out.printf(Locale.ROOT, "%-18s %9d %6d %7d %8.3f %10.3f%n", kind, score.expected(),
          score.expected() - score.misses().size(), score.alerts(), score.recall(), score.precision());
    }
    out.println();
    out.println("Misses:");
    scores.stream().flatMap(s -> s.misses().stream()).forEach(EvaluateCommand::printMiss);
    if (scores.stream().allMatch(s -> s.misses().isEmpty())) {
      out.println("  none");
    }
    out.println("False alarms:");
    scores.stream().flatMap(s -> s.falseAlarms().stream()).forEach(EvaluateCommand::printFalseAlarm);
    if (scores.stream().allMatch(s -> s.falseAlarms().isEmpty())) {
      out.println("  none");
    }
    out.println("Benign look-alike classes in the scenarios: " + String.join(", ", lookAlikeClasses));
  }

  private static void printMiss(Miss miss) {
    var label = miss.label();
    System.out.printf("  [%s] %s %s%s, expected between %s and %s%n", miss.scenario(), label.kind(), label.domain(),
        label.previousDomain() == null ? "" : " (after " + label.previousDomain() + ")", label.from(), label.to());
  }

  private static void printFalseAlarm(FalseAlarm alarm) {
    var alert = alarm.alert();
    System.out.printf("  [%s] %s %s%s, window %s, %s%n", alarm.scenario(), alert.getKind(), alert.getDomain(),
        alert.getPreviousDomain() == null ? "" : " (after " + alert.getPreviousDomain() + ")",
        alert.getWindowStart().atOffset(ZoneOffset.UTC).toLocalDate(), alarm.why());
  }
}
