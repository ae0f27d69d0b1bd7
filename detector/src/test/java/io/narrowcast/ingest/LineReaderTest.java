package io.narrowcast.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LineReaderTest {
  static List<LineReader.Line> lines(String text) throws IOException {
    LineReader reader = new LineReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    List<LineReader.Line> out = new ArrayList<>();
    for (LineReader.Line line = reader.next(); line != null; line = reader.next()) {
      out.add(line);
    }
    return out;
  }

  static List<String> readLines(String text) throws IOException {
    return new BufferedReader(new StringReader(text)).lines().toList();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a", "a\n", "a\r\nb\r\n", "a\rb\r", "a\r\rb", "\n\n", "\r\n\r\n", "a\n\rb", "é\u00e9\uD83D\uDE00\nzz", "last\r"})
  void linesEndAsBufferedReaderEndsThem(String text) throws IOException {
    assertThat(lines(text)).extracting(LineReader.Line::text).containsExactlyElementsOf(readLines(text));
  }

  @Test
  void aCarriageReturnAndItsNewlineInTwoReadsAreOneEnd() throws IOException {
    String text = "x".repeat((1 << 16) - 1) + "\r\nnext\n"; // the \n is the first byte of the second read
    assertThat(lines(text)).extracting(LineReader.Line::text).containsExactlyElementsOf(readLines(text));
  }

  @Test
  void aLineOverTheByteBoundIsCutToItsHeadAndTheRestSkipped() throws IOException {
    long length = 3L * LineReader.MAX_LINE_BYTES + 5;
    List<LineReader.Line> lines = lines("x".repeat((int) length) + "\r\nnext");
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0).bytes()).isEqualTo(length);
    assertThat(lines.get(0).text()).hasSize(LineReader.MAX_LINE_BYTES);
    assertThat(lines.get(0).tooLong()).isTrue();
    assertThat(lines.get(0).raw()).hasSize(LineReader.MAX_LINE_BYTES);
    assertThat(lines.get(1).text()).isEqualTo("next");
    assertThat(lines.get(1).bytes()).isEqualTo(4);
  }

  @Test
  void theLimitCountsCharactersNotBytes() throws IOException {
    String atLimit = "é".repeat(LineReader.MAX_LINE_CHARS); // two bytes each
    assertThat(lines(atLimit + "\n" + atLimit + "é\n")).extracting(LineReader.Line::tooLong).containsExactly(false, true);
  }
}
