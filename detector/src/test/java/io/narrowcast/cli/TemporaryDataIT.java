package io.narrowcast.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.FileVisitResult;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * replay and demo leave no DNS data behind however they end: stopped by Ctrl-C or SIGTERM once the
 * events are on the embedded broker's disk, they remove their temporary directory (the broker's log
 * segments, the state stores, demo's simulated events). The child has a java.io.tmpdir of its own,
 * so that no other process's files count.
 */
class TemporaryDataIT {
  private static final int EVENTS = 100_000;

  @TempDir
  Path work;

  @ParameterizedTest(name = "{0} stopped by SIG{1}")
  @CsvSource({"replay, INT, 130", "replay, TERM, 143", "demo, INT, 130"})
  void aStoppedRunLeavesNothingInTheTemporaryDirectory(String command, String signal, int status) throws Exception {
    Path tmp = Files.createDirectory(work.resolve("tmp"));
    List<String> args = command.equals("replay")
        ? List.of("replay", "--format", "jsonl", events().toString(), "--alerts-out", work.resolve("alerts.jsonl").toString())
        : List.of("demo", "--background-events-per-day", "500");
    try (NarrowcastProcess run = NarrowcastProcess.start(work.resolve(command + ".out"), 0, Map.of(),
        List.of("-Djava.io.tmpdir=" + tmp), args)) {
      await().atMost(NarrowcastProcess.START_TIMEOUT).pollInterval(Duration.ofMillis(100)).until(() -> {
        run.requireAlive();
        return holdsEvents(tmp);
      });
      run.signal(signal);
      assertThat(run.process.waitFor(1, TimeUnit.MINUTES)).as(run.output()).isTrue();
      assertThat(run.process.exitValue()).as(run.output()).isEqualTo(status);
      assertThat(list(tmp)).as(run.output()).isEmpty();
    }
  }

  /** Lookups enough for the replay to be still running when it is stopped. */
  private Path events() throws IOException {
    Path events = work.resolve("events.jsonl");
    try (BufferedWriter out = Files.newBufferedWriter(events)) {
      for (int i = 0; i < EVENTS; i++) {
        out.write(String.format("{\"event_time\":\"2016-05-04T10:%02d:%02dZ\",\"sensor\":\"ns1\",\"source_ip\":\"10.0.%d.%d\","
            + "\"query\":\"d%d.example.com\",\"qtype\":\"A\",\"rcode\":\"NOERROR\"}%n", i / 60 % 60, i % 60, i / 250 % 250,
            i % 250, i % 1000));
      }
    }
    return events;
  }

  /**
   * Whether a dns.events partition below {@code dir} holds records. RocksDB and the broker create and
   * delete files all the time beside it: one that goes while it is walked is passed over, where a
   * walk that gave up on it could keep failing, on a busy machine, until the command had ended.
   */
  private static boolean holdsEvents(Path dir) throws IOException {
    AtomicBoolean found = new AtomicBoolean();
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
        found.set(file.getParent().getFileName().toString().startsWith("dns.events-")
            && file.getFileName().toString().endsWith(".log") && attributes.size() > 0);
        return found.get() ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException gone) {
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path directory, IOException gone) {
        return FileVisitResult.CONTINUE;
      }
    });
    return found.get();
  }

  private static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.toList();
    }
  }
}
