package io.narrowcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.narrowcast.embedded.EmbeddedKafka;
import io.narrowcast.embedded.TestBroker;
import io.narrowcast.reliability.BrokerProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quick start on a cluster as a newcomer follows it: narrowcast broker, narrowcast run and
 * narrowcast demo --bootstrap-servers, each a process of its own, then narrowcast alerts. Before run
 * has created the topics, and once the case is on dns.events, the demo is refused; with no detector
 * it gives up, exit status 1.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoClusterIT {
  /** The case in a small background: about 85,000 events. */
  static final List<String> SMALL_BACKGROUND = List.of("--seed", "7", "--background-names", "300",
      "--background-resolvers", "400", "--background-events-per-day", "300");
  static final Path LOGS = Path.of("target", "demo-cluster-it");
  /** Generous for a demo that takes about 15 s here: it gives up by itself after 5 minutes without an alert. */
  static final long DEMO_TIMEOUT_SECONDS = 300;

  @TempDir
  static Path work;
  static BrokerProcess broker;
  static String servers;
  static Path controlKey;

  @BeforeAll
  static void startBroker() throws IOException {
    broker = BrokerProcess.start(work.resolve("broker"), LOGS);
    servers = broker.bootstrapServers();
    controlKey = work.resolve("control.key");
    Files.write(controlKey, "demo-cluster-it-control-key-0123456789".getBytes(StandardCharsets.UTF_8));
    // owner-only, as an operator keeps it: run and demo warn on a key others can read, before their first line
    Files.setPosixFilePermissions(controlKey, PosixFilePermissions.fromString("rw-------"));
  }

  @AfterAll
  static void stopBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  static List<String> demo(String bootstrap, String... flags) {
    List<String> args = new ArrayList<>(List.of("demo", "--bootstrap-servers", bootstrap));
    args.addAll(List.of(flags));
    args.addAll(SMALL_BACKGROUND);
    return args;
  }

  /** A demo on the broker is refused with {@code error}, before it produces anything. */
  static void assertDemoRefused(String error) {
    Cli.Result result = Cli.run(demo(servers).toArray(String[]::new));

    assertThat(result.status()).isEqualTo(Main.USAGE_ERROR);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).isEqualTo("demo: " + error + System.lineSeparator());
  }

  @Test
  @Order(1)
  void beforeRunHasCreatedTheTopicsTheDemoSaysToStartIt() {
    assertDemoRefused("topics dns.events, dns.events.dlq, dns.alerts, dns.alerts.ocsf do not exist on " + servers
        + ": start the detector first, narrowcast run --bootstrap-servers " + servers + ", which creates them");
  }

  @Test
  @Order(2)
  void theCaseProducedToARunningDetectorRaisesBothExpectedAlertsShownByAlerts() throws Exception {
    int http = NarrowcastProcess.freePort();
    try (NarrowcastProcess run = NarrowcastProcess.start(log("run"), http, Map.of(), List.of("run",
        "--bootstrap-servers", servers, "--http-bind", "127.0.0.1:" + http, "--data-dir", work.resolve("run").toString(),
        "--control-key-file", controlKey.toString())).awaitReady();
        NarrowcastProcess demo = NarrowcastProcess.start(log("demo"), 0, Map.of(),
            demo(servers, "--control-key-file", controlKey.toString()))) {
      assertThat(demo.process.waitFor(DEMO_TIMEOUT_SECONDS, TimeUnit.SECONDS)).as(demo.output()).isTrue();

      assertThat(demo.process.exitValue()).as(demo.output()).isZero();
      List<String> lines = demo.output().lines().toList();
      assertThat(lines).as(demo.output()).startsWith(
          "Simulating scenario 'alfa' (seed 7), 2016-01-01 to 2016-09-30, and producing it to dns.events on " + servers + ",",
          "where narrowcast run detects; its alerts as they fire, until the 2 expected ones have come (or none for 5 minutes):");
      assertThat(lines).as(demo.output()).containsSubsequence(
          "[new] QUERIER_COLLAPSE  mail1.trump-email.com",
          "[closed] QUERIER_COLLAPSE  mail1.trump-email.com",
          "[new] RENAME_FOLLOW  mail1.trump-email.com -> trump1.contact-client.com",
          "Summary",
          "  input:    read 85,494: accepted 85,494, rejected 0, skipped 0");
      // on standard error, among the alerts: the demo is alive before the first alert
      assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("demo: 85,494 events produced in ")
          .endsWith(" s; waiting for the detector's alerts"));
      assertThat(lines).as(demo.output()).endsWith(
          "  ticks:    signed with --control-key-file: one to 2016-10-01 00:10 UTC on every partition, past the last "
              + "window (a detector with another key refuses it)",
          "  alerts:   4 for the case's names, 0 for background names (the goal is none)",
          "  expected: QUERIER_COLLAPSE mail1.trump-email.com        found",
          "  expected: RENAME_FOLLOW    trump1.contact-client.com    found");

      // the fourth terminal: alerts shows what the detector sent
      Cli.Result alerts = Cli.run("alerts", "--bootstrap-servers", servers);
      assertThat(alerts.status()).isZero();
      assertThat(alerts.lines()).hasSize(5);
      assertThat(alerts.lines().get(4)).startsWith("2016-09-28 00:00  rf-cd2f5d28975231c6  new     rename")
          .contains("mail1.trump-email.com -> trump1.contact-client.com");
    }
  }

  /** A detector that has read the case drops it again as late: the demo says so instead of waiting for nothing. */
  @Test
  @Order(3)
  void onceTheCaseIsOnDnsEventsAnotherDemoIsRefused() {
    assertDemoRefused("dns.events on " + servers + " already holds events up to 2016-10-01 00:10 UTC (an earlier demo, "
        + "or a live feed): the detector would drop the scenario's lookups, from 2016-01-01 on, as late; run the demo on "
        + "a new broker (broker and run each with a new --data-dir)");
  }

  @Test
  void withoutADetectorTheDemoGivesUpAndSaysWhatToStart() throws Exception {
    try (EmbeddedKafka quiet = TestBroker.startWithTopics(work.resolve("quiet"))) {
      String bootstrap = quiet.bootstrapServers();
      Cli.Result result = Cli.run("demo", "--bootstrap-servers", bootstrap, "--alert-timeout", "1s",
          "--background-names", "20", "--background-resolvers", "20", "--background-events-per-day", "20");

      assertThat(result.status()).as(result.err()).isEqualTo(Main.RUN_ERROR);
      assertThat(result.err().lines()).hasSize(2).satisfiesExactly(
          produced -> assertThat(produced).startsWith("demo: ").endsWith(" s; waiting for the detector's alerts"),
          gaveUp -> assertThat(gaveUp).isEqualTo("demo: no alert after 1 s: is narrowcast run --bootstrap-servers " + bootstrap
              + " running?"));
      assertThat(result.lines()).contains("  alerts:   0 for the case's names, 0 for background names (the goal is none)",
          "  expected: QUERIER_COLLAPSE mail1.trump-email.com        NOT FOUND",
          "  expected: RENAME_FOLLOW    trump1.contact-client.com    NOT FOUND");
      assertThat(result.lines()).anySatisfy(line -> assertThat(line).startsWith(
          "  ticks:    none (no --control-key-file): event time stops at the last event, 2016-09-30 ")
          .endsWith(" UTC, and its window stays open until later events or a signed tick pass it"));
    }
  }

  static Path log(String name) throws IOException {
    return Files.createDirectories(LOGS).resolve(name + ".log");
  }
}
