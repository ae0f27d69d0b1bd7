package io.narrowcast.follow;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.narrowcast.ingest.Format;
import io.narrowcast.ingest.IngestSummary;
import io.narrowcast.ingest.LineReader;
import io.narrowcast.ingest.RecordRouter;
import io.narrowcast.ingest.RecordingSink;
import io.narrowcast.normalize.EventNormalizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FollowTest {
  private static final Duration POLL = Duration.ofMillis(20);
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir
  Path dir;

  private final ExecutorService runner = Executors.newCachedThreadPool();

  @AfterEach
  void stopRunner() {
    runner.shutdownNow();
  }

  static String json(String name) {
    return "{\"event_time\":1000,\"source_ip\":\"10.0.0.1\",\"query\":\"" + name + "\"}";
  }

  static String line(String name) {
    return json(name) + "\n";
  }

  static String lines(String... names) {
    StringBuilder out = new StringBuilder();
    for (String name : names) {
      out.append(line(name));
    }
    return out.toString();
  }

  static void append(Path file, String text) throws IOException {
    Files.writeString(file, text, UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  /** One run of the follower on its own thread, with what it sent. */
  final class Run {
    final RecordingSink sink = new RecordingSink();
    final IngestSummary summary = new IngestSummary();
    final Follow follow;
    final Future<?> done;

    Run(Format format, Path... files) {
      RecordRouter router = new RecordRouter(sink, summary, EventNormalizer.exact());
      List<FileFollower> followers = java.util.Arrays.stream(files)
          .map(file -> new FileFollower(file, format, "test", router, PositionStore.in(dir.resolve("state")))).toList();
      follow = new Follow(followers, router, POLL);
      done = runner.submit(() -> {
        follow.run();
        return null;
      });
    }

    void awaitEvents(int count) throws Exception {
      await().atMost(WAIT).until(() -> sink.events.size() >= count || done.isDone());
      if (done.isDone()) {
        done.get(); // a follower that died says why, rather than leaving the wait to time out
      }
      assertThat(sink.events).hasSize(count);
    }

    void stop() throws Exception {
      follow.stop();
      done.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }
  }

  /** Runs a follower until it sent {@code count} events, stops it, and returns their names. */
  List<String> runUntil(int count, Format format, Path file) throws Exception {
    Run run = new Run(format, file);
    run.awaitEvents(count);
    run.stop();
    return run.sink.queries();
  }

  @Test
  void appendedLinesAPartialLineAndARotationAreEachReadOnce() throws Exception {
    Path log = dir.resolve("dns.log");
    append(log, lines("a1.example", "a2.example"));
    Run run = new Run(Format.JSONL, log);
    run.awaitEvents(2);

    String third = line("a3.example");
    append(log, third.substring(0, 20)); // the writer is in the middle of a line
    append(log, third.substring(20) + line("a4.example"));
    run.awaitEvents(4);

    Files.move(log, dir.resolve("dns.log.1")); // rotation: the writer still appends to the old file once
    append(dir.resolve("dns.log.1"), line("a5.example"));
    append(log, lines("b1.example", "b2.example"));
    run.awaitEvents(7);
    run.stop();

    assertThat(run.sink.queries()).containsExactly(
        "a1.example", "a2.example", "a3.example", "a4.example", "a5.example", "b1.example", "b2.example");
    assertThat(run.summary.read()).isEqualTo(7);
  }

  @Test
  void aRestartResumesAfterTheLastLineWithoutDuplicates() throws Exception {
    Path log = dir.resolve("dns.log");
    append(log, lines("a1.example", "a2.example", "a3.example"));
    runUntil(3, Format.JSONL, log);

    append(log, lines("a4.example", "a5.example"));
    Run second = new Run(Format.JSONL, log);
    second.awaitEvents(2);
    append(log, line("a6.example"));
    second.awaitEvents(3);
    second.stop();
    assertThat(second.sink.queries()).containsExactly("a4.example", "a5.example", "a6.example");
  }

  @Test
  void aRotationWhileStoppedFinishesTheOldFileFirst() throws Exception {
    Path log = dir.resolve("dns.log");
    append(log, lines("a1.example", "a2.example"));
    runUntil(2, Format.JSONL, log);

    append(log, line("a3.example"));
    Files.move(log, dir.resolve("dns.log.1"));
    append(log, lines("b1.example", "b2.example"));
    Run second = new Run(Format.JSONL, log);
    second.awaitEvents(3);
    append(log, line("b3.example"));
    second.awaitEvents(4);
    second.stop();
    assertThat(second.sink.queries()).containsExactly("a3.example", "b1.example", "b2.example", "b3.example");

    append(log, line("b4.example")); // and nothing again after that
    assertThat(runUntil(1, Format.JSONL, log)).containsExactly("b4.example");
  }

  /**
   * The position is saved a moment after a poll: a rotation in between must not mix the new file's
   * head into the old file's position, or a restart takes the old file for another and skips the
   * lines its writer added last.
   */
  @Test
  void aPositionSavedJustAfterARotationLetsARestartFinishTheOldFile() throws Exception {
    Path log = dir.resolve("dns.log");
    Path old = dir.resolve("dns.log.1");
    append(log, lines("a1.example", "a2.example"));
    RecordingSink sink = new RecordingSink();
    RecordRouter router = new RecordRouter(sink, new IngestSummary(), EventNormalizer.exact());
    FileFollower follower = new FileFollower(log, Format.JSONL, "test", router, PositionStore.in(dir.resolve("state")));
    assertThat(follower.poll()).isEqualTo(2);
    Files.move(log, old);
    append(log, line("b1.example"));
    router.flush();
    follower.savePosition();
    follower.close();

    append(old, line("a3.example")); // the old file's writer had one more line
    assertThat(runUntil(2, Format.JSONL, log)).containsExactly("a3.example", "b1.example");
  }

  /**
   * logrotate renames the file whenever it likes, also between two looks of one poll at the path: a
   * follower that looked twice (its identity, then its size) died of the file being gone. A follower
   * polling flat out, rotated thousands of times (each time once it has read the new file's line, as
   * rotations come far apart), meets that moment within the first few hundred.
   */
  @Test
  void aRotationAtAnyMomentOfAPollLeavesTheFollowerRunning() throws Exception {
    int rotations = 2_000;
    Path log = dir.resolve("dns.log");
    append(log, line("a0.example"));
    RecordRouter router = new RecordRouter(new RecordingSink(), new IngestSummary(), EventNormalizer.exact());
    FileFollower follower = new FileFollower(log, Format.JSONL, "test", router, PositionStore.in(dir.resolve("state")));
    AtomicBoolean polling = new AtomicBoolean(true);
    AtomicLong lines = new AtomicLong();
    Future<?> poller = runner.submit(() -> {
      while (polling.get()) {
        lines.addAndGet(follower.poll());
      }
      return null;
    });
    try {
      for (int i = 0; i < rotations && !poller.isDone(); i++) {
        int read = i + 1; // the current file's line, before it is rotated away
        await().atMost(WAIT).pollInterval(Duration.ofMillis(1))
            .until(() -> lines.get() >= read || poller.isDone());
        Files.move(log, dir.resolve("dns.log.old"), StandardCopyOption.REPLACE_EXISTING);
        append(log, line("a" + (i + 1) + ".example"));
      }
      await().atMost(WAIT).until(() -> lines.get() >= rotations + 1 || poller.isDone());
    } finally {
      polling.set(false);
    }
    poller.get(WAIT.toSeconds(), TimeUnit.SECONDS); // throws what killed it, if anything did
    follower.close();
    assertThat(lines.get()).isEqualTo(rotations + 1); // every line once: none lost or read twice
  }

  @Test
  void aTruncatedFileIsReadAgainFromItsStart() throws Exception {
    Path log = dir.resolve("dns.log");
    append(log, lines("a1.example", "a2.example", "a3.example"));
    Run run = new Run(Format.JSONL, log);
    run.awaitEvents(3);
    Files.writeString(log, line("c1.example"), UTF_8, StandardOpenOption.TRUNCATE_EXISTING); // copytruncate
    run.awaitEvents(4);
    run.stop();
    assertThat(run.sink.queries()).endsWith("c1.example");
  }

  @Test
  void zeekHeadersAreKnownAgainAfterARestart() throws Exception {
    Path log = dir.resolve("dns.log");
    String header = "#separator \\x09\n#fields\tts\tid.orig_h\tid.orig_p\tid.resp_p\tquery\n";
    append(log, header + "1.5\t10.0.0.1\t5000\t53\tz1.example\n");
    runUntil(1, Format.ZEEK, log);
    append(log, "2.5\t10.0.0.2\t5000\t53\tz2.example\n");
    assertThat(runUntil(1, Format.ZEEK, log)).containsExactly("z2.example"); // a dead letter would not count

  }

  @Test
  void anOverlongLineIsRefusedAndTheNextOneRead() throws Exception {
    Path log = dir.resolve("dns.log");
    String huge = "x".repeat(LineReader.MAX_LINE_CHARS * 4 + 10) + "\n";
    append(log, huge + line("after.example"));
    Run run = new Run(Format.JSONL, log);
    run.awaitEvents(1);
    run.stop();
    assertThat(run.sink.queries()).containsExactly("after.example");
    assertThat(run.sink.deadLetters).singleElement().asString().startsWith(log + ":1 record too large xxx");
    assertThat(run.summary.read()).isEqualTo(2);
  }

  /** LineReader ends a whole file's lines at \n, \r\n or a lone \r; a followed file's end alike. */
  @Test
  void linesEndAtANewlineACarriageReturnOrBothAsInAWholeFile() throws Exception {
    Path log = dir.resolve("dns.log");
    String huge = "x".repeat(LineReader.MAX_LINE_BYTES + 10);
    append(log, line("a1.example") + json("a2.example") + "\r\n" + json("a3.example") + "\r" + huge + "\r");
    Run run = new Run(Format.JSONL, log);
    run.awaitEvents(3);
    append(log, json("a4.example") + "\r");
    run.awaitEvents(4);
    append(log, "\nnot json\r" + line("a5.example")); // the \n ends nothing: it completes a4's \r\n
    run.awaitEvents(5);
    run.stop();

    assertThat(run.sink.queries()).containsExactly("a1.example", "a2.example", "a3.example", "a4.example", "a5.example");
    assertThat(run.sink.deadLetters).hasSize(2);
    assertThat(run.sink.deadLetters.get(0)).startsWith(log + ":4 record too large xxx"); // refused once it ended
    assertThat(run.sink.details.get(0)).isEqualTo("line of 262154 bytes, at most 65536 characters");
    assertThat(run.sink.deadLetters.get(1)).isEqualTo(log + ":6 unparsable not json");
    assertThat(run.summary.read()).isEqualTo(7);
  }

  /** The position after a line ended by \r: a restart takes the \n that follows for the rest of that end. */
  @Test
  void aNewlineAfterACarriageReturnEndsNoLineAfterARestartEither() throws Exception {
    Path log = dir.resolve("dns.log");
    append(log, json("a1.example") + "\r");
    runUntil(1, Format.JSONL, log);
    append(log, "\nnot json\n" + line("a2.example"));
    Run second = new Run(Format.JSONL, log);
    second.awaitEvents(1);
    second.stop();
    assertThat(second.sink.deadLetters).containsExactly(log + ":2 unparsable not json");
  }

  @Test
  void severalFilesAtOnceAndAFileThatAppearsLater() throws Exception {
    Path one = dir.resolve("one.log");
    Path two = dir.resolve("two.log");
    append(one, line("one.example"));
    Run run = new Run(Format.JSONL, one, two);
    run.awaitEvents(1);
    append(two, lines(IntStream.range(0, 5).mapToObj(i -> "two-" + i + ".example").toArray(String[]::new)));
    run.awaitEvents(6);
    run.stop();
  }
}
