package io.narrowcast.cli;

import io.narrowcast.ingest.JsonlEventWriter;
import io.narrowcast.simulate.AlfaScenario;
import io.narrowcast.simulate.BackgroundOptions;
import io.narrowcast.simulate.ScenarioLabels;
import io.narrowcast.simulate.Scenarios;
import io.narrowcast.simulate.Scenario;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** narrowcast simulate: writes a scenario's events as JSONL. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = "Write the events of a simulated scenario as JSON lines (the jsonl format).")
final class SimulateCommand implements Callable<Integer> {
  private static final int BUFFER = 1 << 16;

  @Mixin
  ScenarioOptions scenario;

  @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write here instead of standard output.")
  Path out;

  @Option(names = "--labels-out", paramLabel = "FILE",
      description = "Also write the scenario's labels (the alerts it must raise, its benign look-alikes) as JSON.")
  Path labelsOut;

  @Override
  public Integer call() throws IOException {
    Scenario chosen = scenario.scenario();
    try (OutputFile events = out == null ? null : OutputFile.open(out, "--out", List.of());
        OutputFile labels = labelsOut == null ? null : OutputFile.open(labelsOut, "--labels-out", List.of())) {
      if (events != null && labels != null && labels.sameFile(events)) {
        throw new UserException("--labels-out " + labelsOut + " is --out " + out + ": one would replace the other");
      }
      write(chosen, events == null ? System.out : events.stream());
      if (labels != null) {
        labels.stream().write(ScenarioLabels.toJson(chosen, scenario.seed).getBytes(StandardCharsets.UTF_8));
        labels.commit();
      }
      if (events != null) {
        events.commit();
      }
    }
    return 0;
  }

  static void write(Scenario scenario, OutputStream target) throws IOException {
    JsonlEventWriter writer = new JsonlEventWriter(new BufferedOutputStream(target, BUFFER));
    scenario.generate(writer::write);
    writer.flush();
  }

  /** Which scenario, with which seed and how much background. */
  static final class ScenarioOptions {
    @Option(names = "--scenario", defaultValue = AlfaScenario.NAME, paramLabel = "NAME",
        description = "Scenario: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).", completionCandidates = Names.class)
    String name;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed; the same seed gives the same events (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    BackgroundSize background;

    Scenario scenario() {
      return scenario(name);
    }

    Scenario scenario(String scenarioName) {
      try {
        return Scenarios.byName(scenarioName, seed, background.options());
      } catch (IllegalArgumentException e) {
        throw new UserException(e.getMessage());
      }
    }
  }

  /** How much ordinary traffic surrounds a scenario's anomalies. */
  static final class BackgroundSize {
    @Option(names = "--background-names", defaultValue = "3000", paramLabel = "N",
        description = "Ordinary names alive at any time (default: ${DEFAULT-VALUE}).")
    int names;

    @Option(names = "--background-resolvers", defaultValue = "4000", paramLabel = "N",
        description = "Resolvers querying them (default: ${DEFAULT-VALUE}).")
    int resolvers;

    @Option(names = "--background-events-per-day", defaultValue = "4000", paramLabel = "N",
        description = "Ordinary lookups on a weekday (default: ${DEFAULT-VALUE}).")
    int eventsPerDay;

    /** The background, refused when it could not fit in the heap: in one line now rather than after minutes of work. */
    BackgroundOptions options() {
      BackgroundOptions options = new BackgroundOptions(names, resolvers, eventsPerDay);
      if (options.minimumHeapBytes() > Runtime.getRuntime().maxMemory()) {
        throw new UserException("--background-names " + names + ", --background-resolvers " + resolvers
            + " and --background-events-per-day " + eventsPerDay + " need at least " + options.minimumHeapBytes() / Main.MIB
            + " MiB of heap" + Main.heapAdvice());
      }
      return options;
    }
  }

  /** Scenario names, for help and completion. */
  static final class Names extends java.util.ArrayList<String> {
    Names() {
      super(Scenarios.NAMES);
    }
  }
}
