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
}
