package io.narrowcast.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static io.narrowcast.report.ReportAssertions.assertNoFetches;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.narrowcast.alert.AlertJson;
import io.narrowcast.alert.Alerts;
import io.narrowcast.avro.Alert;
import io.narrowcast.avro.SourceShare;
import io.narrowcast.config.DetectionConfig;
import io.narrowcast.embedded.EmbeddedKafka;
import io.narrowcast.ingest.Format;
import io.narrowcast.ingest.JsonlEventWriter;
import io.narrowcast.replay.Replay;
import io.narrowcast.replay.ReplayRequest;
import io.narrowcast.replay.ReplayResult;
import io.narrowcast.simulate.AlfaScenario;
import io.narrowcast.simulate.BackgroundOptions;
import io.narrowcast.topics.Topics;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.tools.consumer.ConsoleConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a SOC sees of the case: the alfa scenario (small background) replayed once on an embedded
 * broker with two partitions, then read back as OCSF findings with a plain KafkaConsumer, through
 * {@code narrowcast alerts} and {@code narrowcast report}, and as report pages rendered by Chromium.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SiemFeedIT {
  static final String MAIL1 = "mail1.trump-email.com";
  static final String TRUMP1 = "trump1.contact-client.com";
  static final String COLLAPSE_ID = "qc-101b682a48db4382";
  static final String RENAME_ID = "rf-cd2f5d28975231c6";
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final String CHROMIUM = "/usr/bin/chromium";
  static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
  /** Colours of the rename report: the first three sources' in TimelineChart's palette, and the window's shade. */
  static final int BANK_FIRST = 0x0072B2;
  static final int BANK_SECOND = 0xD55E00;
  static final int HOSPITAL = 0x009E73;
  static final int WINDOW_SHADE = 0xFBE3D6;
  static final int WHITE = 0xFFFFFF;
  /** The page that shows the alert topics' consumers and {@code narrowcast alerts}. */
  static final String ALERTS_DOC = "docs/alerts.md";

  @TempDir
  static Path work;
  static EmbeddedKafka kafka;
  static ReplayResult replay;
  static Path reportDir;

  @BeforeAll
  static void replayTheCase() throws Exception {
    Path events = work.resolve("alfa.jsonl");
    try (OutputStream out = Files.newOutputStream(events); JsonlEventWriter writer = new JsonlEventWriter(out)) {
      new AlfaScenario(7, new BackgroundOptions(300, 400, 300)).generate(writer::write);
    }
    kafka = EmbeddedKafka.start(work.resolve("broker"));
    reportDir = work.resolve("reports");
    replay = Replay.run(new ReplayRequest(List.of(events), Format.JSONL, DetectionConfig.defaults(), 2, alert -> { }, null,
        reportDir), kafka.bootstrapServers(), work.resolve("state"));
  }

  @AfterAll
  static void stopBroker() {
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  @Order(1)
  void everyAlertMessageIsAnOcsfDetectionFindingOnDnsAlertsOcsf() throws Exception {
    List<ConsumerRecord<String, String>> records = readAll(Topics.ALERTS_OCSF.name());
    assertThat(records).hasSameSizeAs(replay.alerts());

    List<JsonNode> collapse = findings(records, COLLAPSE_ID);
    List<JsonNode> rename = findings(records, RENAME_ID);
    // the collapse: create, perhaps updates as busy sources join, close; the rename: create
    assertThat(collapse).hasSizeGreaterThanOrEqualTo(2).extracting(f -> f.get("activity_id").asInt())
        .startsWith(1).endsWith(3).containsOnly(1, 2, 3);
    assertThat(rename).extracting(f -> f.get("activity_id").asInt()).containsExactly(1);
    for (ConsumerRecord<String, String> record : records) {
      JsonNode f = MAPPER.readTree(record.value());
      Alert alert = AlertJson.read(f.get("raw_data").asText());
      assertThat(replay.alerts()).contains(alert);
      assertThat(record.key()).isEqualTo(alert.getDomain());
      assertRequiredFields(f, alert, record.timestamp());
    }

    JsonNode created = collapse.get(0);
    Alert opened = replay.alerts().get(0);
    assertThat(opened.getAlertId()).isEqualTo(COLLAPSE_ID);
    // sent when the second narrow day (2016-05-05) closed, covering the collapse from its first day
    assertThat(created.get("time").asLong()).isEqualTo(Instant.parse("2016-05-06T00:00:00Z").toEpochMilli())
        .isEqualTo(opened.getWindowEnd().toEpochMilli());
    assertThat(created.at("/finding_info/title").asText()).isEqualTo("Querier-set collapse: " + MAIL1);
    assertThat(sourceIps(created)).contains("217.12.96.15", "217.12.97.15", "167.73.110.8");
    assertThat(created.at("/anomaly_analyses/0/anomalies/0/observations/0/value").asText())
        .isEqualTo(Long.toString(opened.getDistinctSources()));
    JsonNode closed = collapse.get(collapse.size() - 1);
    assertThat(closed.get("type_uid").asInt()).isEqualTo(200403);
    assertThat(closed.get("status_detail").asText()).isEqualTo("the name stopped resolving (NXDOMAIN)");
    assertThat(closed.get("time").asLong()).isEqualTo(Instant.parse("2016-09-24T00:00:00Z").toEpochMilli());

    JsonNode renamed = rename.get(0);
    // decided when the new name's first window closed, whichever name's candidate completed the match
    assertThat(renamed.get("time").asLong()).isEqualTo(Instant.parse("2016-09-28T00:00:00Z").toEpochMilli());
    assertThat(renamed.at("/finding_info/title").asText()).isEqualTo("Rename following: " + MAIL1 + " -> " + TRUMP1);
    assertThat(renamed.at("/evidences/0/src_endpoint/ip").asText()).isEqualTo("217.12.96.15");
    assertThat(observableValues(renamed)).contains(MAIL1, TRUMP1, "217.12.96.15", "66.216.133.29");
    assertThat(renamed.at("/anomaly_analyses/0/baselines/0/observed_attribute").asText()).isEqualTo("querying sources of " + MAIL1);
  }

  /** The attributes OCSF 1.7.0 requires of a Detection Finding, and those the issue asks for, with their values. */
  private static void assertRequiredFields(JsonNode f, Alert alert, long recordTime) {
    int activity = switch (alert.getStatus()) {
      case "new" -> 1;
      case "update" -> 2;
      default -> 3;
    };
    assertThat(f.get("class_uid").asInt()).isEqualTo(2004);
    assertThat(f.get("category_uid").asInt()).isEqualTo(2);
    assertThat(f.get("activity_id").asInt()).isEqualTo(activity);
    assertThat(f.get("type_uid").asInt()).isEqualTo(200400 + activity);
    assertThat(f.get("time").asLong()).isEqualTo(Alerts.sentAt(alert, recordTime)).isGreaterThanOrEqualTo(recordTime);
    assertThat(f.get("severity_id").asInt()).isEqualTo(switch (alert.getSeverity()) {
      case "low" -> 2;
      case "medium" -> 3;
      default -> 4;
    });
    assertThat(f.at("/metadata/version").asText()).isEqualTo("1.7.0");
    assertThat(f.at("/metadata/product/name").asText()).isEqualTo("Narrowcast");
    assertThat(f.at("/metadata/product/vendor_name").asText()).isEqualTo("Narrowcast");
    assertThat(f.at("/metadata/product/version").asText()).isNotBlank();
    assertThat(f.at("/finding_info/uid").asText()).isEqualTo(alert.getAlertId());
    assertThat(f.at("/finding_info/title").asText()).contains(alert.getDomain());
    assertThat(f.at("/finding_info/desc").asText()).startsWith(alert.getDomain());
    assertThat(f.at("/finding_info/types/0").asText()).startsWith("DNS ");
    assertThat(f.get("evidences")).hasSizeGreaterThanOrEqualTo(alert.getSources().size());
    JsonNode analysis = f.at("/anomaly_analyses/0");
    assertThat(analysis.at("/analysis_target/name").asText()).isEqualTo(alert.getDomain());
    assertThat(analysis.at("/baselines/0/observations/0/value").asText()).isEqualTo(Long.toString(alert.getBaselineSources()));
    assertThat(analysis.at("/baselines/0/observations/0/count").asLong()).isEqualTo(alert.getBaselineQueries());
    assertThat(analysis.at("/anomalies/0/observations/0/timespan/start_time").asLong()).isEqualTo(alert.getWindowStart().toEpochMilli());
    assertThat(observableValues(f)).contains(alert.getDomain())
        .containsAll(alert.getSources().stream().map(SourceShare::getSource).toList());
  }

  @Test
  @Order(2)
  void alertsShowsTheCaseAsATableOldestFirstAsTheDocsShowIt() throws IOException {
    DocExample example = DocExample.startingWith(ALERTS_DOC, "java -jar detector/target/narrowcast.jar alerts ");
    assertThat(example.words()).containsExactly("java", "-jar", "detector/target/narrowcast.jar", "alerts",
        "--bootstrap-servers", DocExample.DOCS_CLUSTER);
    Cli.Result result = Cli.run("alerts", "--bootstrap-servers", kafka.bootstrapServers());

    assertThat(result.status()).isZero();
    List<String> lines = result.lines();
    int last = replay.alerts().size();
    assertThat(lines).hasSize(last + 1);
    assertThat(lines.get(0)).startsWith("TIME (UTC)        ID                   STATUS  KIND      SEV     SCORE");
    assertThat(lines.get(1)).startsWith("2016-05-06 00:00  " + COLLAPSE_ID + "  new     collapse")
        .contains("2016-05-04 00:00 .. 2016-05-06 00:00").contains(MAIL1).contains("217.12.9");
    assertThat(lines.get(last - 1)).startsWith("2016-09-24 00:00  " + COLLAPSE_ID + "  closed")
        .endsWith("closed: the name stopped resolving (NXDOMAIN)");
    assertThat(lines.get(last)).startsWith("2016-09-28 00:00  " + RENAME_ID + "  new     rename").contains(MAIL1 + " -> " + TRUMP1)
        .endsWith("217.12.96.15 77.8%, 217.12.97.15 22.2%; same answer 66.216.133.29; lag 3d 18h");
    example.assertShownIn(lines);
  }

  @Test
  @Order(3)
  void alertsJsonRoundTripsToTheContract() throws Exception {
    Cli.Result result = Cli.run("alerts", "--json", "--bootstrap-servers", kafka.bootstrapServers());

    assertThat(result.status()).isZero();
    List<Alert> read = new ArrayList<>();
    for (String line : result.lines()) {
      assertThat(fieldNames(MAPPER.readTree(line))).containsExactly("alert_id", "kind", "domain", "previous_domain",
          "window_start", "window_end", "sources", "distinct_sources", "queries", "baseline_sources", "baseline_queries",
          "shared_answers", "lag_seconds", "score", "severity", "status", "first_querier_shared", "close_reason");
      Alert alert = AlertJson.read(line);
      assertThat(AlertJson.write(alert)).isEqualTo(line);
      read.add(alert);
    }
    assertThat(read).containsExactlyInAnyOrderElementsOf(replay.alerts());
  }

  @Test
  @Order(4)
  void alertsFiltersByKindAndTime() {
    List<String> renames = Cli.run("alerts", "--json", "--kind", "rename", "--bootstrap-servers", kafka.bootstrapServers()).lines();
    assertThat(renames).singleElement().satisfies(line -> assertThat(AlertJson.read(line).getAlertId()).isEqualTo(RENAME_ID));

    List<String> september = Cli.run("alerts", "--json", "--since", "2016-09-01", "--bootstrap-servers", kafka.bootstrapServers()).lines();
    assertThat(september).extracting(line -> AlertJson.read(line).getStatus()).containsExactly("closed", "new");

    assertThat(Cli.run("alerts", "--since", "7d", "--bootstrap-servers", kafka.bootstrapServers()).lines())
        .as("a week back from now: nothing from 2016").hasSize(1);
  }

  @Test
  @Order(5)
  void theReplaysReportOfTheRenameHasBothNamesLookupsPerSourceOnOneAxis() throws IOException {
    assertThat(replay.reports()).extracting(p -> p.getFileName().toString())
        .containsExactly(COLLAPSE_ID + ".html", RENAME_ID + ".html");
    String html = Files.readString(reportDir.resolve(RENAME_ID + ".html"));

    assertThat(html).contains("<h1>Rename following: " + MAIL1 + " -&gt; " + TRUMP1 + "</h1>");
    assertThat(count(html, "<svg")).isOne();
    assertThat(count(html, ">UTC</text>")).as("one time axis").isOne();
    assertThat(html).contains(">" + MAIL1 + "  (").contains(">" + TRUMP1 + "  (");
    // the bank's first resolver in both lanes, in the same colour: before the break and on the rename day
    assertThat(html).containsPattern("fill=\"#0072B2\"><title>" + MAIL1.replace(".", "\\.") + " by 217\\.12\\.96\\.15, 2016-09-1")
        .containsPattern("fill=\"#0072B2\"><title>" + TRUMP1.replace(".", "\\.") + " by 217\\.12\\.96\\.15, 2016-09-27");
    assertThat(html).contains(MAIL1 + " went dark (to the hour)");
    assertNoFetches(html);
  }

  @Test
  @Order(6)
  void reportWritesTheSamePageFromTheClusterAndRefusesAnUnknownId() throws IOException {
    Path dir = work.resolve("report-cli");
    Cli.Result result = Cli.run("report", RENAME_ID, "--bootstrap-servers", kafka.bootstrapServers(), "--report-dir", dir.toString());

    assertThat(result.status()).as(result.err()).isZero();
    assertThat(result.out().strip()).isEqualTo(dir.resolve(RENAME_ID + ".html").toString());
    assertThat(Files.readString(dir.resolve(RENAME_ID + ".html"))).isEqualTo(Files.readString(reportDir.resolve(RENAME_ID + ".html")));
    Cli.Result unknown = Cli.run("report", "rf-0000000000000000", "--bootstrap-servers", kafka.bootstrapServers(), "--report-dir", dir.toString());
    assertThat(unknown.status()).isEqualTo(Main.USAGE_ERROR);
    assertThat(unknown.err()).isEqualTo("report: no alert rf-0000000000000000 on dns.alerts" + System.lineSeparator());
  }

  @Test
  @Order(7)
  void headlessChromiumRendersTheRenameReport() throws Exception {
    Path chromium = chromium();
    Path screenshots = Path.of("target", "report-screenshots");
    Files.createDirectories(screenshots);
    Path png = screenshots.resolve(RENAME_ID + ".png");
    Files.deleteIfExists(png);

    // the flags of a headless Chromium on a closed network, as root; /dev/shm may be small in a container
    Process process = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--user-data-dir=" + work.resolve("chromium-profile"), "--hide-scrollbars",
        "--window-size=1040,1100", "--screenshot=" + png.toAbsolutePath(), reportDir.resolve(RENAME_ID + ".html").toUri().toString())
        .redirectErrorStream(true).redirectOutput(work.resolve("chromium.log").toFile()).start();
    try {
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("chromium finished").isTrue();
    } finally {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
    assertThat(process.exitValue()).as(Files.readString(work.resolve("chromium.log"))).isZero();

    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(1040);
    assertThat(pixels(image, 0, image.getHeight() - 1, WHITE)).as("white pixels: not a blank page")
        .isLessThan(image.getWidth() * image.getHeight() * 99 / 100);
    // the chart's lanes are the rows the new name's first window shades: the old name's, then the new one's
    List<int[]> lanes = rowsWith(image, WINDOW_SHADE);
    assertThat(lanes).hasSize(2);
    int[] old = lanes.get(0);
    int[] renamed = lanes.get(1);
    // bars in the sources' colours: the bank's two resolvers in both lanes, the hospital's only in the old name's
    assertThat(pixels(image, old[0], old[1], BANK_FIRST)).isGreaterThan(1000);
    assertThat(pixels(image, old[0], old[1], BANK_SECOND)).isGreaterThan(1000);
    assertThat(pixels(image, old[0], old[1], HOSPITAL)).isGreaterThan(1000);
    assertThat(pixels(image, renamed[0], renamed[1], BANK_FIRST)).isGreaterThan(300);
    assertThat(pixels(image, renamed[0], renamed[1], BANK_SECOND)).isGreaterThan(300);
    assertThat(pixels(image, renamed[0], renamed[1], HOSPITAL)).isZero();
  }

  /**
   * Debian's Chromium. CI (the variable CI set, as .ci/run does) must have it, since .ci/run installs
   * it: there its absence fails the test. Elsewhere it skips the test.
   */
  private static Path chromium() {
    Path chromium = Path.of(CHROMIUM);
    if (!Files.isExecutable(chromium)) {
      String ci = System.getenv().getOrDefault("CI", "");
      String missing = CHROMIUM + " is not installed (Debian's package chromium)";
      if (!ci.isEmpty() && !ci.equals("false") && !ci.equals("0")) {
        fail(missing + ": CI=" + ci + " runs the browser test, and .ci/run installs it (did apt-get fail?)");
      }
      Assumptions.abort(missing);
    }
    return chromium;
  }

  @Test
  @Order(8)
  void theDocsConsoleConsumerShowsEveryFindingAsAJsonLine() throws Exception {
    DocExample example = DocExample.startingWith(ALERTS_DOC, "kafka-console-consumer.sh ");
    List<String> command = example.command(List.of(JAVA, "-cp", System.getProperty("java.class.path"),
        ConsoleConsumer.class.getName()), kafka.bootstrapServers());
    // as shown it waits for more; here it ends once it has read them all
    command.addAll(List.of("--max-messages", Integer.toString(replay.alerts().size())));
    Path out = work.resolve("console-consumer.out");
    Process consumer = new ProcessBuilder(command).redirectOutput(out.toFile())
        .redirectError(work.resolve("console-consumer.err").toFile()).start();
    try {
      assertThat(consumer.waitFor(60, TimeUnit.SECONDS)).as("the console consumer ended").isTrue();
    } finally {
      consumer.destroyForcibly();
    }

    List<String> lines = Files.readAllLines(out);
    assertThat(lines).containsExactlyInAnyOrderElementsOf(readAll(Topics.ALERTS_OCSF.name()).stream().map(ConsumerRecord::value).toList());
    example.assertShownIn(lines);
  }

  @Test
  @Order(9)
  void theDocsJavaConsumerPrintsEveryAlert() throws Exception {
    Path source = DocExample.REPOSITORY.resolve("docs/examples/AlertConsumer.java");
    assertThat(DocExample.code(ALERTS_DOC, "public class AlertConsumer {")).as(ALERTS_DOC + "'s copy").isEqualTo(Files.readString(source));
    DocExample example = DocExample.startingWith(ALERTS_DOC, "java -cp detector/target/narrowcast.jar docs/examples/AlertConsumer.java ");
    Path out = work.resolve("alert-consumer.out");
    // as the docs run it, from the top of the repository; it runs until stopped
    Process consumer = new ProcessBuilder(example.command(List.of(JAVA), kafka.bootstrapServers()))
        .directory(DocExample.REPOSITORY.toFile()).redirectOutput(out.toFile())
        .redirectError(work.resolve("alert-consumer.err").toFile()).start();
    try {
      await().atMost(Duration.ofSeconds(90)).until(() -> Files.readAllLines(out).size() >= replay.alerts().size());
    } finally {
      consumer.destroy();
    }
    assertThat(consumer.waitFor(30, TimeUnit.SECONDS)).as("stopped on SIGTERM").isTrue();

    List<String> lines = Files.readAllLines(out);
    assertThat(lines).containsExactlyInAnyOrderElementsOf(replay.alerts().stream().map(alert -> String.format(
        "%s %-6s %-16s %s", alert.getAlertId(), alert.getStatus(), alert.getKind(),
        (alert.getPreviousDomain() == null ? "" : alert.getPreviousDomain() + " -> ") + alert.getDomain())).toList());
    assertThat(lines).contains("rf-cd2f5d28975231c6 new    RENAME_FOLLOW    mail1.trump-email.com -> trump1.contact-client.com");
    example.assertShownIn(lines);
  }

  @Test
  @Order(10) // last: it adds an alert to the topic
  void followShowsNewAlertsUntilStopped() throws Exception {
    Process follow = new ProcessBuilder(JAVA, "-Xmx256m",
        "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "alerts", "--follow", "--json", "--bootstrap-servers", kafka.bootstrapServers())
        .redirectError(work.resolve("follow.err").toFile()).start();
    List<String> lines = Collections.synchronizedList(new ArrayList<>());
    Thread reader = new Thread(() -> {
      try (BufferedReader out = new BufferedReader(new InputStreamReader(follow.getInputStream(), StandardCharsets.UTF_8))) {
        out.lines().forEach(lines::add);
      } catch (IOException e) {
        lines.add("read failed: " + e);
      }
    });
    reader.start();
    try {
      await().atMost(Duration.ofSeconds(60)).until(() -> lines.size() == replay.alerts().size());
      Alert later = Alert.newBuilder(replay.alerts().get(0)).setAlertId("qc-00000000000000aa").build();
      try (KafkaProducer<String, Alert> producer = new KafkaProducer<>(Map.of(
          ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
          Topics.ALERTS.keySerde().serializer(), Topics.ALERTS.valueSerde().serializer())) {
        producer.send(new ProducerRecord<>(Topics.ALERTS.name(), later.getDomain(), later)).get();
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> lines.size() == replay.alerts().size() + 1);
      assertThat(AlertJson.read(lines.get(lines.size() - 1))).isEqualTo(later);
    } finally {
      follow.destroy(); // SIGTERM, as Ctrl-C would be
    }
    assertThat(follow.waitFor(30, TimeUnit.SECONDS)).as("follow stopped on SIGTERM").isTrue();
    reader.join(TimeUnit.SECONDS.toMillis(10));
    assertThat(Files.readString(work.resolve("follow.err"))).doesNotContain("Exception");
  }

  private static List<ConsumerRecord<String, String>> readAll(String topic) {
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      List<ConsumerRecord<String, String>> out = new ArrayList<>();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
      }
      out.sort(Comparator.comparingLong(ConsumerRecord::timestamp));
      return out;
    }
  }

  /** The findings of one alert, in the order they were sent. */
  private static List<JsonNode> findings(List<ConsumerRecord<String, String>> records, String alertId) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (ConsumerRecord<String, String> record : records) {
      JsonNode finding = MAPPER.readTree(record.value());
      if (finding.at("/finding_info/uid").asText().equals(alertId)) {
        out.add(finding);
      }
    }
    return out;
  }

  private static List<String> sourceIps(JsonNode finding) {
    List<String> out = new ArrayList<>();
    finding.get("evidences").forEach(e -> {
      if (e.has("src_endpoint")) {
        out.add(e.at("/src_endpoint/ip").asText());
      }
    });
    return out;
  }

  private static List<String> observableValues(JsonNode finding) {
    List<String> out = new ArrayList<>();
    finding.get("observables").forEach(o -> out.add(o.get("value").asText()));
    return out;
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> out = new ArrayList<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      n++;
    }
    return n;
  }

  /** Pixels of colour {@code rgb} in rows {@code top} to {@code bottom}, both included. */
  private static int pixels(BufferedImage image, int top, int bottom, int rgb) {
    int n = 0;
    for (int y = top; y <= bottom; y++) {
      n += pixelsInRow(image, y, rgb);
    }
    return n;
  }

  /** The runs of consecutive rows that hold at least ten pixels of colour {@code rgb}, each as {first, last}. */
  private static List<int[]> rowsWith(BufferedImage image, int rgb) {
    List<int[]> runs = new ArrayList<>();
    for (int y = 0; y < image.getHeight(); y++) {
      if (pixelsInRow(image, y, rgb) >= 10) {
        if (!runs.isEmpty() && runs.get(runs.size() - 1)[1] == y - 1) {
          runs.get(runs.size() - 1)[1] = y;
        } else {
          runs.add(new int[] {y, y});
        }
      }
    }
    return runs;
  }

  private static int pixelsInRow(BufferedImage image, int y, int rgb) {
    int n = 0;
    for (int x = 0; x < image.getWidth(); x++) {
      if ((image.getRGB(x, y) & 0xFFFFFF) == rgb) {
        n++;
      }
    }
    return n;
  }
}
