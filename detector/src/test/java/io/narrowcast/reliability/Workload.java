package io.narrowcast.reliability;

import io.narrowcast.ingest.JsonlEventWriter;
import io.narrowcast.simulate.BackgroundOptions;
import io.narrowcast.simulate.InjectedScenario;
import io.narrowcast.simulate.LookAlike;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The input of the fault tests: the injected scenario at seed 5 (12 collapses and 10 renames of
 * different sizes, rates and lags over seven months) in a small background, without the look-alikes
 * whose volume would only cost time here: about 147,000 events and 43 alert messages on 4
 * partitions. Written once per JVM: every test and the uninterrupted reference read the same file.
 */
final class Workload {
  /** Look-alikes left out: hundreds of thousands of lookups that raise nothing. */
  private static final Set<String> HEAVY = Set.of("cdn-rotation", "popular-name-replaced", "newly-popular",
      "even-decline", "one-host-forever");
  private static Path file;

  private Workload() {}

  static synchronized Path jsonl() {
    if (file == null) {
      try {
        Path written = Files.createTempFile("narrowcast-faults", ".jsonl");
        written.toFile().deleteOnExit();
        InjectedScenario scenario = new InjectedScenario(5, new BackgroundOptions(100, 400, 200));
        List<LookAlike> heavy = scenario.lookAlikes().stream().filter(l -> HEAVY.contains(l.lookAlikeClass())).toList();
        try (OutputStream out = Files.newOutputStream(written); JsonlEventWriter writer = new JsonlEventWriter(out)) {
          scenario.generate(event -> {
            if (heavy.stream().noneMatch(l -> l.matches(event.getQuery()))) {
              writer.write(event);
            }
          });
        }
        file = written;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return file;
  }

  static List<String> lines() {
    try {
      return Files.readAllLines(jsonl());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
