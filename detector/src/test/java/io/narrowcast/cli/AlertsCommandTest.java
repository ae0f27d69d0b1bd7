package io.narrowcast.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.narrowcast.alert.AlertKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.TypeConversionException;

/** alerts and report without a cluster: their flags, and the mistakes that are one line and exit 2. */
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
  void aClusterIsNeeded() {
    assertThat(Cli.run("alerts")).isEqualTo(new Cli.Result(Main.USAGE_ERROR, "",
        "alerts: give --bootstrap-servers HOST:PORT (or bootstrap.servers in --kafka-config)" + NL));
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
