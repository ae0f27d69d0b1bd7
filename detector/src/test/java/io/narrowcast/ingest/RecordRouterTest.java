package io.narrowcast.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.narrowcast.normalize.EventNormalizer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RecordRouterTest {
  /** {@code text} as the line reader would return it. */
  static LineReader.Line line(String text) {
    byte[] raw = text.getBytes(StandardCharsets.UTF_8);
    return new LineReader.Line(text, raw, raw.length);
  }

  @Test
  void aParserThatThrowsRefusesOnlyThatRecord() {
    RecordingSink sink = new RecordingSink();
    IngestSummary summary = new IngestSummary();
    RecordRouter router = new RecordRouter(sink, summary, EventNormalizer.exact());
    RecordParser jsonl = new JsonlEventParser("test");
    RecordParser buggy = line -> {
      if (line.contains("boom")) {
        throw new IllegalStateException("the parser tripped over " + line);
      }
      return jsonl.parse(line);
    };
    router.routeLine(buggy, line("{\"event_time\":1000,\"source_ip\":\"10.0.0.1\",\"query\":\"a.example\"}"), "in:1");
    router.routeLine(buggy, line("boom"), "in:2");
    router.routeLine(buggy, line("{\"event_time\":2000,\"source_ip\":\"10.0.0.1\",\"query\":\"b.example\"}"), "in:3");
    router.finish();

    assertThat(summary.describe()).isEqualTo("read 3: accepted 2, rejected 1 (unparsable 1), skipped 0");
    assertThat(sink.queries()).containsExactly("a.example", "b.example");
    assertThat(sink.deadLetters).containsExactly("in:2 unparsable boom");
    assertThat(sink.details).containsExactly("the parser tripped over boom");
  }

  @Test
  void theFirstAcceptedTimeIsThatOfTheFirstRecordNotTheEarliest() { // a device with its clock in 2010
    IngestSummary summary = new IngestSummary();
    RecordRouter router = new RecordRouter(new RecordingSink(), summary, EventNormalizer.exact());
    RecordParser jsonl = new JsonlEventParser("test");
    router.routeLine(jsonl, line("{\"event_time\":1646849478000,\"source_ip\":\"10.0.0.1\",\"query\":\"a.example\"}"), "in:1");
    router.routeLine(jsonl, line("{\"event_time\":1282348800000,\"source_ip\":\"10.0.0.2\",\"query\":\"b.example\"}"), "in:2");
    router.routeLine(jsonl, line("{\"event_time\":1646850885000,\"source_ip\":\"10.0.0.1\",\"query\":\"c.example\"}"), "in:3");
    router.finish();

    assertThat(summary.firstAcceptedTime()).isEqualTo(1_646_849_478_000L);
    assertThat(summary.firstEventTime()).isEqualTo(1_282_348_800_000L);
    assertThat(summary.lastEventTime()).isEqualTo(1_646_850_885_000L);
  }
}
