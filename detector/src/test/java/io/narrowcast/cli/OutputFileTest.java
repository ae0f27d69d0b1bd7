package io.narrowcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Output paths are checked before anything starts, never overwrite an input, and a failed run leaves them alone. */
class OutputFileTest {
  static final String NL = System.lineSeparator();
  static final String EVENT = "{\"event_time\":1000,\"source_ip\":\"10.0.0.1\",\"query\":\"a.example\"}\n";

  @TempDir
  Path dir;

  List<String> files() throws Exception {
    try (Stream<Path> all = Files.list(dir)) {
      return all.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void replayRefusesToWriteItsAlertsOverAnInputHoweverItIsSpelled() throws Exception {
    Path events = Files.writeString(dir.resolve("events.jsonl"), EVENT);
    Path link = Files.createSymbolicLink(dir.resolve("link.jsonl"), events);

    for (String out : List.of(events.toString(), dir.resolve(".").resolve("events.jsonl").toString(), link.toString())) {
      Cli.Result result = Cli.run("replay", "--format", "jsonl", events.toString(), "--alerts-out", out);
      assertThat(result.status()).isEqualTo(Main.USAGE_ERROR);
      assertThat(result.err()).isEqualTo("replay: --alerts-out " + out + " is the input " + events
          + ": writing it would destroy what is read" + NL);
    }
    Cli.Result viaLink = Cli.run("replay", "--format", "jsonl", link.toString(), "--alerts-out", events.toString());
    assertThat(viaLink.err()).isEqualTo("replay: --alerts-out " + events + " is the input " + link
        + ": writing it would destroy what is read" + NL);
    assertThat(Files.readString(events)).isEqualTo(EVENT);
  }

  @Test
  void aRefusedReplayLeavesAnExistingAlertsFileAlone() throws Exception {
    Path events = Files.writeString(dir.resolve("events.jsonl"), EVENT);
    Path alerts = Files.writeString(dir.resolve("alerts.jsonl"), "{\"alert_id\":\"qc-1\"}\n");

    Cli.Result result = Cli.run("replay", "--format", "jsonl", events.toString(), "--alerts-out", alerts.toString(),
        "--report-dir", events.toString());

    assertThat(result.status()).isEqualTo(Main.USAGE_ERROR);
    assertThat(result.err()).isEqualTo("replay: --report-dir " + events + " is not a directory" + NL);
    assertThat(Files.readString(alerts)).isEqualTo("{\"alert_id\":\"qc-1\"}\n");
  }

  @Test
  void pathsThatCannotBeWrittenAreOneLineBeforeAnythingStarts() throws Exception {
    Path events = Files.writeString(dir.resolve("events.jsonl"), EVENT);
    Path subdir = Files.createDirectory(dir.resolve("sub"));
    Path missing = dir.resolve("missing").resolve("x.jsonl");
    String[] small = {"--background-names", "10", "--background-resolvers", "10", "--background-events-per-day", "10"};

    assertThat(Cli.run("replay", "--format", "jsonl", events.toString(), "--alerts-out", subdir.toString()))
        .isEqualTo(new Cli.Result(Main.USAGE_ERROR, "", "replay: --alerts-out " + subdir + " is a directory" + NL));
    assertThat(Cli.run("replay", "--format", "jsonl", events.toString(), "--alerts-out", missing.toString()).err())
        .isEqualTo("replay: --alerts-out " + missing + ": there is no directory " + missing.getParent() + NL);
    assertThat(Cli.run("replay", "--format", "jsonl", events.toString(), "--report-dir", events.resolve("sub").toString()).err())
        .isEqualTo("replay: --report-dir " + events.resolve("sub") + ": cannot create it (Not a directory)" + NL);
    assertThat(Cli.run(concat(small, "simulate", "--out", subdir.toString())).err())
        .isEqualTo("simulate: --out " + subdir + " is a directory" + NL);
    assertThat(Cli.run(concat(small, "simulate", "--out", missing.toString())).err())
        .isEqualTo("simulate: --out " + missing + ": there is no directory " + missing.getParent() + NL);
    Cli.Result labels = Cli.run(concat(small, "simulate", "--labels-out", missing.toString()));
    assertThat(labels).isEqualTo(new Cli.Result(Main.USAGE_ERROR, "",
        "simulate: --labels-out " + missing + ": there is no directory " + missing.getParent() + NL));
    assertThat(Cli.run(concat(small, "demo", "--report-dir", events.toString())).err())
        .isEqualTo("demo: --report-dir " + events + " is not a directory" + NL);
    assertThat(Cli.run("report", "qc-1", "--bootstrap-servers", "127.0.0.1:9", "--report-dir", events.toString()).err())
        .isEqualTo("report: --report-dir " + events + " is not a directory" + NL);
    assertThat(files()).containsExactly("events.jsonl", "sub");
  }

  @Test
  void replayChecksItsDeadLettersFileAsItsAlertsFileAndNeverWritesBothToOne() throws Exception {
    Path events = Files.writeString(dir.resolve("events.jsonl"), EVENT);
    Path subdir = Files.createDirectory(dir.resolve("sub"));
    Path alerts = dir.resolve("alerts.jsonl");
    String sameNew = dir.resolve(".").resolve("alerts.jsonl").toString();

    assertThat(Cli.run("replay", "--format", "jsonl", events.toString(), "--dlq-out", events.toString())).isEqualTo(
        new Cli.Result(Main.USAGE_ERROR, "", "replay: --dlq-out " + events + " is the input " + events
            + ": writing it would destroy what is read" + NL));
    assertThat(Cli.run("replay", "--format", "jsonl", events.toString(), "--dlq-out", subdir.toString()))
        .isEqualTo(new Cli.Result(Main.USAGE_ERROR, "", "replay: --dlq-out " + subdir + " is a directory" + NL));
    assertThat(Cli.run("replay", "--format", "jsonl", events.toString(), "--alerts-out", alerts.toString(), "--dlq-out", sameNew))
        .isEqualTo(new Cli.Result(Main.USAGE_ERROR, "",
            "replay: --dlq-out " + sameNew + " is --alerts-out " + alerts + ": one would replace the other" + NL));
    assertThat(files()).containsExactly("events.jsonl", "sub");
  }

  @Test
  void simulateRefusesToWriteItsEventsAndLabelsToOneFile() throws Exception {
    String[] small = {"--background-names", "10", "--background-resolvers", "10", "--background-events-per-day", "10"};
    Path out = dir.resolve("sim.jsonl");
    String sameNew = dir.resolve(".").resolve("sim.jsonl").toString();

    assertThat(Cli.run(concat(small, "simulate", "--out", out.toString(), "--labels-out", sameNew))).isEqualTo(
        new Cli.Result(Main.USAGE_ERROR, "", "simulate: --labels-out " + sameNew + " is --out " + out + ": one would replace the other" + NL));
    Files.writeString(out, EVENT);
    Path link = Files.createSymbolicLink(dir.resolve("link.jsonl"), out);
    assertThat(Cli.run(concat(small, "simulate", "--out", out.toString(), "--labels-out", link.toString())).status())
        .isEqualTo(Main.USAGE_ERROR);
    assertThat(Files.readString(out)).isEqualTo(EVENT);
    assertThat(files()).containsExactly("link.jsonl", "sim.jsonl");
  }

  @Test
  void directoriesForStateAndDataThatCannotBeWrittenAreOneLine() throws Exception {
    Path file = Files.writeString(dir.resolve("events.jsonl"), EVENT);

    assertThat(Cli.run("ingest", "--format", "jsonl", "--bootstrap-servers", "127.0.0.1:9", "--follow", "--state-dir",
        file.toString(), file.toString())).isEqualTo(new Cli.Result(Main.USAGE_ERROR, "",
            "ingest: --state-dir " + file + " is not a directory" + NL));
    assertThat(Cli.run("run", "--data-dir", file.toString(), "--embedded-broker-port", "0")).isEqualTo(
        new Cli.Result(Main.USAGE_ERROR, "", "run: --data-dir " + file + " is not a directory" + NL));
    assertThat(Cli.run("broker", "--data-dir", file.toString(), "--port", String.valueOf(NarrowcastProcess.freePort())))
        .isEqualTo(new Cli.Result(Main.USAGE_ERROR, "", "broker: --data-dir " + file + " is not a directory" + NL));
  }

  @Test
  void theTargetIsReplacedOnlyOnCommit() throws Exception {
    Path target = Files.writeString(dir.resolve("alerts.jsonl"), "old\n");
    Path link = Files.createSymbolicLink(dir.resolve("link.jsonl"), target);

    try (OutputFile failed = OutputFile.open(target, "--alerts-out", List.of())) {
      failed.stream().write("half".getBytes(StandardCharsets.UTF_8));
    }
    assertThat(Files.readString(target)).isEqualTo("old\n");
    try (OutputFile done = OutputFile.open(link, "--alerts-out", List.of())) {
      done.stream().write("new\n".getBytes(StandardCharsets.UTF_8));
      done.commit();
    }
    assertThat(Files.readString(target)).isEqualTo("new\n");
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(files()).containsExactly("alerts.jsonl", "link.jsonl");
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"broker, --port", "run, --embedded-broker-port"})
  void aNewDataDirectoryIsOwnerOnly(String command, String portFlag) throws Exception {
    Path data = dir.resolve("var").resolve("data");

    try (ServerSocket busy = busyPort()) {
      Cli.Result result = Cli.run(command, "--data-dir", data.toString(), portFlag, String.valueOf(busy.getLocalPort()));
      assertThat(result.status()).as(result.err()).isEqualTo(Main.RUN_ERROR); // the broker cannot listen: after the check
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.getParent()))).isEqualTo("rwx------");
  }

  @Test
  void anExistingDataDirectoryOthersCanGetIntoIsLeftAsItIsWithAWarning() throws Exception {
    Path data = Files.createDirectory(dir.resolve("data"));
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));

    try (ServerSocket busy = busyPort()) {
      Cli.Result result = Cli.run("broker", "--data-dir", data.toString(), "--port", String.valueOf(busy.getLocalPort()));
      assertThat(result.err().lines().findFirst()).contains("warning: --data-dir " + data
          + " is open to other users (rwxr-xr-x); make it owner-only: chmod 700 " + data);
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwxr-xr-x");
  }

  /** A loopback port taken, below 65535 so that the next one is a controller's port. */
  private static ServerSocket busyPort() throws Exception {
    while (true) {
      ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
      if (socket.getLocalPort() < Checks.MAX_PORT) {
        return socket;
      }
      socket.close();
    }
  }

  static String[] concat(String[] options, String... args) {
    return Stream.concat(Stream.of(args), Stream.of(options)).toArray(String[]::new);
  }
}
