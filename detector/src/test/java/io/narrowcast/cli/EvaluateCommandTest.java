package io.narrowcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** evaluate --background refuses in one line, exit status 2, what cannot be evaluated, before any broker starts. */
class EvaluateCommandTest {
  static final String NL = System.lineSeparator();

  @TempDir
  Path dir;

  /** {@code minutes} minutes of lookups by two hosts, one a second, as JSON lines. */
  private Path log(int minutes) throws IOException {
    List<String> lines = new ArrayList<>();
    Instant start = Instant.parse("2022-03-09T18:11:00Z");
    for (int second = 0; second < minutes * 60; second++) {
      lines.add("{\"event_time\":\"" + start.plusSeconds(second) + "\",\"source_ip\":\"10.0.2." + (15 + second % 2)
          + "\",\"query\":\"n" + second % 7 + ".example\"}");
    }
    return Files.write(dir.resolve("dns.jsonl"), lines);
  }

  private static Cli.Result refusal(String line) {
    return new Cli.Result(Main.USAGE_ERROR, "", "evaluate: " + line + NL);
  }

  @Test
  void aBackgroundNeedsItsFormatAndAFormatNeedsABackground() throws IOException {
    String log = log(1).toString();
    assertThat(Cli.run("evaluate", "--background", log)).isEqualTo(refusal("--background needs the --format of its log"));
    assertThat(Cli.run("evaluate", "--format", "zeek")).isEqualTo(refusal("--format is the format of a --background log; give the log too"));
  }

  @Test
  void theScenariosFlagsDoNotDescribeALog() throws IOException {
    assertThat(Cli.run("evaluate", "--background", log(1).toString(), "--format", "jsonl", "--scenarios", "alfa",
        "--background-names", "5")).isEqualTo(refusal("--scenarios, --background-names describe the simulated scenarios, not a --background log"));
  }

  @Test
  void anUnreadableLogALogReadInTheWrongFormatAndTooShortALogAreRefused() throws IOException {
    Path missing = dir.resolve("missing.log");
    assertThat(Cli.run("evaluate", "--background", missing.toString(), "--format", "zeek")).isEqualTo(refusal("cannot read " + missing));
    String log = log(3).toString();
    assertThat(Cli.run("evaluate", "--background", log, "--format", "zeek")).isEqualTo(refusal("the background gave no events "
        + "(read 180: accepted 0, rejected 180 (unparsable 180), skipped 0); is --format zeek right for it?"));
    assertThat(Cli.run("evaluate", "--background", log, "--format", "jsonl")).isEqualTo(refusal("the log's busiest stretch lasts "
        + "179s, too short for 20 windows of 10s: give a log of at least 200s of traffic, or a --window"));
  }

  @Test
  void aGivenWindowTooLongForTheInjectedAnomaliesIsRefused() throws IOException {
    assertThat(Cli.run("evaluate", "--background", log(30).toString(), "--format", "jsonl", "--window", "5m"))
        .isEqualTo(refusal("the injected anomalies need 13 windows of 5m (new-name-lookback 15m, rename-max-lag 35m), "
            + "but the log's busiest stretch holds 5: give a shorter --window, or leave it out"));
  }
}
