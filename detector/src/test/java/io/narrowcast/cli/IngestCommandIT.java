package io.narrowcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.narrowcast.embedded.EmbeddedKafka;
import io.narrowcast.embedded.TestBroker;
import io.narrowcast.embedded.TopicContents;
import io.narrowcast.topics.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** narrowcast ingest end to end: every real log by its format, and a BIND fixture, into the embedded broker. */
class IngestCommandIT {
  static final Path REAL = Path.of("..", "..", "shared", "data", "real");
  static final Path BIND_FIXTURE = Path.of("src", "test", "resources", "ingest", "bind-queries.log");
  private static final Logger LOG = LoggerFactory.getLogger(IngestCommandIT.class);
  private static final Pattern COUNTS = Pattern.compile("input: read ([\\d,]+): accepted ([\\d,]+), rejected ([\\d,]+).*, skipped ([\\d,]+).*");
  static EmbeddedKafka kafka;
  @TempDir
  static Path brokerDir;

  @BeforeAll
  static void startBroker() throws InterruptedException {
    kafka = TestBroker.startWithTopics(brokerDir);
  }

  @AfterAll
  static void stopBroker() {
    if (kafka != null) {
      kafka.close();
    }
  }

  /** Runs ingest and checks that the summary's accepted and rejected counts are what reached the topics. */
  static long[] ingest(String format, Path file) {
    long eventsBefore = TopicContents.end(kafka.bootstrapServers(), Topics.EVENTS.name());
    long deadBefore = TopicContents.end(kafka.bootstrapServers(), Topics.DEAD_LETTERS.name());
    Object[] result = MainTest.run("ingest", "--format", format, "--bootstrap-servers", kafka.bootstrapServers(),
        "--min-time", "1970-01-01", file.toString());
    String summary = ((String) result[1]).strip();
    LOG.info("{} ({}): {}", file, format, summary);
    assertThat(result[0]).as(summary).isEqualTo(0);
    Matcher counts = COUNTS.matcher(summary.lines().reduce((a, b) -> b).orElse(""));
    assertThat(counts.matches()).as(summary).isTrue();
    long[] n = new long[4];
    for (int i = 0; i < 4; i++) {
      n[i] = Long.parseLong(counts.group(i + 1).replace(",", ""));
    }
    assertThat(n[0]).isEqualTo(n[1] + n[2] + n[3]);
    assertThat(TopicContents.end(kafka.bootstrapServers(), Topics.EVENTS.name()) - eventsBefore).isEqualTo(n[1]);
    assertThat(TopicContents.end(kafka.bootstrapServers(), Topics.DEAD_LETTERS.name()) - deadBefore).isEqualTo(n[2]);
    return n;
  }

  static String formatOf(Path file) throws IOException {
    if (file.toString().endsWith(".gz")) {
      return "zeek";
    }
    try (var reader = Files.newBufferedReader(file)) {
      String first = reader.readLine();
      return first == null || !first.startsWith("{") ? "zeek" : first.contains("\"event_type\"") ? "suricata" : "zeek-json";
    }
  }

  @Test
  void everyRealLogIngestsByItsFormatWithItsCountsOnTheTopics() throws IOException {
    Assumptions.assumeTrue(Files.isDirectory(REAL), "../shared/data/real is not beside the project");
    List<Path> logs;
    try (Stream<Path> all = Files.walk(REAL)) {
      logs = all.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".md")).sorted().toList();
    }
    assertThat(logs).hasSizeGreaterThanOrEqualTo(17);
    for (Path log : logs) {
      long[] counts = ingest(formatOf(log), log);
      assertThat(counts[1]).as("accepted from %s", log).isPositive();
    }
  }

  @Test
  void bindQueryLogWithAndWithoutPrefixes() {
    long[] counts = ingest("bind", BIND_FIXTURE);
    // 4 queries; the zone message is skipped; the 64-octet label, the bad address and the garbage line are refused
    assertThat(counts).containsExactly(8, 4, 3, 1);
  }
}
