package io.narrowcast.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A string is written as its UTF-8 length and bytes, whichever path the writer takes; how the buffer grows. */
class ByteWriterTest {
  @Test
  void doublesUpToItsLimitThenGrowsOnlyToWhatItHolds() {
    ByteWriter out = new ByteWriter(16, 40);
    out.writeBytes(new byte[20]); // 1 length byte and 20
    assertThat(out.capacity()).isEqualTo(32);
    out.writeBytes(new byte[10]); // 32 bytes in all: fits
    assertThat(out.capacity()).isEqualTo(32);
    out.writeByte(1); // doubling would give 64: the limit caps it
    assertThat(out.capacity()).isEqualTo(40);
    out.writeBytes(new byte[50]); // past the limit: exactly what it must hold
    assertThat(out.capacity()).isEqualTo(33 + 1 + 50);
    assertThat(out.size()).isEqualTo(84);
    out.clear();
    assertThat(out.capacity()).isEqualTo(84);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "10.0.0.1", "mail1.trump-email.com", "\u007f", "\u0080", "b\u00fccher.example",
      "\u4f8b\u3048.jp", "\ud83d\ude00.example", "2001:db8::1"})
  void writesTheUtf8LengthAndBytesAndReadsThemBack(String value) {
    ByteWriter out = new ByteWriter(1); // grows as it writes
    out.writeByte(7);
    out.writeString(value);
    out.writeString(value);

    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    expected.write(7);
    for (int i = 0; i < 2; i++) {
      expected.write(utf8.length); // every length here is below 128: one byte
      expected.writeBytes(utf8);
    }
    assertThat(out.toByteArray()).isEqualTo(expected.toByteArray());
    ByteReader in = new ByteReader(out.toByteArray());
    assertThat(in.readByte()).isEqualTo(7);
    assertThat(in.readString()).isEqualTo(value);
    assertThat(in.readString()).isEqualTo(value);
  }
}
