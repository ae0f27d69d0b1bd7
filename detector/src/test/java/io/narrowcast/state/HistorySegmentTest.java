package io.narrowcast.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistorySegmentTest {
  @TempDir
  Path dir;

  @Test
  void findsEveryKeyItHoldsAndNoOther() {
    HistorySegment.Writer writer = HistorySegment.writer(dir.resolve("w.segment"));
    Map<String, byte[]> written = new LinkedHashMap<>();
    for (int i = 0; i < 1000; i++) {
      String key = String.format("name-%04d.example", i * 2);
      byte[] value = ("set of " + key + "x".repeat(i % 70)).getBytes(StandardCharsets.UTF_8);
      writer.add(key, value);
      written.put(key, value);
    }
    HistorySegment segment = writer.finish();
    assertThat(segment.size()).isEqualTo(1000);
    written.forEach((key, value) -> assertThat(segment.get(key)).as(key).isEqualTo(value));
    assertThat(segment.get("name-0001.example")).isNull();
    assertThat(segment.get("a-before-every-key")).isNull();
    assertThat(segment.get("zzz-after-every-key")).isNull();
    Map<String, byte[]> all = new LinkedHashMap<>();
    segment.forEach(all::put);
    assertThat(all).containsExactlyEntriesOf(written);
    segment.delete();
    assertThat(dir.resolve("w.segment")).doesNotExist();
    assertThat(segment.get("name-0002.example")).as("a reader that comes after the delete finds nothing").isNull();
  }

  @Test
  void refusesKeysOutOfOrder() {
    HistorySegment.Writer writer = HistorySegment.writer(dir.resolve("w.segment"));
    writer.add("b.example", new byte[] {1});
    assertThatThrownBy(() -> writer.add("a.example", new byte[] {2})).isInstanceOf(CorruptStateException.class);
    writer.abandon();
    assertThat(Files.exists(dir.resolve("w.segment"))).isFalse();
  }
}
