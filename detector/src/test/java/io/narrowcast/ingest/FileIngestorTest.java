package io.narrowcast.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
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
    new FileIngestor(sink, summary).ingest(file, Format.ZEEK);

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
    new FileIngestor(sink, summary).ingest(file, Format.fromCliName(format));
    assertThat(summary.describe()).isEqualTo("read 3: accepted 2, rejected 1 (" + reason.label() + " 1), skipped 0");
    assertThat(sink.deadLetters).singleElement().asString().startsWith(file + ":2 " + reason.label());
  }

  @Test
  void gzipIsRecognizedByContent() throws IOException {
    Path file = dir.resolve("rotated.log.any");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(LOG.getBytes(StandardCharsets.UTF_8));
    }
    IngestSummary summary = new IngestSummary();
    new FileIngestor(new RecordingSink(), summary).ingest(file, Format.ZEEK);
    assertThat(summary.accepted()).isEqualTo(2);
  }

  @Test
  void aLineOverTheLimitIsTooLargeAndTheNextOneStillCounts() throws IOException {
    Path file = dir.resolve("big.jsonl");
    String good = "{\"event_time\":1000,\"source_ip\":\"10.0.0.1\",\"query\":\"a.example\"}";
    Files.writeString(file, "{\"x\":\"" + "a".repeat(LineReader.MAX_LINE_CHARS) + "\"}\n" + good + "\n");
    RecordingSink sink = new RecordingSink();
    IngestSummary summary = new IngestSummary();
    new FileIngestor(sink, summary).ingest(file, Format.JSONL);
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
    new FileIngestor(sink, summary).ingest(file, Format.JSONL);
    assertThat(summary.describe()).isEqualTo("read 3: accepted 2, rejected 1 (record too large 1), skipped 0");
    assertThat(sink.details).containsExactly("line of " + length + " bytes, at most " + LineReader.MAX_LINE_CHARS + " characters");
    // the dead letter keeps the line's first MAX_LINE_BYTES bytes
    assertThat(sink.deadLetters).containsExactly(file + ":2 record too large " + "x".repeat(LineReader.MAX_LINE_BYTES));
  }
}
