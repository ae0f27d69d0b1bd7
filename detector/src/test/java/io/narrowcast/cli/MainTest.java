package io.narrowcast.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class MainTest {
  /** Runs the CLI and returns {exit status, stderr}. */
  static Object[] run(String... args) {
    PrintStream original = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int status = Main.execute(args);
      return new Object[] {status, err.toString(StandardCharsets.UTF_8)};
    } finally {
      System.setErr(original);
    }
  }

  @Test
  void durations() {
    assertThat(Durations.parse("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(Durations.parse("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(Durations.parse("1d")).isEqualTo(Duration.ofDays(1));
    assertThat(Durations.parse("PT5M")).isEqualTo(Duration.ofMinutes(5));
    assertThat(Durations.parse("p1d")).isEqualTo(Duration.ofDays(1));
    assertThatThrownBy(() -> Durations.parse("5 minutes")).isInstanceOf(TypeConversionException.class);
  }

  @Test
  void aBadValueIsOneLineAndExitTwo() {
    Object[] result = run("replay", "--format", "zeek", "--window", "soon", "x.log");
    assertThat(result[0]).isEqualTo(Main.USAGE_ERROR);
    assertThat((String) result[1]).hasLineCount(1).contains("'soon' is not a duration");
  }

  @Test
  void anUnknownFormatIsOneLine() {
    Object[] result = run("replay", "--format", "pcap", "x.log");
    assertThat(result[0]).isEqualTo(Main.USAGE_ERROR);
    assertThat((String) result[1]).hasLineCount(1).contains("unknown format 'pcap'");
  }

  @Test
  void contradictoryThresholdsAreOneLine() {
    Object[] result = run("replay", "--format", "zeek", "--max-remaining-sources", "12", "pom.xml");
    assertThat(result[0]).isEqualTo(Main.USAGE_ERROR);
    assertThat((String) result[1]).hasLineCount(1).contains("max-remaining-sources (12) must be below min-baseline-sources (10)");
  }

  @Test
  void aMissingFileIsOneLine() {
    Object[] result = run("replay", "--format", "zeek", "does-not-exist.log");
    assertThat(result[0]).isEqualTo(Main.USAGE_ERROR);
    assertThat((String) result[1]).isEqualTo("replay: cannot read does-not-exist.log" + System.lineSeparator());
  }

  @Test
  void anUnknownScenarioIsOneLine() {
    Object[] result = run("simulate", "--scenario", "bravo");
    assertThat(result[0]).isEqualTo(Main.USAGE_ERROR);
    assertThat((String) result[1]).contains("unknown scenario 'bravo'");
  }
}
