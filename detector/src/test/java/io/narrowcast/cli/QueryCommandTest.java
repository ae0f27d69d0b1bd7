package io.narrowcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.narrowcast.query.BearerToken;
import io.narrowcast.query.DomainQueriers;
import io.narrowcast.query.QuerierSets;
import io.narrowcast.query.QueryServer;
import io.narrowcast.state.Outcome;
import io.narrowcast.state.QuerierSet;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** narrowcast query against an endpoint whose store holds one window of mail1.trump-email.com. */
class QueryCommandTest {
  static final String TOKEN = "query-token-0123456789";
  static final Instant START = Instant.parse("2016-05-04T00:00:00Z");

  @TempDir
  Path dir;
  QueryServer server;
  String url;

  @BeforeEach
  void start() throws Exception {
    Path tokenFile = dir.resolve("token");
    Files.writeString(tokenFile, TOKEN);
    QuerierSet set = new QuerierSet(64);
    for (String source : List.of("217.12.97.15", "217.12.97.15", "217.12.96.15", "167.73.110.8")) {
      set.add(source, START.plusSeconds(3600).toEpochMilli(), Outcome.ANSWERED, List.of("66.216.133.29"));
    }
    DomainQueriers.Window window = DomainQueriers.Window.of(START, START.plusSeconds(86_400), set);
    server = new QueryServer(new InetSocketAddress("127.0.0.1", 0), Optional.of(BearerToken.fromFile(tokenFile)));
    server.start(new QueryServer.Backend(() -> KafkaStreams.State.RUNNING, () -> "", (domain, from, to) ->
        new QuerierSets.Answer.Found("10.1.2.3:8080", domain.equals("mail1.trump-email.com") ? List.of(window) : List.of()),
        name -> name));
    url = "http://127.0.0.1:" + server.address().getPort();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** Runs the CLI; returns {status, stdout, stderr}. */
  static String[] run(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
    try {
      int status = Main.execute(Map.of(), args);
      return new String[] {String.valueOf(status), stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8)};
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  @Test
  void printsTheWindowsAsATable() {
    String[] result = run("query", "MAIL1.trump-email.com", "--url", url, "--http-token-file", dir.resolve("token").toString(),
        "--from", "2016-05-01");

    assertThat(result[0]).isEqualTo("0");
    assertThat(result[1]).isEqualTo(String.join(System.lineSeparator(),
        "mail1.trump-email.com: 1 window(s) from 2016-05-01T00:00:00Z, served by 10.1.2.3:8080",
        "  2016-05-04 00:00 .. 2016-05-05 00:00 UTC   4 lookups by 3 source(s), 0 NXDOMAIN, answers 66.216.133.29",
        "    217.12.97.15                                   2 lookups   50.0%",
        "    167.73.110.8                                   1 lookups   25.0%",
        "    217.12.96.15                                   1 lookups   25.0%", ""));
  }

  @Test
  void printsTheJsonAsItIs() {
    String[] result = run("query", "other.example", "--url", url, "--http-token-file", dir.resolve("token").toString(), "--json");

    assertThat(result[1]).isEqualTo("{\"domain\":\"other.example\",\"from\":null,\"to\":null,\"served_by\":\"10.1.2.3:8080\","
        + "\"windows\":[]}" + System.lineSeparator());
  }

  @Test
  void aMissingTokenIsOneLineAndExitTwo() {
    String[] result = run("query", "mail1.trump-email.com", "--url", url);

    assertThat(result[0]).isEqualTo("2");
    assertThat(result[2]).isEqualTo("query: the detector at " + url + " requires a bearer token: give --http-token-file "
        + "with a file holding the detector's token" + System.lineSeparator());
  }

  /** A token was given: asking for one would send the user looking for a flag they already gave. */
  @Test
  void aWrongTokenSaysTheGivenTokenWasRefused() throws Exception {
    Path wrong = Files.writeString(dir.resolve("wrong-token"), "not-the-token-0123456789\n");
    Files.setPosixFilePermissions(wrong, PosixFilePermissions.fromString("rw-------")); // as a key file should be

    String[] result = run("query", "mail1.trump-email.com", "--url", url, "--http-token-file", wrong.toString());

    assertThat(result[0]).isEqualTo("2");
    assertThat(result[2]).isEqualTo("query: the token in --http-token-file " + wrong + " was refused by " + url
        + ": it is not the detector's token (the one in the detector's --http-token-file)" + System.lineSeparator());
  }

  @Test
  void aBadTimeIsRefusedBeforeAsking() {
    String[] result = run("query", "mail1.trump-email.com", "--url", url, "--to", "tomorrow");

    assertThat(result[0]).isEqualTo("2");
    assertThat(result[2]).isEqualTo("query: 'tomorrow' is not a time: use 2016-05-04 or 2016-05-04T12:00:00Z" + System.lineSeparator());
  }

  /** Checked here as the endpoint checks it: which name, what is wrong, what a name holds. */
  @Test
  void aBadNameIsRefusedBeforeAskingWithWhatANameHolds() {
    String[] result = run("query", "bad name", "--url", "http://no-such-host.invalid:8080");

    assertThat(result[0]).isEqualTo("2");
    assertThat(result[2]).isEqualTo("query: 'bad name' is not a DNS name: a space (U+0020) at position 4; a name holds "
        + "letters, digits, hyphens, underscores and dots (an IDN in Unicode or as xn--)" + System.lineSeparator());
  }

  @Test
  void nobodyListeningIsOneLineAndExitOne() throws Exception {
    String nobody;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      nobody = "http://127.0.0.1:" + free.getLocalPort();
    } // closed: the port refuses connections

    String[] result = run("query", "mail1.trump-email.com", "--url", nobody);

    assertThat(result[0]).isEqualTo("1"); // a detector that is down is a failure while running, not a mistake
    assertThat(result[2]).isEqualTo("query: failed: cannot reach " + nobody + " (java.net.ConnectException): "
        + "is narrowcast run listening there? (NARROWCAST_LOG_LEVEL=DEBUG shows details)" + System.lineSeparator());
  }

  @Test
  void aHostThatDoesNotResolveIsAMistakeInTheUrl() throws Exception {
    String nowhere = "http://no-such-host.invalid:8080"; // .invalid never resolves (RFC 2606)

    String[] result = run("query", "mail1.trump-email.com", "--url", nowhere);

    assertThat(result[0]).isEqualTo("2");
    assertThat(result[2]).isEqualTo("query: cannot resolve the host of --url " + nowhere + ": is it spelled right?"
        + System.lineSeparator());
  }
}
