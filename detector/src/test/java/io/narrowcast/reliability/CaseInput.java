package io.narrowcast.reliability;

import io.narrowcast.ingest.JsonlEventWriter;
import io.narrowcast.simulate.AlfaScenario;
import io.narrowcast.simulate.BackgroundOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The input of the fault tests: the case of CASE.md with a small background (the variant ReplayIT
 * uses; about 85,000 events, a collapse opening, updating and closing, and a rename), as JSON lines.
 * Written once per JVM: every test and the uninterrupted reference run read the same file.
 */
final class CaseInput {
  private static Path file;

  private CaseInput() {}

  static synchronized Path jsonl() {
    if (file == null) {
      try {
        Path written = Files.createTempFile("narrowcast-case", ".jsonl");
        written.toFile().deleteOnExit();
        try (OutputStream out = Files.newOutputStream(written); JsonlEventWriter writer = new JsonlEventWriter(out)) {
          new AlfaScenario(7, new BackgroundOptions(300, 400, 300)).generate(writer::write);
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
