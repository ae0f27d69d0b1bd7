package io.narrowcast.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A chunk writer's records, and the one buffer it fills them in. */
class ChunksTest {
  /** G1's smallest region is 1 MB: an array of half that or more is a humongous object. */
  static final int HUMONGOUS_BYTES = 512 * 1024;

  @Test
  void fillsEveryChunkOfAWriteInOneBufferUnderHalfAG1Region() {
    List<byte[]> sent = new ArrayList<>();
    Chunks.Writer writer = new Chunks.Writer(new byte[] {'q'}, sequences(),
        (key, value) -> sent.add(value), Chunks.ORDINARY, 3);
    Map<String, byte[]> written = new LinkedHashMap<>();
    for (int i = 0; sent.size() < 3; i++) {
      byte[] value = new byte[1000];
      Arrays.fill(value, (byte) i);
      String key = "name-" + i + ".example";
      written.put(key, value);
      writer.add(key, value);
      assertThat(writer.bufferCapacity()).isLessThan(HUMONGOUS_BYTES);
    }
    writer.finish(Chunks.ORDINARY);

    Map<String, byte[]> read = new LinkedHashMap<>();
    for (int i = 0; i < sent.size(); i++) {
      if (i < 3) {
        assertThat(sent.get(i).length).isBetween(Chunks.CHUNK_BYTES, Chunks.CHUNK_BYTES + 1100);
      }
      Chunks.Chunk chunk = Chunks.read(sent.get(i), i); // a header on each, though they share a buffer
      assertThat(chunk.kind()).isEqualTo(Chunks.ORDINARY);
      assertThat(chunk.generation()).isEqualTo(3);
      chunk.readEntries(read::put);
    }
    assertThat(read).containsExactlyEntriesOf(written);
  }

  @Test
  void anEntryLargerThanTheSlackGrowsTheBufferToWhatItHolds() {
    List<byte[]> sent = new ArrayList<>();
    Chunks.Writer writer = new Chunks.Writer(new byte[] {'q'}, sequences(), (key, value) -> sent.add(value),
        Chunks.SNAPSHOT, 1);
    writer.add("small.example", new byte[Chunks.CHUNK_BYTES - 100]);
    writer.add("large.example", new byte[Chunks.MAX_ENTRY_BYTES - 100]);
    writer.finish(Chunks.SNAPSHOT_END);

    assertThat(writer.bufferCapacity()).isGreaterThan(Chunks.BUFFER_BYTES);
    assertThat(sent).hasSize(2); // the first chunk sent once full, then the end of the snapshot with nothing more
    assertThat(Chunks.read(sent.get(1), 1).kind()).isEqualTo(Chunks.SNAPSHOT_END);
  }

  private static Chunks.Writer.Sequences sequences() {
    long[] next = {0};
    return () -> next[0]++;
  }
}
