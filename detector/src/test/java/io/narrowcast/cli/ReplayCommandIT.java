package io.narrowcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * replay on the command line, with its embedded broker: an input refused whole fails; what it refused
 * goes to --dlq-out as dlq --json shows it, a gzip file cut short is named in the summary, and the
 * time line covers the whole command.
 */
class ReplayCommandIT {
  static final String BIND = "7-Jul-2022 16:34:13.003 queries: info: client @0x55adcc672cc0 45.231.61.2#80 (pizzaseo.com): "
      + "query: pizzaseo.com IN ANY +E(0) (172.20.101.44)\n";
  static final String NL = System.lineSeparator();
  /** The time field of a dead letter, which ingest stamps with the clock. */
  static final String TIME = "\"time\":\"([^\"]+)\"";
  /** The summary's time line, its three durations captured. */
  static final Pattern TIME_LINE = Pattern.compile("(?m)^time: (\\d+\\.\\d) s in all \\(broker start (\\d+\\.\\d) s, "
      + "ingest and detection (\\d+\\.\\d) s\\); 0 events/s through ingest and detection$");

  @TempDir
  Path dir;

  /** A BIND log replayed as Zeek: every line is refused, so the replay failed, and an earlier alerts file stays. */
  @Test
  void anInputWhoseEveryRecordIsRefusedExitsWithAUsageErrorAndTheHint() throws Exception {
    Path log = Files.writeString(dir.resolve("queries.log"), BIND + BIND);
    Path alerts = Files.writeString(dir.resolve("alerts.jsonl"), "{\"alert_id\":\"qc-1\"}\n");

    Cli.Result result = Cli.run("replay", "--format", "zeek", log.toString(), "--alerts-out", alerts.toString());

    assertThat(result.status()).isEqualTo(Main.USAGE_ERROR);
    assertThat(result.err().lines()).contains("input: read 2: accepted 0, rejected 2 (unparsable 2), skipped 0",
        "hint: every record was refused; is --format zeek right for this input?",
        "detector: 0 events, 0 late (after their window closed), 0 alerts");
    assertThat(Files.readString(alerts)).isEqualTo("{\"alert_id\":\"qc-1\"}\n");
  }

  /** Under load the broker's start took 44 s of an empty replay: the time line reports the whole command and its parts. */
  @Test
  void theTimeLineCoversTheWholeCommandBrokerStartIncluded() throws Exception {
    Path empty = Files.writeString(dir.resolve("empty.log"), "");

    Cli.Result result = Cli.run("replay", "--format", "bind", empty.toString());

    assertThat(result.status()).isZero();
    Matcher time = TIME_LINE.matcher(result.err());
    assertThat(time.find()).as(result.err()).isTrue();
    double inAll = Double.parseDouble(time.group(1));
    double brokerStart = Double.parseDouble(time.group(2));
    double ingestAndDetection = Double.parseDouble(time.group(3));
    assertThat(brokerStart).isPositive();
    assertThat(inAll).isGreaterThanOrEqualTo(brokerStart + ingestAndDetection - 0.1); // each is rounded to 0.1 s
  }

  /**
   * Issue 21's M57 command: on four hosts every name shares the same few queriers, and hourly windows
   * once raised 14 renames between unrelated names; at most one alert may come of the two days now.
   */
  @Test
  void theTwoM57DaysAtHourlyWindowsRaiseAtMostOneAlert() throws Exception {
    Path m57 = Path.of("..", "..", "shared", "data", "real", "m57");

    Cli.Result result = Cli.run("replay", "--format", "zeek", "--window", "1h", "--new-name-lookback", "3h",
        "--dark-after", "2h", "--rename-max-lag", "6h", "--min-baseline-sources", "3", "--max-remaining-sources", "1",
        "--min-queries", "5", m57.resolve("2009-M57-day11-18.dns.log").toString(),
        m57.resolve("2009-M57-day11-21.dns.log").toString());

    assertThat(result.status()).as(result.err()).isZero();
    Matcher detector = Pattern.compile("(?m)^detector: 4,078 events, 0 late \\(after their window closed\\), (\\d+) alerts")
        .matcher(result.err());
    assertThat(detector.find()).as(result.err()).isTrue();
    assertThat(Integer.parseInt(detector.group(1))).isLessThanOrEqualTo(1);
  }

  /** The replay's summary on standard error, but for the time it took; log lines, which tests write there too, left out. */
  static List<String> summary(Cli.Result result) {
    return result.err().lines().filter(line -> line.matches("(input|hint|cut short|detector|dead letters): .*")).toList();
  }

  @Test
  void theReplaysDeadLettersAreWrittenToDlqOutWithTheBytesThatWereReadAndACutShortFileIsNamed() throws Exception {
    Path log = dir.resolve("dns.jsonl");
    Files.write(log, String.join("\n",
        "{\"event_time\":\"2020-01-01T00:00:00Z\",\"source_ip\":\"10.0.0.1\",\"query\":\"a.example\"}",
        "this is not json",
        "{\"event_time\":\"2020-01-01T00:00:01Z\",\"source_ip\":\"10.0.0.1\",\"query\":\"caf\u00e9.example\"}",
        "{\"event_time\":\"2020-01-01T00:00:02Z\",\"source_ip\":\"10.0.0.300\",\"query\":\"b.example\"}").concat("\n")
        .getBytes(StandardCharsets.ISO_8859_1));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    GZIPOutputStream gzip = new GZIPOutputStream(bytes, true);
    gzip.write(("{\"event_time\":\"2020-01-01T00:01:00Z\",\"source_ip\":\"10.0.0.2\",\"query\":\"c.example\"}\n"
        + "{\"event_time\":\"2020-01-01T00:02:00Z\",\"source_ip\":\"10.0.0.3\",\"query\":\"d.example\"}\n")
        .getBytes(StandardCharsets.UTF_8));
    gzip.flush(); // a sync flush: the data ends after the second line, and the stream is never finished
    Path cut = Files.write(dir.resolve("dns.jsonl.1.gz"), bytes.toByteArray());
    Path alerts = dir.resolve("alerts.jsonl");
    Path dlq = dir.resolve("dlq.jsonl");
    Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS); // the precision of a record's timestamp

    Cli.Result result = Cli.run("replay", "--format", "jsonl", log.toString(), cut.toString(), "--alerts-out", alerts.toString(),
        "--dlq-out", dlq.toString());

    Instant after = Instant.now();
    assertThat(result.status()).isZero();
    assertThat(summary(result)).containsExactly(
        "input: read 7: accepted 3, rejected 4 (unparsable 2, bad address 1, bad characters 1), skipped 0",
        "cut short: " + cut + ": truncated gzip stream after line 2",
        "detector: 3 events, 0 late (after their window closed), 0 alerts written to " + alerts,
        "dead letters: 4 written to " + dlq);
    assertThat(Files.readString(alerts)).isEmpty();
    List<String> lines = Files.readAllLines(dlq);
    assertThat(lines).allSatisfy(line -> assertThat(Instant.parse(line.replaceFirst("^\\{" + TIME + ".*", "$1")))
        .isBetween(before, after));
    assertThat(lines).extracting(line -> line.replaceFirst(TIME, "\"time\":\"T\"")).containsExactly(
        "{\"time\":\"T\",\"reason\":\"unparsable\",\"detail\":\"not JSON: Unrecognized token 'this': was expecting "
            + "(JSON String, Number, Array, Object or token 'null', 'true' or 'false')\",\"origin\":\"" + log + ":2\","
            + "\"value\":\"this is not json\",\"value_base64\":\"dGhpcyBpcyBub3QganNvbg==\"}",
        "{\"time\":\"T\",\"reason\":\"bad characters\",\"detail\":\"not a valid IDN: java.text.ParseException: "
            + "A prohibited code point was found in the inputcaf\uFFFD\",\"origin\":\"" + log + ":3\","
            + "\"value\":\"{\\\"event_time\\\":\\\"2020-01-01T00:00:01Z\\\",\\\"source_ip\\\":\\\"10.0.0.1\\\","
            + "\\\"query\\\":\\\"caf\\\\xe9.example\\\"}\","
            + "\"value_base64\":\"eyJldmVudF90aW1lIjoiMjAyMC0wMS0wMVQwMDowMDowMVoiLCJzb3VyY2VfaXAiOiIxMC4wLjAuMSIsInF1ZXJ5IjoiY2Fm6S5leGFtcGxlIn0=\"}",
        "{\"time\":\"T\",\"reason\":\"bad address\",\"detail\":\"not an IP address: \\\"10.0.0.300\\\"\",\"origin\":\"" + log + ":4\","
            + "\"value\":\"{\\\"event_time\\\":\\\"2020-01-01T00:00:02Z\\\",\\\"source_ip\\\":\\\"10.0.0.300\\\","
            + "\\\"query\\\":\\\"b.example\\\"}\","
            + "\"value_base64\":\"eyJldmVudF90aW1lIjoiMjAyMC0wMS0wMVQwMDowMDowMloiLCJzb3VyY2VfaXAiOiIxMC4wLjAuMzAwIiwicXVlcnkiOiJiLmV4YW1wbGUifQ==\"}",
        "{\"time\":\"T\",\"reason\":\"unparsable\",\"detail\":\"truncated gzip stream after line 2\",\"origin\":\"" + cut + ":3\","
            + "\"value\":\"\",\"value_base64\":\"\"}");
  }
}
