package io.narrowcast.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded broker's own log stays off a user's console: it goes to broker.log in the broker's
 * data directory. The canary is the WARN a broker logs on every fresh start (the controller's
 * activation), let through by NARROWCAST_KAFKA_LOG_LEVEL=WARN.
 */
class BrokerLogIT {
  private static final Map<String, String> KAFKA_WARN = Map.of("NARROWCAST_KAFKA_LOG_LEVEL", "WARN");
  /** How the broker's components begin their messages ([QuorumController id=1], [ReplicaManager broker=1]); clients say clientId=. */
  private static final Pattern BROKER_COMPONENT = Pattern.compile("\\[[A-Za-z]+ (id|broker|nodeId)=\\d+");
  private static final String ACTIVATION = "Performing controller activation";

  @TempDir
  Path work;

  @Test
  void aReplaysConsoleHasNoLineOfTheBroker() throws Exception {
    Path events = work.resolve("events.jsonl");
    Files.writeString(events, """
        {"event_time":"2016-05-04T10:00:00Z","sensor":"ns1","source_ip":"217.12.96.15","query":"mail1.example.com","qtype":"A","rcode":"NOERROR"}
        {"event_time":"2016-05-04T11:00:00Z","sensor":"ns1","source_ip":"217.12.97.15","query":"mail1.example.com","qtype":"A","rcode":"NOERROR"}
        """);
    Path console = work.resolve("replay.out");
    try (NarrowcastProcess replay = NarrowcastProcess.start(console, 0, KAFKA_WARN,
        List.of("replay", "--format", "jsonl", events.toString(), "--alerts-out", work.resolve("alerts.jsonl").toString()))) {
      assertThat(replay.process.waitFor(NarrowcastProcess.START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
      String output = replay.output();
      assertThat(replay.process.exitValue()).as(output).isZero();
      assertThat(output).contains("input: read 2: accepted 2").doesNotContain(ACTIVATION);
      assertThat(output.lines().filter(line -> BROKER_COMPONENT.matcher(line).find())).as(output).isEmpty();
    }
  }

  @Test
  void theBrokersLogIsAnOwnerOnlyFileInItsDataDirectory() throws Exception {
    Path dataDir = work.resolve("broker");
    int port = NarrowcastProcess.freePort();
    try (NarrowcastProcess broker = NarrowcastProcess.start(work.resolve("broker.out"), port, KAFKA_WARN,
        List.of("broker", "--data-dir", dataDir.toString(), "--port", String.valueOf(port),
            "--controller-port", String.valueOf(NarrowcastProcess.freePort())))) {
      await().atMost(NarrowcastProcess.START_TIMEOUT).pollInterval(Duration.ofMillis(100)).until(() -> {
        broker.requireAlive();
        return broker.output().contains("narrowcast broker: listening on ");
      });
      assertThat(broker.stop()).isTrue();
      assertThat(broker.output()).doesNotContain(ACTIVATION);
    }
    Path log = dataDir.resolve("broker.log"); // as docs/operations.md says
    assertThat(Files.readString(log)).contains(ACTIVATION);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(log))).isEqualTo("rw-------");
  }
}
