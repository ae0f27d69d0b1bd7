package io.narrowcast.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.narrowcast.framestream.ControlType;
import io.narrowcast.framestream.FrameStreamWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FileIngestorTest {
  @TempDir
  Path dir;

  static final String LOG = String.join("\n", ZeekTsvParserTest.HEADER) + "\n"
      + "1.5\tC1\t10.0.0.1\t5000\t10.0.0.53\t53\tudp\t1\t-\tWWW.Example.COM.\t1\tC_INTERNET\t1\tA\t0\tNOERROR\tF\tF\tT\tT\t0\t-\t-\tF\n"
      + "garbage line\n"
      + "2.5\tC2\t10.0.0.2\t137\t10.0.0.255\t137\tudp\t2\t-\tWORKGROUP\t1\tC_INTERNET\t32\tNB\t-\t-\tF\tF\tT\tF\t1\t-\t-\tF\n"
      + "3.5\tC3\tnot-an-ip\t5000\t10.0.0.53\t53\tudp\t3\t-\ta.example\t1\tC_INTERNET\t1\tA\t0\tNOERROR\tF\tF\tT\tT\t0\t-\t-\tF\n"
      + "4.5\tC4\t2001:DB8:0:0::1\t5000\t10.0.0.53\t53\tudp\t4\t-\tb.example\t1\tC_INTERNET\t1\tA\t0\tNOERROR\tF\tF\tT\tT\t0\t-\t-\tF\n"
      + "#close\t2024-04-29-17-00-00\n";

  @Test
  void countsAreConservedAndBadLinesBecomeDeadLettersWithTheirLine() throws IOException {
    Path file = dir.resolve("dns.log");
    Files.writeString(file, LOG);
    RecordingSink sink = new RecordingSink();
    IngestSummary summary = new IngestSummary();
    new FileIngestor(sink, summary).ingest(List.of(file), Format.ZEEK);

    assertThat(summary.read()).isEqualTo(5);
    assertThat(summary.accepted()).isEqualTo(2);
    assertThat(summary.rejected()).isEqualTo(2);
    assertThat(summary.skipped()).isEqualTo(1);
    assertThat(summary.read()).isEqualTo(summary.accepted() + summary.rejected() + summary.skipped());
    assertThat(sink.keys).containsExactly("www.example.com", "b.example");
    assertThat(sink.events.get(1).getSourceIp()).isEqualTo("2001:db8::1");
    assertThat(sink.deadLetters).containsExactly(
        file + ":10 unparsable garbage line",
        file + ":12 bad address " + LOG.lines().toList().get(11));
    assertThat(summary.describe())
        .isEqualTo("read 5: accepted 2, rejected 2 (unparsable 1, bad address 1), skipped 1 (netbios-ns 1)");
  }

  @Test
  void aLineThatIsNotUtf8IsADeadLetterWithItsOriginalBytes() throws IOException {
    String bad = "1.5\tC1\t10.0.0.1\t5000\t10.0.0.53\t53\tudp\t1\t-\tcaf\u00e9.example\t1\tC_INTERNET\t1\tA\t0\tNOERROR"
        + "\tF\tF\tT\tT\t0\t-\t-\tF";
    String good = LOG.lines().toList().get(ZeekTsvParserTest.HEADER.size());
    Path file = dir.resolve("latin1.log");
    // Latin-1: the header and the good line are ASCII, the bad line's é is one byte that is not UTF-8
    Files.writeString(file, String.join("\n", ZeekTsvParserTest.HEADER) + "\n" + bad + "\n" + good + "\n", StandardCharsets.ISO_8859_1);
    RecordingSink sink = new RecordingSink();
    IngestSummary summary = new IngestSummary();
    new FileIngestor(sink, summary).ingest(List.of(file), Format.ZEEK);

    assertThat(summary.describe()).isEqualTo("read 2: accepted 1, rejected 1 (bad characters 1), skipped 0");
    assertThat(sink.keys).containsExactly("www.example.com");
    assertThat(sink.rawDeadLetters).singleElement().isEqualTo(bad.getBytes(StandardCharsets.ISO_8859_1));
  }

  @Test
  void aNamedPipeIsReadWhole() throws Exception {
    Path fifo = dir.resolve("dns.fifo");
    Assumptions.assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo");
    // more than the reader's buffer, so that it asks the pipe what is available
    String log = String.join("\n", ZeekTsvParserTest.HEADER) + "\n"
        + (LOG.lines().toList().get(ZeekTsvParserTest.HEADER.size()) + "\n").repeat(5_000);
    Thread writer = new Thread(() -> {
      try {
        Files.writeString(fifo, log);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    writer.setDaemon(true); // a reader that never opens the pipe must fail the test, not leave the JVM waiting on the writer
    writer.start();
    RecordingSink sink = new RecordingSink();
    IngestSummary summary = new IngestSummary();
    new FileIngestor(sink, summary).ingest(List.of(fifo), Format.ZEEK);
    writer.join();

    assertThat(summary.accepted()).isEqualTo(5_000);
    assertThat(summary.read()).isEqualTo(5_000);
  }

  /** Lines of {@code template} with the good value, the bad one, the good one again. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      zeek-json | {"ts":1588205160.1,"id.orig_h":"10.0.0.5","id.resp_p":53,"query":"a.example","qtype":%s,"answers":["foo.example.net"]} | 1 | 70000 | UNPARSABLE
      zeek-json | {"ts":"%s","id.orig_h":"10.0.0.5","query":"a.example"} | 2020-04-30T00:06:00Z | +999999999-12-31T23:59:59Z | TIME_OUT_OF_RANGE
      suricata | {"timestamp":"%s","flow_id":1,"event_type":"dns","src_ip":"10.0.0.5","dest_ip":"10.0.0.1","dns":{"type":"query","id":2,"rrname":"a.example","rrtype":"A"}} | 2021-06-06T16:26:27.431769+0200 | +999999999-12-31T23:59:59.000000+0000 | TIME_OUT_OF_RANGE
      jsonl | {"event_time":"%s","source_ip":"10.0.0.1","query":"a.example"} | 2016-01-01T00:00:30Z | +999999999-12-31T23:59:59Z | TIME_OUT_OF_RANGE
      """)
  void aRecordOutOfRangeIsRefusedAndTheRestIsRead(String format, String template, String good, String bad, RejectReason reason)
      throws IOException {
    Path file = dir.resolve("three.log");
    Files.writeString(file, String.format(template, good) + "\n" + String.format(template, bad) + "\n" + String.format(template, good) + "\n");
    RecordingSink sink = new RecordingSink();
    IngestSummary summary = new IngestSummary();
    new FileIngestor(sink, summary).ingest(List.of(file), Format.fromCliName(format));
    assertThat(summary.describe()).isEqualTo("read 3: accepted 2, rejected 1 (" + reason.label() + " 1), skipped 0");
    assertThat(sink.deadLetters).singleElement().asString().startsWith(file + ":2 " + reason.label());
  }

  @Test
  void aQueryAndItsAnswerInTwoFilesAreOneLookup() throws IOException {
    Path rotated = dir.resolve("eve.json.1");
    Path current = dir.resolve("eve.json");
    List<String> flows = IntStream.range(0, 20).mapToObj(Integer::toString).toList();
    Files.write(rotated, flows.stream().map(flow -> SuricataEveParserTest.V2_QUERY.replace("1567838537225881", flow)).toList());
    Files.write(current, flows.stream().map(flow -> SuricataEveParserTest.V2_ANSWER.replace("1567838537225881", flow)).toList());
    RecordingSink sink = new RecordingSink();
    IngestSummary summary = new IngestSummary();
    new FileIngestor(sink, summary).ingest(List.of(rotated, current), Format.SURICATA);
    assertThat(summary.describe()).isEqualTo("read 40: accepted 20, rejected 0, skipped 20 (response joined to its query 20)");
    assertThat(sink.events).hasSize(20).allSatisfy(event -> assertThat(event.getAnswers()).isNotEmpty());
  }

  @Test
  void gzipIsRecognizedByContent() throws IOException {
    Path file = dir.resolve("rotated.log.any");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(LOG.getBytes(StandardCharsets.UTF_8));
    }
    IngestSummary summary = new IngestSummary();
    new FileIngestor(new RecordingSink(), summary).ingest(List.of(file), Format.ZEEK);
    assertThat(summary.accepted()).isEqualTo(2);
  }

  /** Suricata queries whose answers never come, gzipped. */
  static byte[] gzippedQueries(int count) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes)) {
      for (int i = 0; i < count; i++) {
        out.write(("{\"timestamp\":\"2021-06-06T16:26:27.431769+0200\",\"flow_id\":" + i + ",\"event_type\":\"dns\","
            + "\"src_ip\":\"10.0.0.5\",\"dest_ip\":\"10.0.0.1\",\"dns\":{\"type\":\"query\",\"id\":" + i + ","
            + "\"rrname\":\"q" + i + ".example\",\"rrtype\":\"A\"}}\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    return bytes.toByteArray();
  }

  /** The whole lines that gzip data holds before it breaks off, as GZIPInputStream itself gives them. */
  static long wholeLines(byte[] gzip) {
    long lines = 0;
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
      for (int b = in.read(); b >= 0; b = in.read()) {
        lines += b == '\n' ? 1 : 0;
      }
    } catch (IOException e) {
      // where it breaks off
    }
    return lines;
  }

  @ParameterizedTest
  @CsvSource({"half, truncated gzip stream", "header, truncated gzip stream", "trailer, truncated gzip stream",
      "crc, corrupt gzip stream (Corrupt GZIP trailer)"})
  void aBrokenGzipKeepsEveryWholeLineBeforeTheBreakAndIsOneDeadLetter(String cut, String detail) throws IOException {
    byte[] gzip = gzippedQueries(2_000);
    byte[] broken = switch (cut) {
      case "half" -> Arrays.copyOf(gzip, gzip.length / 2);
      case "header" -> Arrays.copyOf(gzip, 5);
      case "trailer" -> Arrays.copyOf(gzip, gzip.length - 4);
      default -> {
        gzip[gzip.length - 8]++; // the CRC-32 of the data
        yield gzip;
      }
    };
    long whole = wholeLines(broken);
    Path rotated = dir.resolve("eve.json.1.gz");
    Files.write(rotated, broken);
    Path current = dir.resolve("eve.json");
    Files.writeString(current, "{\"timestamp\":\"2021-06-06T16:30:00Z\",\"event_type\":\"dns\",\"src_ip\":\"10.0.0.6\","
        + "\"dns\":{\"type\":\"query\",\"id\":1,\"rrname\":\"next.example\",\"rrtype\":\"A\"}}\n");
    RecordingSink sink = new RecordingSink();
    IngestSummary summary = new IngestSummary();
    new FileIngestor(sink, summary).ingest(List.of(rotated, current), Format.SURICATA);

    // every whole line's query, released unanswered, then the next file's
    assertThat(summary.describe())
        .isEqualTo(String.format("read %,d: accepted %,d, rejected 1 (unparsable 1), skipped 0", whole + 2, whole + 1));
    assertThat(sink.queries()).endsWith("next.example");
    assertThat(sink.deadLetters).containsExactly(rotated + ":" + (whole + 1) + " unparsable ");
    assertThat(sink.details).containsExactly(detail + " after line " + whole);
    assertThat(summary.cutShort()).containsExactly(rotated + ": " + detail + " after line " + whole);
  }

  @Test
  void aDnstapGzipCutBetweenTwoFramesIsOneDeadLetterToo() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    FrameStreamWriter writer = new FrameStreamWriter(new GZIPOutputStream(bytes, true))
        .control(ControlType.START, List.of(DnstapDecoder.CONTENT_TYPE));
    for (int i = 0; i < 3; i++) {
      writer.data(DnstapMessages.query(i, "10.0.0.1", 1000 + i, "n" + i + ".example", 1, Instant.parse("2016-09-27T07:00:00Z")));
    }
    writer.flush(); // a sync flush: the compressed data ends right after the third query, the stream is never finished
    Path file = dir.resolve("resolver.dnstap.gz");
    Files.write(file, bytes.toByteArray());
    RecordingSink sink = new RecordingSink();
    IngestSummary summary = new IngestSummary();
    new FileIngestor(sink, summary).ingest(List.of(file), Format.DNSTAP);
    assertThat(summary.describe()).isEqualTo("read 4: accepted 3, rejected 1 (unparsable 1), skipped 0");
    assertThat(sink.deadLetters).containsExactly(file + "#5 unparsable ");
    assertThat(sink.details).containsExactly("frame stream broken, the rest is lost: stream ends inside frame 5: truncated gzip stream");
    assertThat(summary.cutShort())
        .containsExactly(file + "#5: frame stream broken, the rest is lost: stream ends inside frame 5: truncated gzip stream");
  }

  @Test
  void aLineOverTheLimitIsTooLargeAndTheNextOneStillCounts() throws IOException {
    Path file = dir.resolve("big.jsonl");
    String good = "{\"event_time\":1000,\"source_ip\":\"10.0.0.1\",\"query\":\"a.example\"}";
    Files.writeString(file, "{\"x\":\"" + "a".repeat(LineReader.MAX_LINE_CHARS) + "\"}\n" + good + "\n");
    RecordingSink sink = new RecordingSink();
    IngestSummary summary = new IngestSummary();
    new FileIngestor(sink, summary).ingest(List.of(file), Format.JSONL);
    assertThat(summary.rejected(RejectReason.RECORD_TOO_LARGE)).isEqualTo(1);
    assertThat(summary.accepted()).isEqualTo(1);
  }

  @Test
  void aLineSeveralTimesTheLimitIsRefusedWithItsHeadAndTheNextOneStillCounts() throws IOException {
    Path file = dir.resolve("huge.jsonl");
    String good = "{\"event_time\":1000,\"source_ip\":\"10.0.0.1\",\"query\":\"a.example\"}";
    int length = 3 * LineReader.MAX_LINE_BYTES;
    Files.writeString(file, good + "\n" + "x".repeat(length) + "\n" + good + "\n");
    RecordingSink sink = new RecordingSink();
    IngestSummary summary = new IngestSummary();
    new FileIngestor(sink, summary).ingest(List.of(file), Format.JSONL);
    assertThat(summary.describe()).isEqualTo("read 3: accepted 2, rejected 1 (record too large 1), skipped 0");
    assertThat(sink.details).containsExactly("line of " + length + " bytes, at most " + LineReader.MAX_LINE_CHARS + " characters");
    // the dead letter keeps the line's first MAX_LINE_BYTES bytes
    assertThat(sink.deadLetters).containsExactly(file + ":2 record too large " + "x".repeat(LineReader.MAX_LINE_BYTES));
  }
}
