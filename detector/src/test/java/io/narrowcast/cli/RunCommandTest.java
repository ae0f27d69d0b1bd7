package io.narrowcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** run refuses unusable secrets with one line and status 2, before it starts anything; its Streams settings. */
class RunCommandTest {
  @TempDir
  Path dir;

  @Test
  void aShortTokenIsRefused() throws Exception {
    Path token = dir.resolve("token");
    Files.writeString(token, "short\n");

    Object[] result = MainTest.run("run", "--http-token-file", token.toString());

    assertThat(result[0]).isEqualTo(Main.USAGE_ERROR);
    assertThat((String) result[1]).isEqualTo("run: --http-token-file: the token in " + token + " has 5 characters, "
        + "at least 16 are needed (for example: openssl rand -hex 32 > " + token + ")" + System.lineSeparator());
  }

  @Test
  void aShortOrMissingPseudonymizationKeyIsRefused() throws Exception {
    Path key = dir.resolve("key");
    Files.writeString(key, "0123456789\n");

    Object[] shortKey = MainTest.run("run", "--pseudonymize-sources", key.toString());
    Object[] missing = MainTest.run("run", "--pseudonymize-sources", dir.resolve("nope").toString());

    assertThat(shortKey[0]).isEqualTo(Main.USAGE_ERROR);
    assertThat((String) shortKey[1]).hasLineCount(1)
        .startsWith("run: --pseudonymize-sources: the pseudonymization key has 10 bytes, at least 16 are needed");
    assertThat(missing[1]).isEqualTo("run: --pseudonymize-sources: cannot read " + dir.resolve("nope") + System.lineSeparator());
  }

  @Test
  void theDetectorRunsExactlyOnceUnlessTheKafkaConfigSaysOtherwise() {
    RunCommand run = new RunCommand();
    new CommandLine(run).parseArgs("--data-dir", dir.toString());
    HostInfo endpoint = new HostInfo("127.0.0.1", 8080);

    Properties byDefault = run.streamsProperties(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "kafka:9092"), endpoint);
    Properties overridden = run.streamsProperties(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "kafka:9092",
        StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE), endpoint);

    assertThat(byDefault).containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2)
        .containsEntry(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("state").toString());
    assertThat(overridden).containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
  }

  /**
   * Each is refused before anything starts; were it not, the run would fail to reach the cluster at
   * an unused port within seconds (exit 1), or never process a record (no stream threads).
   */
  @Test
  void valuesOutOfRangeAreRefusedBeforeAnythingStarts() throws Exception {
    Path client = Files.writeString(dir.resolve("client.properties"), "default.api.timeout.ms=2000\nrequest.timeout.ms=1000\n");
    String[][] cases = {
        {"--stream-threads", "0", "run: --stream-threads must be at least 1, not 0"},
        {"--standby-replicas", "-1", "run: --standby-replicas must be at least 0, not -1"},
        {"--replication-factor", "0", "run: --replication-factor must be at least 1, not 0"},
        {"--partitions", "0", "run: --partitions must be at least 1, not 0"},
        {"--embedded-broker-port", "65535", "run: --embedded-broker-port 65535 leaves no port for the controller, which "
            + "listens on the next one: give at most 65534"},
        {"--http-bind", "127.0.0.1:99999", "run: Invalid value for option '--http-bind': '127.0.0.1:99999': the port must be "
            + "from 0 (any) to 65535 (see 'narrowcast run --help')"}};
    for (String[] c : cases) {
      Cli.Result result = Cli.run("run", "--bootstrap-servers", "127.0.0.1:9", "--kafka-config", client.toString(),
          "--data-dir", dir.resolve("data").toString(), c[0], c[1]);
      assertThat(result).isEqualTo(new Cli.Result(Main.USAGE_ERROR, "", c[2] + System.lineSeparator()));
    }
  }

  /** No broker starts when a cluster is given, by the flag or by --kafka-config: the broker's port says it is unused. */
  @Test
  void withAClusterTheEmbeddedBrokerPortIsListedAsUnused() throws Exception {
    String timeouts = "default.api.timeout.ms=2000\nrequest.timeout.ms=1000\n";
    Path client = Files.writeString(dir.resolve("client.properties"), timeouts);
    Path cluster = Files.writeString(dir.resolve("cluster.properties"), "bootstrap.servers=127.0.0.1:9\n" + timeouts);
    String data = dir.resolve("data").toString();

    Cli.Result byFlag = Cli.run("run", "--bootstrap-servers", "127.0.0.1:9", "--kafka-config", client.toString(),
        "--data-dir", data, "--http-bind", "127.0.0.1:0");
    Cli.Result byFile = Cli.run("run", "--kafka-config", cluster.toString(), "--embedded-broker-port", "9500",
        "--data-dir", data, "--http-bind", "127.0.0.1:0");

    // then each fails to reach the cluster at an unused port
    assertThat(byFlag.status()).isEqualTo(Main.RUN_ERROR);
    assertThat(byFlag.err().lines()).contains("  embedded-broker-port         9092                                     "
        + "(default; unused: bootstrap-servers is set)");
    assertThat(byFile.status()).isEqualTo(Main.RUN_ERROR);
    assertThat(byFile.err().lines()).contains("  embedded-broker-port         9500                                     "
        + "(flag; unused: bootstrap.servers is set)");
  }

  /** Kafka would log its failure to bind with stack traces, and its controller's would halt the JVM. */
  @Test
  void anEmbeddedBrokerPortInUseIsOneLine() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();
      for (int brokerPort : new int[] {port, port - 1}) {
        Cli.Result result = Cli.run("run", "--embedded-broker-port", String.valueOf(brokerPort), "--http-bind", "127.0.0.1:0",
            "--data-dir", dir.resolve("data").toString());
        assertThat(result.status()).isEqualTo(Main.RUN_ERROR);
        // after the effective configuration, which run prints first
        assertThat(result.err()).doesNotContain("\tat ").endsWith(System.lineSeparator()
            + "run: failed: the embedded broker cannot listen on 127.0.0.1:" + port
            + (brokerPort == port ? " (its port)" : " (its controller's port)")
            + ": Address already in use (NARROWCAST_LOG_LEVEL=DEBUG shows details)" + System.lineSeparator());
      }
    }
  }

  @Test
  void aBadEndpointIsOneLine() {
    Object[] result = MainTest.run("run", "--http-bind", "localhost");

    assertThat(result[0]).isEqualTo(Main.USAGE_ERROR);
    assertThat((String) result[1]).hasLineCount(1).contains("'localhost' is not HOST:PORT");
  }
}
