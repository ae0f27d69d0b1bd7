package io.narrowcast.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Refused bytes shown in a terminal: what prints stays, everything else is \xNN, so the bytes can be told exactly. */
class PrintableBytesTest {
  private static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }

  @Test
  void printableUtf8StaysAsItIs() {
    assertThat(PrintableBytes.escape("bücher.example {\"q\": 1} 日本 😀".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("bücher.example {\"q\": 1} 日本 😀");
  }

  @Test
  void aLatin1ByteThatIsNotUtf8IsEscaped() {
    byte[] latin1 = "caf\u00e9.example".getBytes(StandardCharsets.ISO_8859_1);
    assertThat(PrintableBytes.escape(latin1)).isEqualTo("caf\\xe9.example");
  }

  @Test
  void aBackslashIsDoubledSoThatAnEscapeInTheInputIsToldFromOneOfOurs() {
    assertThat(PrintableBytes.escape("a\\x09b\tc".getBytes(StandardCharsets.UTF_8))).isEqualTo("a\\\\x09b\\x09c");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "control characters and DEL           | 00 1b 5b 33 31 6d 0d 0a 7f | \\x00\\x1b[31m\\x0d\\x0a\\x7f",
      "C1 control, U+0085                   | c2 85                      | \\xc2\\x85",
      "right-to-left override U+202E        | 61 e2 80 ae 62             | a\\xe2\\x80\\xaeb",
      "zero-width space U+200B              | e2 80 8b                   | \\xe2\\x80\\x8b",
      "no-break space U+00A0                | c2 a0                      | \\xc2\\xa0",
      "overlong slash                       | c0 af                      | \\xc0\\xaf",
      "overlong three-byte form             | e0 80 af                   | \\xe0\\x80\\xaf",
      "UTF-16 surrogate                     | ed a0 80                   | \\xed\\xa0\\x80",
      "beyond U+10FFFF                      | f4 90 80 80                | \\xf4\\x90\\x80\\x80",
      "lead byte without its continuation   | e6 97 41                   | \\xe6\\x97A",
      "lone continuation byte               | 80 41                      | \\x80A",
      "sequence cut at the end              | 41 f0 9f 98                | A\\xf0\\x9f\\x98",
  })
  void whatDoesNotPrintIsEscapedByteByByte(String what, String hex, String expected) {
    String[] pairs = hex.trim().split(" ");
    int[] values = new int[pairs.length];
    for (int i = 0; i < pairs.length; i++) {
      values[i] = Integer.parseInt(pairs[i], 16);
    }
    assertThat(PrintableBytes.escape(bytes(values))).isEqualTo(expected);
  }

  @Test
  void aCutNeverSplitsAnEscapeOrACharacter() {
    byte[] value = bytes('a', 'b', 0xe9, 'c', 0xe6, 0x97, 0xa5, 'd');
    assertThat(PrintableBytes.escape(value, 100, "...")).isEqualTo("ab\\xe9c日d");
    assertThat(PrintableBytes.escape(value, 9, "...")).isEqualTo("ab\\xe9c日d");
    assertThat(PrintableBytes.escape(value, 8, "...")).isEqualTo("ab\\xe9c日...");
    assertThat(PrintableBytes.escape(value, 7, "...")).isEqualTo("ab\\xe9c...");
    assertThat(PrintableBytes.escape(value, 5, "...")).isEqualTo("ab...");
    assertThat(PrintableBytes.escape(value, 0, " (8 bytes)")).isEqualTo(" (8 bytes)");
  }
}
