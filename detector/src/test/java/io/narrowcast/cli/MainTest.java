package io.narrowcast.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.TypeConversionException;

class MainTest {
  /** Runs the CLI and returns {exit status, stderr}. */
  static Object[] run(String... args) {
    return run(() -> Main.execute(args));
  }

  static Object[] run(IntSupplier execution) {
    PrintStream original = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int status = execution.getAsInt();
      return new Object[] {status, err.toString(StandardCharsets.UTF_8)};
    } finally {
      System.setErr(original);
    }
  }

  /** A command that runs out of memory, as simulate does with a background too large for the heap. */
  @Command(name = "hungry")
  static final class Hungry implements Callable<Integer> {
    @Override
    public Integer call() {
      throw new OutOfMemoryError("Java heap space");
    }
  }

  @Test
  void runningOutOfMemoryIsOneLineWithTheHeapAndExitOne() {
    AtomicReference<Object[]> result = new AtomicReference<>();

    // an Error escaping the test would abort the whole test run rather than fail this test
    assertThatNoException().isThrownBy(
        () -> result.set(run(() -> Main.execute(new CommandLine(new Main()).addSubcommand(new Hungry()), Map.of(), "hungry"))));

    assertThat(result.get()).containsExactly(Main.RUN_ERROR,
        "hungry: ran out of memory (the JVM's max heap is " + Runtime.getRuntime().maxMemory() / (1024 * 1024)
            + " MiB): give the JVM more heap, e.g. java -Xmx4g -jar narrowcast.jar ..., or ask for less work"
            + System.lineSeparator());
  }

  /** 2,000,000,000 lookups a day need at least 128 bytes each of heap at once: 244,141 MiB with the default names and resolvers. */
  @Test
  void aBackgroundThatCannotFitInTheHeapIsRefusedBeforeItIsGenerated(@TempDir Path dir) {
    Path events = dir.resolve("events.jsonl");
    String refusal = "--background-names 3000, --background-resolvers 4000 and --background-events-per-day 2000000000 need at "
        + "least 244141 MiB of heap (the JVM's max heap is " + Runtime.getRuntime().maxMemory() / (1024 * 1024)
        + " MiB): give the JVM more heap, e.g. java -Xmx4g -jar narrowcast.jar ..., or ask for less work" + System.lineSeparator();

    assertThat(run("simulate", "--background-events-per-day", "2000000000", "--out", events.toString()))
        .containsExactly(Main.USAGE_ERROR, "simulate: " + refusal);
    assertThat(run("demo", "--background-events-per-day", "2000000000")).containsExactly(Main.USAGE_ERROR, "demo: " + refusal);
    assertThat(run("evaluate", "--background-events-per-day", "2000000000"))
        .containsExactly(Main.USAGE_ERROR, "evaluate: " + refusal);
    assertThat(events).doesNotExist();
  }

  /** The generator's name space holds about 99 million names: far beyond a tenth of it, it would crawl and then never end. */
  @Test
  void aBackgroundOfMoreNamesThanTheGeneratorCanMakeIsRefused(@TempDir Path dir) {
    Path events = dir.resolve("events.jsonl");

    assertThat(run("simulate", "--background-names", "10000001", "--out", events.toString()))
        .containsExactly(Main.USAGE_ERROR, "simulate: background of at most 10000000 names, got 10000001" + System.lineSeparator());
    assertThat(events).doesNotExist();
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
  void durationsBeyondAHundredYearsOrBelowZeroAreRefusedInTheUsersSpelling() {
    assertThat(Durations.parse("36500d")).isEqualTo(Duration.ofDays(36_500));
    assertThatThrownBy(() -> Durations.parse("36501d")).hasMessage("'36501d' is too long: at most 36500d (100 years)");
    assertThatThrownBy(() -> Durations.parse("PT-5M")).hasMessage("'PT-5M' is negative: durations are zero or more");
    for (String overflow : new String[] {"99999999999999999999d", "9999999999999999d", "9999999999999999999w", "PT99999999999999999999H",
        "P9999999999999999D"}) {
      assertThatThrownBy(() -> Durations.parse(overflow)).isInstanceOf(TypeConversionException.class)
          .hasMessage("'" + overflow + "' is too long: at most 36500d (100 years)");
    }
    for (String[] args : new String[][] {{"replay", "--format", "jsonl", "--window", "99999999999999999999d", "x.jsonl"},
        {"replay", "--format", "jsonl", "--window", "9999999999999999d", "x.jsonl"},
        {"alerts", "--since", "999999999999d", "--bootstrap-servers", "localhost:9092"},
        {"ingest", "--format", "jsonl", "--dry-run", "--max-future", "9999999999999d", "x.jsonl"}}) {
      Object[] result = run(args);
      assertThat(result[0]).isEqualTo(Main.USAGE_ERROR);
      assertThat((String) result[1]).hasLineCount(1).contains("is too long: at most 36500d (100 years)").doesNotContain("Exception");
    }
  }

  /** Durations start at zero; an option that needs more than zero says so, in one line. */
  @Test
  void zeroIsADurationAndAnOptionThatNeedsMoreSaysSo() {
    for (String zero : new String[] {"0", "0s", "PT0S", "0d"}) {
      assertThat(Durations.parse(zero)).as(zero).isZero();
      assertThat(run("replay", "--format", "jsonl", "--window", zero, "pom.xml"))
          .containsExactly(Main.USAGE_ERROR, "replay: window must be positive, was 0" + System.lineSeparator());
    }
    assertThat(run("replay", "--format", "jsonl", "--rename-max-lag", "0", "pom.xml"))
        .containsExactly(Main.USAGE_ERROR, "replay: rename-max-lag must be positive, was 0" + System.lineSeparator());
  }

  @Test
  void aBadValueIsOneLineAndExitTwo() {
    Object[] result = run("replay", "--format", "zeek", "--window", "soon", "x.log");
    assertThat(result[0]).isEqualTo(Main.USAGE_ERROR);
    assertThat((String) result[1]).hasLineCount(1).contains("'soon' is not a duration");
  }

  @Test
  void benchRefusesBadRoundsHeapThreadsOrBaselineInOneLineBeforeStartingAnything() {
    Object[] rounds = run("bench", "--rounds", "0");
    assertThat(rounds[0]).isEqualTo(Main.USAGE_ERROR);
    assertThat((String) rounds[1]).hasLineCount(1).contains("--rounds must be at least 1, not 0");
    Object[] heap = run("bench", "--heap", "lots");
    assertThat(heap[0]).isEqualTo(Main.USAGE_ERROR);
    assertThat((String) heap[1]).hasLineCount(1).contains("--heap wants a JVM size such as 512m or 1g, not 'lots'");
    Object[] baseline = run("bench", "--compare", "no-such-build.jar", "--rounds", "2");
    assertThat(baseline[0]).isEqualTo(Main.USAGE_ERROR);
    assertThat((String) baseline[1]).hasLineCount(1).contains("there is no file no-such-build.jar");
    assertThat(run("bench", "--threads", "0")).containsExactly(Main.USAGE_ERROR,
        "bench: --threads must be at least 1, not 0" + System.lineSeparator());
    assertThat(run("bench", "--compare", "no-such-build.jar", "--threads", "2")).containsExactly(Main.USAGE_ERROR,
        "bench: --compare runs one stream thread in each build; leave out --threads" + System.lineSeparator());
  }

  @Test
  void benchAndBrokerRefuseBadPartitionsAndPortsBeforeStartingABroker(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    assertThat(run("bench", "--partitions", "0", "--events", "1000"))
        .containsExactly(Main.USAGE_ERROR, "bench: --partitions must be at least 1, not 0" + System.lineSeparator());
    java.nio.file.Path data = dir.resolve("broker");
    assertThat(run("broker", "--data-dir", data.toString(), "--port", "65535")).containsExactly(Main.USAGE_ERROR,
        "broker: --port 65535 leaves no port for the controller, which listens on the next one: give at most 65534"
            + System.lineSeparator());
    assertThat(run("broker", "--data-dir", data.toString(), "--port", "70000")).containsExactly(Main.USAGE_ERROR,
        "broker: --port must be a port from 1 to 65535, not 70000" + System.lineSeparator());
    assertThat(run("broker", "--data-dir", data.toString(), "--port", "9092", "--controller-port", "9092"))
        .containsExactly(Main.USAGE_ERROR, "broker: --controller-port must differ from --port (9092)" + System.lineSeparator());
    assertThat(data).doesNotExist();
  }

  @Test
  void demoTakesTheFlagsOfARunningDetectorOnlyWithBootstrapServers() {
    assertThat(run("demo", "--control-key-file", "control.key")).containsExactly(Main.USAGE_ERROR,
        "demo: --control-key-file is for a running detector: give it with --bootstrap-servers" + System.lineSeparator());
    assertThat(run("demo", "--alert-timeout", "1m")).containsExactly(Main.USAGE_ERROR,
        "demo: --alert-timeout is for a running detector: give it with --bootstrap-servers" + System.lineSeparator());
  }

  @Test
  void outputThatCannotBeWrittenIsAFailureNotSuccess() {
    PrintStream original = System.out;
    // as /dev/full or a pipe whose reader has gone
    System.setOut(new PrintStream(new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new IOException("No space left on device");
      }
    }, true, StandardCharsets.UTF_8));
    try {
      Object[] result = run("simulate", "--background-names", "10", "--background-resolvers", "10",
          "--background-events-per-day", "10");
      assertThat(result).containsExactly(Main.RUN_ERROR,
          "simulate: failed: cannot write to standard output (a full disk, a closed pipe)" + System.lineSeparator());
    } finally {
      System.setOut(original);
    }
  }

  /** narrowcast --help lists each command with the first line of its description: a whole sentence. */
  @Test
  void everyCommandsFirstDescriptionLineIsASentence() {
    new CommandLine(new Main()).getSubcommands().forEach((name, command) -> {
      String[] description = command.getCommandSpec().usageMessage().description();
      assertThat(description).as(name).isNotEmpty();
      assertThat(description[0]).as(name).endsWith(".");
    });
  }

  /** narrowcast --help lists every command: broker too, which the quick start on a cluster begins with. */
  @Test
  void noCommandIsHidden() {
    new CommandLine(new Main()).getSubcommands().forEach((name, command) ->
        assertThat(command.getCommandSpec().usageMessage().hidden()).as(name).isFalse());
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
    Object[] durations = run("replay", "--format", "zeek", "--lifecycle-ttl", "20d", "pom.xml");
    assertThat((String) durations[1]).isEqualTo("replay: lifecycle-ttl (20d) must be at least new-name-lookback (30d) and "
        + "dark-after (3d): a name must be remembered while it matters" + System.lineSeparator());
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

  @Test
  void ingestNeedsABrokerOrDryRun() {
    Object[] result = run("ingest", "--format", "zeek", "pom.xml");
    assertThat(result[0]).isEqualTo(Main.USAGE_ERROR);
    assertThat((String) result[1]).isEqualTo(
        "ingest: give --bootstrap-servers HOST:PORT, or --dry-run to only parse and count" + System.lineSeparator());
  }

  @Test
  void ingestUsageMistakesAreOneLine() {
    assertThat(run("ingest", "--format", "zeek", "--dry-run", "--listen", "tcp://127.0.0.1:0"))
        .containsExactly(Main.USAGE_ERROR, "ingest: --listen receives dnstap: use it with --format dnstap" + System.lineSeparator());
    assertThat(run("ingest", "--format", "dnstap", "--dry-run", "--follow", "x.dnstap"))
        .containsExactly(Main.USAGE_ERROR, "ingest: --follow reads files of a line format, not dnstap" + System.lineSeparator());
    assertThat(run("ingest", "--format", "zeek", "--dry-run"))
        .containsExactly(Main.USAGE_ERROR, "ingest: nothing to read: give files, - for standard input, or --listen" + System.lineSeparator());
    Object[] badAddress = run("ingest", "--format", "dnstap", "--dry-run", "--listen", "127.0.0.1:6000");
    assertThat(badAddress[0]).isEqualTo(Main.USAGE_ERROR);
    assertThat((String) badAddress[1]).hasLineCount(1).contains("is not a listen address");
    Object[] badTime = run("ingest", "--format", "zeek", "--dry-run", "--min-time", "last year", "pom.xml");
    assertThat(badTime[0]).isEqualTo(Main.USAGE_ERROR);
    assertThat((String) badTime[1]).hasLineCount(1).contains("'last year' is not a time");
  }

  @Test
  void dryRunParsesAndCountsWithoutKafka(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path log = dir.resolve("queries.log");
    java.nio.file.Files.writeString(log, String.join("\n",
        "23-Sep-2016 14:02:03.217 queries: info: client @0x1 217.12.96.15#53535 (a.example): query: a.example IN A + (10.0.0.1)",
        "garbage",
        "01-Jan-1999 00:00:00.000 queries: info: client @0x1 217.12.96.15#53535 (a.example): query: a.example IN A + (10.0.0.1)"));
    Object[] result = run("ingest", "--format", "bind", "--dry-run", "--min-time", "2000-01-01", log.toString());
    assertThat(result).containsExactly(0,
        "input: read 3: accepted 1, rejected 2 (unparsable 1, time out of range 1), skipped 0" + System.lineSeparator());
  }
}
