package io.narrowcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.narrowcast.follow.Follow;
import io.narrowcast.ingest.IngestSummary;
import io.narrowcast.ingest.RecordRouter;
import io.narrowcast.ingest.RecordingSink;
import io.narrowcast.normalize.EventNormalizer;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** ingest --follow without Kafka: where a dry run starts, and what it leaves for the real one. */
class IngestCommandTest {
  @TempDir
  Path dir;

  static void append(Path file, String... names) throws Exception {
    StringBuilder lines = new StringBuilder();
    for (String name : names) {
      lines.append("{\"event_time\":1000,\"source_ip\":\"10.0.0.1\",\"query\":\"").append(name).append("\"}\n");
    }
    Files.writeString(file, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  /** Follows the files as ingest with {@code args} does, up to their end and a stop (Ctrl-C); returns what it sent. */
  static List<String> followToTheEnd(String... args) throws Exception {
    IngestCommand ingest = new IngestCommand();
    new CommandLine(ingest).parseArgs(args);
    RecordingSink sink = new RecordingSink();
    Follow follow = ingest.follow(new RecordRouter(sink, new IngestSummary(), EventNormalizer.exact()));
    follow.stop(); // run reads what is there, then stops as on Ctrl-C, saving positions as it does then
    follow.run();
    return sink.queries();
  }

  @Test
  void aDryRunStartsWhereTheLastRealRunStoppedAndSavesNoPosition() throws Exception {
    Path log = dir.resolve("dns.jsonl");
    Path state = dir.resolve("state");
    String[] dryRun = {"--format", "jsonl", "--dry-run", "--follow", "--state-dir", state.toString(), log.toString()};
    String[] real = {"--format", "jsonl", "--bootstrap-servers", "kafka:9092", "--follow", "--state-dir", state.toString(),
        log.toString()};
    append(log, "a1.example", "a2.example");

    assertThat(followToTheEnd(dryRun)).containsExactly("a1.example", "a2.example");
    assertThat(state).doesNotExist();
    assertThat(followToTheEnd(real)).containsExactly("a1.example", "a2.example");

    append(log, "a3.example");
    assertThat(followToTheEnd(dryRun)).containsExactly("a3.example");
    assertThat(followToTheEnd(real)).containsExactly("a3.example");
  }

  /** Were it followed, its compressed bytes would be read as lines of text, each a dead letter, until Ctrl-C. */
  @Test
  @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aGzipFileIsNotFollowed() throws Exception {
    Path gz = dir.resolve("dns.log.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write("#separator \\x09\n".getBytes(StandardCharsets.UTF_8));
    }
    Path state = dir.resolve("state");

    Cli.Result result = Cli.run("ingest", "--format", "zeek", "--dry-run", "--follow", "--state-dir", state.toString(), gz.toString());

    assertThat(result).isEqualTo(new Cli.Result(Main.USAGE_ERROR, "",
        "ingest: " + gz + " is gzip: --follow reads text files as they grow; ingest it without --follow" + System.lineSeparator()));
  }
}
