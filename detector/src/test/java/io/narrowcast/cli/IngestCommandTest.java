package io.narrowcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.narrowcast.config.DetectionConfig;
import io.narrowcast.follow.Follow;
import io.narrowcast.ingest.FileIngestor;
import io.narrowcast.ingest.Format;
import io.narrowcast.ingest.IngestSummary;
import io.narrowcast.ingest.RecordRouter;
import io.narrowcast.ingest.RecordingSink;
import io.narrowcast.normalize.EventNormalizer;
import io.narrowcast.replay.ReplayResult;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * ingest without Kafka: where a dry run of --follow starts, and what it leaves for the real one; the
 * summary's hint, shared with replay, when no record could be read in the format given, its naming
 * of the inputs cut short, and the exit status when records were refused and none accepted.
 */
class IngestCommandTest {
  /** A BIND query line (unparsable as suricata) and a jsonl event (JSON, but with none of suricata's fields). */
  static final String NOT_SURICATA = String.join("\n",
      "23-Sep-2016 14:02:03.217 queries: info: client @0x1 217.12.96.15#53535 (a.example): query: a.example IN A + (10.0.0.1)",
      "{\"event_time\":1474639323217,\"source_ip\":\"217.12.96.15\",\"query\":\"b.example\"}", "");
  static final String WRONG_FORMAT_HINT = "hint: every record was refused; is --format suricata right for this input?";

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

  @Test
  void whenEveryRecordIsUnparsableOrMissingAFieldTheSummaryAsksWhetherTheFormatIsRightAndIngestFails() throws Exception {
    Path log = dir.resolve("queries.log");
    Files.writeString(log, NOT_SURICATA);

    Cli.Result result = Cli.run("ingest", "--format", "suricata", "--dry-run", log.toString());

    assertThat(result).isEqualTo(new Cli.Result(Main.USAGE_ERROR, "", String.join(System.lineSeparator(),
        "input: read 2: accepted 0, rejected 2 (unparsable 1, missing field 1), skipped 0", WRONG_FORMAT_HINT, "")));
  }

  /** Records refused for their time, not their form, were in the right format, yet nothing was counted. */
  @Test
  void recordsRefusedForAnotherReasonFailWithoutTheHint() throws Exception {
    Path log = dir.resolve("queries.log");
    Files.writeString(log, NOT_SURICATA.lines().findFirst().orElseThrow());

    Cli.Result tooOld = Cli.run("ingest", "--format", "bind", "--dry-run", "--min-time", "2020-01-01", log.toString());

    assertThat(tooOld).isEqualTo(new Cli.Result(Main.USAGE_ERROR, "",
        "input: read 1: accepted 0, rejected 1 (time out of range 1), skipped 0" + System.lineSeparator()));
  }

  /**
   * Skipping is no refusal: a file of records to skip alone (BIND's other messages) or of none succeeds, as
   * does one with a record accepted; nothing accepted and one refused fails.
   */
  @Test
  void ingestFailsOnlyWhenRecordsWereRefusedAndNoneAccepted() throws Exception {
    String skipped = "23-Sep-2016 14:06:00.000 general: info: zone trump-email.com/IN: loaded serial 2016092301\n";
    String refused = "23-Sep-2016 14:07:00.000 queries: info: client @0x1 10.0.0.1#5000 (a..example): "
        + "query: a..example IN A + (10.0.0.53)\n";
    String accepted = NOT_SURICATA.lines().findFirst().orElseThrow() + "\n";
    String nl = System.lineSeparator();

    assertThat(ingestBind(skipped)).isEqualTo(new Cli.Result(0, "",
        "input: read 1: accepted 0, rejected 0, skipped 1 (not a query 1)" + nl));
    assertThat(ingestBind("")).isEqualTo(new Cli.Result(0, "", "input: read 0: accepted 0, rejected 0, skipped 0" + nl));
    assertThat(ingestBind(skipped + refused)).isEqualTo(new Cli.Result(Main.USAGE_ERROR, "",
        "input: read 2: accepted 0, rejected 1 (bad characters 1), skipped 1 (not a query 1)" + nl));
    assertThat(ingestBind(accepted + refused)).isEqualTo(new Cli.Result(0, "",
        "input: read 2: accepted 1, rejected 1 (bad characters 1), skipped 0" + nl));
  }

  /** ingest --format bind --dry-run of a file holding {@code text}. */
  Cli.Result ingestBind(String text) throws Exception {
    Path log = Files.writeString(Files.createTempFile(dir, "queries", ".log"), text);
    return Cli.run("ingest", "--format", "bind", "--dry-run", log.toString());
  }

  @Test
  void aGzipFileCutShortIsNamedInTheSummaryWithTheLastWholeLine() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    GZIPOutputStream gzip = new GZIPOutputStream(bytes, true);
    gzip.write(("{\"event_time\":1000,\"source_ip\":\"10.0.0.1\",\"query\":\"a.example\"}\n"
        + "{\"event_time\":2000,\"source_ip\":\"10.0.0.2\",\"query\":\"b.example\"}\n").getBytes(StandardCharsets.UTF_8));
    gzip.flush(); // a sync flush: the data ends after the second line, and the stream is never finished
    Path cut = Files.write(dir.resolve("dns.jsonl.gz"), bytes.toByteArray());

    assertThat(Cli.run("ingest", "--format", "jsonl", "--dry-run", cut.toString())).isEqualTo(new Cli.Result(0, "",
        String.join(System.lineSeparator(), "input: read 3: accepted 2, rejected 1 (unparsable 1), skipped 0",
            "cut short: " + cut + ": truncated gzip stream after line 2", "")));
  }

  @Test
  void theSummaryNamesTenInputsCutShortAndCountsTheRest() {
    IngestSummary summary = new IngestSummary();
    RecordRouter router = new RecordRouter(new RecordingSink(), summary, EventNormalizer.exact());
    for (int connection = 1; connection <= 12; connection++) {
      String origin = "tcp://127.0.0.1:6000/" + connection + "#1";
      router.cutShort(origin, "frame stream broken, the rest is lost: expected READY, got a data frame", origin);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    ReplayCommand.Summary.printInput(new PrintStream(out, true, StandardCharsets.UTF_8), summary, Format.DNSTAP);

    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSize(13).startsWith("input: read 12: accepted 0, rejected 12 (unparsable 12), skipped 0",
        "cut short: tcp://127.0.0.1:6000/1#1: frame stream broken, the rest is lost: expected READY, got a data frame");
    assertThat(lines.get(10)).startsWith("cut short: tcp://127.0.0.1:6000/10#1: ");
    assertThat(lines.get(11)).isEqualTo("cut short: 2 more");
    assertThat(lines.get(12)).isEqualTo("hint: every record was refused; is --format dnstap right for this input?");
  }

  /** replay prints the same input line; its embedded broker is not needed to check the summary. */
  @Test
  void replaysSummaryGivesTheSameHint() throws Exception {
    Path log = dir.resolve("queries.log");
    Files.writeString(log, NOT_SURICATA);
    IngestSummary ingest = new IngestSummary();
    new FileIngestor(new RecordingSink(), ingest).ingest(List.of(log), Format.SURICATA);
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    ReplayCommand.Summary.print(new PrintStream(out, true, StandardCharsets.UTF_8),
        new ReplayResult(ingest, 0, 0, List.of(), Duration.ofSeconds(2), List.of(), 0, Duration.ofMillis(38_040)),
        Format.SURICATA, DetectionConfig.defaults(), null, null, Duration.ofMillis(44_120));

    // the whole command's time first: an empty input under load took 44 s, which "2.0 s" hid
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(String.join(System.lineSeparator(),
        "input: read 2: accepted 0, rejected 2 (unparsable 1, missing field 1), skipped 0", WRONG_FORMAT_HINT,
        "detector: 0 events, 0 late (after their window closed), 0 alerts",
        "time: 44.1 s in all (broker start 38.0 s, ingest and detection 2.0 s); 0 events/s through ingest and detection",
        ""));
  }
}
