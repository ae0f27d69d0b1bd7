package io.narrowcast.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.narrowcast.avro.DnsEvent;
import io.narrowcast.embedded.EmbeddedKafka;
import io.narrowcast.ingest.KafkaEventSink;
import io.narrowcast.query.DomainQueriers;
import io.narrowcast.query.QueryServer;
import io.narrowcast.topics.Topics;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * narrowcast run as a new user runs it: the shaded jar in its own JVM against a broker started
 * separately, configured by flags, NARROWCAST_* variables and a properties file; events produced to
 * dns.events; then readiness, metrics, querier sets, tokens, and two instances routing queries.
 */
class RunIT {
  static final String TOKEN = "it-token-0123456789abcdef";
  static final String BEARER = "Bearer " + TOKEN;
  /**
   * A live feed's times: hour 0 began four hours ago. (Kafka Streams gives changelogs a retention
   * counted from the records' event times, so a changelog of 2016 lookups would be deleted by the
   * broker and a task moving to another instance would find it empty.)
   */
  static final Instant HOUR0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(4));
  static final String MAIL1 = "mail1.example.com";
  /** Ordinary names for routing: d00 .. d11.example.org. */
  static final int OTHER_DOMAINS = 12;
  static final Path LOGS = Path.of("target", "run-it");
  static final Pattern EMBEDDED_BROKER = Pattern.compile("embedded Kafka broker on (127\\.0\\.0\\.1:\\d+)");

  @TempDir
  static Path work;
  static EmbeddedKafka kafka;
  static Path tokenFile;
  static Path configFile;

  @BeforeAll
  static void start() throws IOException {
    kafka = EmbeddedKafka.start(work.resolve("broker"));
    tokenFile = work.resolve("token");
    Files.writeString(tokenFile, TOKEN + "\n");
    // hour-long windows and small thresholds, so that a handful of lookups makes a collapse
    configFile = work.resolve("narrowcast.properties");
    Files.writeString(configFile, String.join("\n", "window=1h", "grace=0s", "baseline-windows=3",
        "min-baseline-windows=1", "min-narrow-windows=1", "partitions=4", "application-id=narrowcast-it", ""));
  }

  @AfterAll
  static void stop() {
    if (kafka != null) {
      kafka.close();
    }
  }

  static final Map<String, String> ENV = Map.of(
      "NARROWCAST_MIN_BASELINE_SOURCES", "4", "NARROWCAST_MAX_REMAINING_SOURCES", "1", "NARROWCAST_MIN_QUERIES", "2");

  /** Where a detector's output goes: under target/, so that it outlives a failed run. */
  static Path log(String name) throws IOException {
    return Files.createDirectories(LOGS).resolve(name + ".log");
  }

  static NarrowcastProcess detector(String name, List<String> flags) throws IOException {
    return detector(name, work.resolve(name), flags);
  }

  static NarrowcastProcess detector(String name, Path dataDir, List<String> flags) throws IOException {
    int port = NarrowcastProcess.freePort();
    List<String> args = new ArrayList<>(List.of("run", "--config", configFile.toString(),
        "--bootstrap-servers", kafka.bootstrapServers(), "--http-bind", "127.0.0.1:" + port,
        "--data-dir", dataDir.toString()));
    args.addAll(flags);
    return NarrowcastProcess.start(log(name), port, ENV, args);
  }

  @Test
  void aNonLoopbackBindWithoutATokenIsRefusedAtStart() throws Exception {
    Path log = log("refused");
    NarrowcastProcess refused = NarrowcastProcess.start(log, 0, Map.of(),
        List.of("run", "--bootstrap-servers", kafka.bootstrapServers(), "--http-bind", "0.0.0.0:8080"));

    assertThat(refused.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(refused.process.exitValue()).isEqualTo(Main.USAGE_ERROR);
    assertThat(refused.output()).isEqualTo("run: --http-bind 0.0.0.0:8080 is not a loopback address: "
        + "give --http-token-file so that the endpoint requires a bearer token" + System.lineSeparator());
  }

  /**
   * Bound to every address, run advertises what another host could reach, never loopback (where a
   * forwarded query would come back to the instance that forwards it), or refuses to start asking for
   * --http-advertise; which of the two depends on this machine's network.
   */
  @Test
  void boundToEveryAddressRunAdvertisesNoLoopbackOrRefuses() throws Exception {
    int port = NarrowcastProcess.freePort();
    try (NarrowcastProcess detector = NarrowcastProcess.start(log("every-address"), port, ENV, List.of("run",
        "--config", configFile.toString(), "--bootstrap-servers", kafka.bootstrapServers(), "--application-id",
        "narrowcast-every-address", "--http-bind", "0.0.0.0:" + port, "--http-token-file", tokenFile.toString(),
        "--data-dir", work.resolve("every-address").toString()))) {
      Pattern started = Pattern.compile("HTTP on http://0\\.0\\.0\\.0:" + port + ", advertised to other instances as "
          + "([^ ]+):" + port + " \\((this host's name, which resolves to [^ ]+|this host's first IPv4 address on an "
          + "interface that is up, its name being unknown or loopback)\\)");
      await().atMost(NarrowcastProcess.START_TIMEOUT).until(() -> !detector.isAlive() || started.matcher(detector.output()).find());
      if (detector.isAlive()) {
        Matcher advertised = started.matcher(detector.output());
        assertThat(advertised.find()).isTrue();
        assertThat(InetAddress.getAllByName(advertised.group(1))).as(advertised.group())
            .anyMatch(address -> !address.isLoopbackAddress());
      } else {
        assertThat(detector.process.exitValue()).isEqualTo(Main.USAGE_ERROR);
        assertThat(detector.output()).isEqualTo("run: --http-bind 0.0.0.0:" + port + " listens on every address, but this "
            + "host has no name or address other instances could reach it by (its name is unknown or loopback, and no "
            + "interface that is up has an IPv4 address other than loopback): give --http-advertise HOST:PORT"
            + System.lineSeparator());
      }
    }
  }

  /** As Kubernetes stops a pod: a line when the signal comes, and one once Kafka Streams has closed. */
  @Test
  void sigtermIsALineOnStoppingAndOneOnceStopped() throws Exception {
    NarrowcastProcess detector = detector("sigterm", List.of("--application-id", "narrowcast-sigterm")).awaitReady();
    assertThat(detector.output()).doesNotContain("narrowcast run: stopping");

    assertThat(detector.stop()).as("stopped within a minute").isTrue();

    assertThat(detector.process.exitValue()).isEqualTo(143); // 128 + SIGTERM, as the JVM ends on it
    assertThat(detector.output().lines()).containsSubsequence(
        "narrowcast run: stopping on a signal: committing and leaving the group", "narrowcast run: stopped");
  }

  /** Its input topic deleted under it, Kafka Streams fails: the last line says so and on what, exit status 1. */
  @Test
  void aKafkaStreamsFailureIsOneLineNamingWhatFailed() throws Exception {
    int port = NarrowcastProcess.freePort();
    try (NarrowcastProcess detector = NarrowcastProcess.start(log("failing"), port, Map.of(), List.of("run", "--data-dir",
        work.resolve("failing").toString(), "--embedded-broker-port", "0", "--http-bind", "127.0.0.1:" + port)).awaitReady()) {
      Matcher broker = EMBEDDED_BROKER.matcher(detector.output());
      assertThat(broker.find()).as(detector.output()).isTrue();

      try (Admin admin = Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.group(1)))) {
        admin.deleteTopics(List.of(Topics.EVENTS.name())).all().get(30, TimeUnit.SECONDS);
      }

      assertThat(detector.process.waitFor(60, TimeUnit.SECONDS)).as("stopped within a minute").isTrue();
      assertThat(detector.process.exitValue()).isEqualTo(Main.RUN_ERROR);
      assertThat(detector.output().lines()).contains("run: failed: Kafka Streams failed on MissingSourceTopicException: "
          + "One or more source topics were missing during rebalance (the log above says more); stopped "
          + "(NARROWCAST_LOG_LEVEL=DEBUG shows details)").doesNotContain("narrowcast run: stopped");
    }
  }

  @Test
  void runCountsAnswersAndRoutesQueriesBetweenInstances() throws Exception {
    try (NarrowcastProcess first = detector("first", List.of("--http-token-file", tokenFile.toString())).awaitReady()) {
      // the configuration came from all three places, and says so
      assertThat(first.output()).contains(
          "  window                       1h                                       (file " + configFile + ")",
          "  min-baseline-sources         4                                        (environment NARROWCAST_MIN_BASELINE_SOURCES)",
          "  http-token-file              " + tokenFile);

      // a second run on its data directory is refused before it touches the state
      NarrowcastProcess twin = detector("twin", work.resolve("first"), List.of());
      assertThat(twin.process.waitFor(60, TimeUnit.SECONDS)).as(twin.output()).isTrue();
      assertThat(twin.process.exitValue()).as(twin.output()).isEqualTo(Main.USAGE_ERROR);
      assertThat(twin.output()).contains("--data-dir: another process uses " + work.resolve("first") + " (it holds "
          + work.resolve("first").resolve("state.lock") + "); give each instance a --data-dir of its own");

      int events = produce();

      // then /metrics counts what was produced: 2 rejects, 1 collapse alert, still open
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(first.metrics(BEARER)).containsAllEntriesOf(Map.of(
          "narrowcast_events_in_total", (double) events,
          "narrowcast_events_rejected_total{reason=\"unparsable\"}", 1.0,
          "narrowcast_events_rejected_total{reason=\"bad characters\"}", 1.0,
          "narrowcast_events_rejected_total{reason=\"missing field\"}", 0.0,
          "narrowcast_events_late_total", 0.0,
          "narrowcast_alerts_total{kind=\"QUERIER_COLLAPSE\",status=\"new\"}", 1.0,
          "narrowcast_alerts_open{kind=\"QUERIER_COLLAPSE\"}", 1.0,
          "narrowcast_alerts_open{kind=\"RENAME_FOLLOW\"}", 0.0)));
      assertThat(first.metrics(BEARER)).containsKeys("narrowcast_store_keys{store=\"querier-sets\"}",
          "narrowcast_store_disk_bytes{store=\"querier-sets\"}", "narrowcast_input_lag_records",
          "jvm_memory_used_bytes{area=\"heap\",id=\"Tenured Gen\"}");
      assertThat(first.get("/metrics", BEARER).body()).contains("kafka_stream_thread_");

      // and the querier sets of mail1, window by window (the endpoint shows the state as of the last commit)
      String mail1Query = MAIL1 + "?from=" + HOUR0 + "&to=" + HOUR0.plus(Duration.ofHours(3));
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(queriers(first, mail1Query).windows())
          .extracting(DomainQueriers.Window::windowStart)
          .containsExactly(HOUR0.toString(), HOUR0.plus(Duration.ofHours(1)).toString(), HOUR0.plus(Duration.ofHours(3)).toString()));
      DomainQueriers mail1 = queriers(first, mail1Query);
      assertThat(mail1.domain()).isEqualTo(MAIL1);
      assertThat(sources(mail1.windows().get(0))).isEqualTo(Map.of(
          "10.0.0.1", 1L, "10.0.0.2", 1L, "10.0.0.3", 1L, "10.0.0.4", 1L, "10.0.0.5", 1L));
      assertThat(mail1.windows().get(1).sources()).containsExactly(new DomainQueriers.Source("10.0.9.9", 3, 1.0));

      // a missing or wrong token is refused
      assertThat(first.status("/api/domains/" + MAIL1 + "/queriers", null)).isEqualTo(401);
      assertThat(first.status("/api/domains/" + MAIL1 + "/queriers", "Bearer not-the-token-0123456789")).isEqualTo(401);
      assertThat(first.status("/metrics", "Bearer not-the-token-0123456789")).isEqualTo(401);

      // when a second instance joins, either one answers for every domain
      try (NarrowcastProcess second = detector("second", List.of("--http-token-file", tokenFile.toString())).awaitReady()) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
            .untilAsserted(() -> assertBothAnswerForEveryDomain(first, second));
      }
    }
  }

  /** Same answers from both instances, the expected sources, and each instance serving some keys. */
  private static void assertBothAnswerForEveryDomain(NarrowcastProcess first, NarrowcastProcess second) throws Exception {
    assertThat(first.status("/ready", null)).isEqualTo(200);
    assertThat(second.status("/ready", null)).isEqualTo(200);
    Set<String> servedViaFirst = new HashSet<>();
    Set<String> servedViaSecond = new HashSet<>();
    for (Map.Entry<String, Map<String, Long>> expected : otherDomains().entrySet()) {
      DomainQueriers viaFirst = queriers(first, expected.getKey());
      DomainQueriers viaSecond = queriers(second, expected.getKey());
      assertThat(viaFirst).isEqualTo(viaSecond);
      assertThat(viaFirst.windows()).singleElement().satisfies(w -> assertThat(sources(w)).isEqualTo(expected.getValue()));
      servedViaFirst.add(viaFirst.servedBy());
      servedViaSecond.add(viaSecond.servedBy());
    }
    // each instance owns some domains, so each has answered for the other
    assertThat(servedViaFirst).containsExactlyInAnyOrder(first.address(), second.address());
    assertThat(servedViaSecond).containsExactlyInAnyOrder(first.address(), second.address());
  }

  @Test
  void withoutBootstrapServersRunStartsAnEmbeddedBrokerUnderTheDataDirectory() throws Exception {
    Path data = work.resolve("standalone");
    int port = NarrowcastProcess.freePort();
    try (NarrowcastProcess standalone = NarrowcastProcess.start(log("standalone"), port, Map.of(),
        List.of("run", "--data-dir", data.toString(), "--embedded-broker-port", "0", "--http-bind", "127.0.0.1:" + port))
        .awaitReady()) {
      Matcher broker = EMBEDDED_BROKER.matcher(standalone.output());
      assertThat(broker.find()).as(standalone.output()).isTrue();
      assertThat(data.resolve("broker").resolve("logs").resolve("meta.properties")).exists();
      assertThat(data.resolve("state").resolve("narrowcast")).isDirectory();

      try (KafkaEventSink sink = new KafkaEventSink(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.group(1)))) {
        sink.event(MAIL1, event(MAIL1, "192.0.2.77", HOUR0));
        sink.flush();
      }
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(queriers(standalone, MAIL1).windows())
          .singleElement().satisfies(w -> assertThat(sources(w)).isEqualTo(Map.of("192.0.2.77", 1L))));
    }
  }

  /**
   * Produces, in event-time order: mail1 queried by five sources in hour 0, by 10.0.9.9 alone in
   * hour 1 (3 lookups) and hour 3 (one lookup, which closes hour 1: a collapse); the other domains in
   * hour 0; one record that is not an event and one event with a bad name.
   *
   * @return the number of valid events
   */
  private static int produce() {
    List<DnsEvent> events = new ArrayList<>();
    for (int s = 1; s <= 5; s++) {
      events.add(event(MAIL1, "10.0.0." + s, HOUR0.plusSeconds(60 * s)));
    }
    otherDomains().forEach((domain, sources) -> sources.forEach((source, lookups) -> {
      for (int i = 0; i < lookups; i++) {
        events.add(event(domain, source, HOUR0.plusSeconds(600 + i)));
      }
    }));
    for (int i = 0; i < 3; i++) {
      events.add(event(MAIL1, "10.0.9.9", HOUR0.plus(Duration.ofMinutes(70 + i))));
    }
    events.add(event(MAIL1, "10.0.9.9", HOUR0.plus(Duration.ofMinutes(190))));
    events.sort(Comparator.comparing(DnsEvent::getEventTime));
    try (KafkaEventSink sink = new KafkaEventSink(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      sink.send(new ProducerRecord<>(Topics.EVENTS.name(), "garbage", "not avro".getBytes(StandardCharsets.UTF_8)));
      sink.event("bad..name", event("bad..name", "10.0.0.1", HOUR0));
      events.forEach(event -> sink.event(event.getQuery(), event));
      sink.flush();
    }
    return events.size();
  }

  /** d00..d11.example.org: domain i is queried by 1 to 3 sources 192.0.2.1.., source j making j lookups. */
  static Map<String, Map<String, Long>> otherDomains() {
    Map<String, Map<String, Long>> domains = new LinkedHashMap<>();
    for (int i = 0; i < OTHER_DOMAINS; i++) {
      Map<String, Long> sources = new LinkedHashMap<>();
      for (int j = 1; j <= i % 3 + 1; j++) {
        sources.put("192.0.2." + j, (long) j);
      }
      domains.put(String.format("d%02d.example.org", i), sources);
    }
    return domains;
  }

  static DnsEvent event(String domain, String source, Instant time) {
    return DnsEvent.newBuilder().setEventTime(time).setSensor("it").setSourceIp(source).setQuery(domain)
        .setQtype(1).setRcode(0).setAnswers(List.of()).build();
  }

  static DomainQueriers queriers(NarrowcastProcess detector, String domainAndQuery) throws Exception {
    var response = detector.get("/api/domains/" + domainAndQuery.replaceFirst("\\?", "/queriers?")
        + (domainAndQuery.contains("?") ? "" : "/queriers"), BEARER);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return QueryServer.mapper().readValue(response.body(), DomainQueriers.class);
  }

  static Map<String, Long> sources(DomainQueriers.Window window) {
    Map<String, Long> out = new LinkedHashMap<>();
    window.sources().forEach(s -> out.put(s.source(), s.queries()));
    return out;
  }
}
