package io.narrowcast.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.narrowcast.alert.AlertJson;
import io.narrowcast.alert.AlertKind;
import io.narrowcast.ingest.RejectReason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.TypeConversionException;

/** alerts, dlq and report without a cluster: their flags, and the mistakes that are one line and exit 2. */
class AlertsCommandTest {
  static final String NL = System.lineSeparator();

  @Test
  void sinceTakesADateAnInstantOrADurationBackFromNow() {
    var since = new AlertsCommand.SinceConverter(Clock.fixed(Instant.parse("2016-10-01T12:00:00Z"), ZoneOffset.UTC));
    assertThat(since.convert("2016-09-23")).isEqualTo(Instant.parse("2016-09-23T00:00:00Z"));
    assertThat(since.convert("2016-09-23T14:02:03Z")).isEqualTo(Instant.parse("2016-09-23T14:02:03Z"));
    assertThat(since.convert("7d")).isEqualTo(Instant.parse("2016-09-24T12:00:00Z"));
    assertThat(since.convert("PT12H")).isEqualTo(Instant.parse("2016-10-01T00:00:00Z"));
    assertThatThrownBy(() -> since.convert("yesterday")).isInstanceOf(TypeConversionException.class)
        .hasMessage("'yesterday' is not a time or a duration: use 2016-05-01, 2016-05-01T09:00:00Z, 12h or 7d");
  }

  @Test
  void kindTakesTheContractNamesOrTheTablesShortOnes() {
    var kind = new AlertsCommand.KindConverter();
    assertThat(kind.convert("QUERIER_COLLAPSE")).isEqualTo(AlertKind.QUERIER_COLLAPSE);
    assertThat(kind.convert("collapse")).isEqualTo(AlertKind.QUERIER_COLLAPSE);
    assertThat(kind.convert("rename_follow")).isEqualTo(AlertKind.RENAME_FOLLOW);
    assertThat(kind.convert("Rename")).isEqualTo(AlertKind.RENAME_FOLLOW);
  }

  @Test
  void reasonTakesTheLabelWithSpacesDashesOrUnderscoresInAnyCase() {
    var reason = new DlqCommand.ReasonConverter();
    assertThat(reason.convert("unparsable")).isEqualTo(RejectReason.UNPARSABLE);
    assertThat(reason.convert("missing field")).isEqualTo(RejectReason.MISSING_FIELD);
    assertThat(reason.convert("Time-Out-Of-Range")).isEqualTo(RejectReason.TIME_OUT_OF_RANGE);
    assertThat(reason.convert("RECORD_TOO_LARGE")).isEqualTo(RejectReason.RECORD_TOO_LARGE);
    assertThatThrownBy(() -> reason.convert("garbage")).isInstanceOf(TypeConversionException.class)
        .hasMessage("'garbage' is not a reason: use one of unparsable, missing-field, bad-address, name-too-long, "
            + "label-too-long, bad-characters, time-out-of-range, record-too-large");
  }

  /** The contract's rename, collapse and its close, out of time order, with two lines that are no alerts between them. */
  private Path alertsFile(Path dir) throws IOException {
    List<String> lines = new ArrayList<>();
    for (String name : List.of("alert-rename.jsonl", "alert-collapse-closed.jsonl", "alert-collapse.jsonl")) {
      try (InputStream in = AlertsCommandTest.class.getResourceAsStream("/contract/" + name)) {
        lines.add(new String(in.readAllBytes(), StandardCharsets.UTF_8).strip());
      }
    }
    lines.add(1, "garbage");
    lines.add(3, "{\"alert_id\":\"qc-1\",\"kind\":\"QUERIER_COLLAPSE\",\"window_start\":\"yesterday\"}");
    return Files.write(dir.resolve("alerts.jsonl"), lines);
  }

  @Test
  void aFileOfAlertsIsTheSameTableOldestFirstAndALineThatIsNoAlertIsSkippedWithAWarning(@TempDir Path dir) throws Exception {
    Path file = alertsFile(dir);

    Cli.Result result = Cli.run("alerts", "--file", file.toString());

    // the close's TIME is its window's end: the file does not keep the day after, when it was sent
    assertThat(result).isEqualTo(new Cli.Result(0, String.join(NL,
        "TIME (UTC)        ID                   STATUS  KIND      SEV     SCORE  WINDOW (UTC)                        DOMAIN"
            + "                                    DETAIL",
        "2016-05-05 00:00  qc-101b682a48db4382  new     collapse  high     0.91  2016-05-04 00:00 .. 2016-05-05 00:00  "
            + "mail1.trump-email.com                     217.12.96.15 42.1%, 217.12.97.15 42.1%, 167.73.110.8 15.8%",
        "2016-09-23 00:00  qc-101b682a48db4382  closed  collapse  high     0.91  2016-05-04 00:00 .. 2016-09-23 00:00  "
            + "mail1.trump-email.com                     closed: the name stopped resolving (NXDOMAIN)",
        "2016-09-28 00:00  rf-cd2f5d28975231c6  new     rename    high     1.00  2016-09-27 00:00 .. 2016-09-28 00:00  "
            + "mail1.trump-email.com -> trump1.contact-client.com  217.12.96.15 77.8%, 217.12.97.15 22.2%; same answer "
            + "66.216.133.29; lag 3d 18h") + NL, String.join(NL,
        "alerts: " + file + ":2: skipped, not JSON: Unrecognized token 'garbage': was expecting (JSON String, Number, Array, "
            + "Object or token 'null', 'true' or 'false')",
        "alerts: " + file + ":4: skipped, not an alert: window_start 'yesterday' is no ISO-8601 time") + NL));
  }

  @Test
  void aFileOfAlertsTakesJsonKindAndSince(@TempDir Path dir) throws Exception {
    Path file = alertsFile(dir);

    assertThat(Cli.run("alerts", "--file", file.toString(), "--json", "--kind", "rename").out())
        .isEqualTo(Files.readAllLines(file).get(0) + NL);
    assertThat(Cli.run("alerts", "--file", file.toString(), "--json", "--since", "2016-09-01").lines())
        .extracting(line -> AlertJson.read(line).getStatus()).containsExactly("closed", "new");
  }

  @Test
  void aFileIsNotReadWithTheFlagsOfKafkaAndOneThatCannotBeReadIsOneLine(@TempDir Path dir) throws Exception {
    Path file = alertsFile(dir);
    for (String[] kafka : List.of(new String[] {"--bootstrap-servers", "localhost:9092"}, new String[] {"--follow"},
        new String[] {"--kafka-config", file.toString()}, new String[] {"--ocsf"})) {
      assertThat(Cli.run(OutputFileTest.concat(kafka, "alerts", "--file", file.toString()))).isEqualTo(new Cli.Result(
          Main.USAGE_ERROR, "", "alerts: --file and " + kafka[0] + " cannot be combined: --file reads alert JSON lines "
              + "from a file, without Kafka" + NL));
    }
    assertThat(Cli.run("alerts", "--file", dir.resolve("none.jsonl").toString())).isEqualTo(new Cli.Result(Main.USAGE_ERROR, "",
        "alerts: cannot read --file " + dir.resolve("none.jsonl") + " (no such file)" + NL));
    // a cluster from the environment is a default, which --file leaves unused
    assertThat(Cli.runWith(Map.of("NARROWCAST_BOOTSTRAP_SERVERS", "localhost:9092"), "alerts", "--file", file.toString(),
        "--kind", "rename").status()).isZero();
  }

  @Test
  void aClusterIsNeeded() {
    assertThat(Cli.run("alerts")).isEqualTo(new Cli.Result(Main.USAGE_ERROR, "",
        "alerts: give --bootstrap-servers HOST:PORT (or bootstrap.servers in --kafka-config)" + NL));
    assertThat(Cli.run("dlq", "--json")).isEqualTo(new Cli.Result(Main.USAGE_ERROR, "",
        "dlq: give --bootstrap-servers HOST:PORT (or bootstrap.servers in --kafka-config)" + NL));
    assertThat(Cli.run("report", "rf-cd2f5d28975231c6").err())
        .isEqualTo("report: give --bootstrap-servers HOST:PORT (or bootstrap.servers in --kafka-config)" + NL);
  }

  @Test
  void badValuesAreOneLineAndExitTwo() {
    Cli.Result since = Cli.run("alerts", "--since", "yesterday", "--bootstrap-servers", "localhost:9092");
    assertThat(since.status()).isEqualTo(Main.USAGE_ERROR);
    assertThat(since.err()).hasLineCount(1).contains("'yesterday' is not a time or a duration");
    Cli.Result kind = Cli.run("alerts", "--kind", "dga", "--bootstrap-servers", "localhost:9092");
    assertThat(kind.status()).isEqualTo(Main.USAGE_ERROR);
    assertThat(kind.err()).hasLineCount(1).contains("'dga' is not a kind: use QUERIER_COLLAPSE or RENAME_FOLLOW");
    assertThat(Cli.run("alerts", "--ocsf", "--json", "--bootstrap-servers", "localhost:9092")).isEqualTo(new Cli.Result(
        Main.USAGE_ERROR, "", "alerts: --ocsf shows the findings' own JSON: leave out --json, the alert contract's" + NL));
    Cli.Result reason = Cli.run("dlq", "--reason", "bogus", "--bootstrap-servers", "localhost:9092");
    assertThat(reason.status()).isEqualTo(Main.USAGE_ERROR);
    assertThat(reason.err()).hasLineCount(1).contains("'bogus' is not a reason: use one of unparsable, missing-field");
    Cli.Result noId = Cli.run("report", "--bootstrap-servers", "localhost:9092");
    assertThat(noId.status()).isEqualTo(Main.USAGE_ERROR);
    assertThat(noId.err()).hasLineCount(1).contains("ALERT_ID");
    Cli.Result noFile = Cli.run("alerts", "--kafka-config", "does-not-exist.properties");
    assertThat(noFile.status()).isEqualTo(Main.USAGE_ERROR);
    assertThat(noFile.err()).isEqualTo("alerts: cannot read --kafka-config does-not-exist.properties (no such file)"
        + System.lineSeparator());
  }

  @Test
  void aServerAddressKafkaRefusesIsOneLineNamingIt(@TempDir Path dir) throws Exception {
    Path log = Files.writeString(dir.resolve("events.jsonl"), "{}\n");
    assertThat(Cli.run("alerts", "--bootstrap-servers", "not a host"))
        .isEqualTo(new Cli.Result(Main.USAGE_ERROR, "", "alerts: Invalid url in bootstrap.servers: not a host" + NL));
    assertThat(Cli.run("report", "qc-1", "--bootstrap-servers", "localhost"))
        .isEqualTo(new Cli.Result(Main.USAGE_ERROR, "", "report: Invalid url in bootstrap.servers: localhost" + NL));
    assertThat(Cli.run("ingest", "--format", "jsonl", "--bootstrap-servers", "not a host", log.toString()))
        .isEqualTo(new Cli.Result(Main.USAGE_ERROR, "", "ingest: Invalid url in bootstrap.servers: not a host" + NL));
  }

  @Test
  void theKafkaConfigFileCarriesSecuritySettingsAndTheFlagWins(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("client.properties");
    Files.writeString(file, "bootstrap.servers=kafka-1:9093\nsecurity.protocol=SSL\nssl.truststore.location=/etc/kafka/ts.jks\n");
    KafkaOptions options = new KafkaOptions();
    options.configFile = file;
    assertThat(options.clientConfig()).isEqualTo(Map.of("bootstrap.servers", "kafka-1:9093", "security.protocol", "SSL",
        "ssl.truststore.location", "/etc/kafka/ts.jks"));
    options.bootstrapServers = "kafka-2:9093";
    assertThat(options.clientConfig()).containsEntry("bootstrap.servers", "kafka-2:9093").containsEntry("security.protocol", "SSL");
  }
}
