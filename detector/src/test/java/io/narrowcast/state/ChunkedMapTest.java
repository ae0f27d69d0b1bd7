package io.narrowcast.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What a checkpoint writes, and that a restore of it, compacted or not, gives back the same map. */
class ChunkedMapTest {
  /** A changelog topic: every record in order, and what compaction leaves of them. */
  static final class Topic implements Chunks.Changelog {
    record Entry(byte[] key, byte[] value) {}

    final List<Entry> records = new ArrayList<>();

    @Override
    public void send(byte[] key, byte[] value) {
      records.add(new Entry(key, value));
    }

    /** The last record of each key, in offset order, tombstones removed: a cleaned compacted topic. */
    List<Entry> compacted() {
      Map<String, Integer> last = new HashMap<>();
      for (int i = 0; i < records.size(); i++) {
        last.put(new String(records.get(i).key(), StandardCharsets.ISO_8859_1), i);
      }
      List<Entry> out = new ArrayList<>();
      for (int i = 0; i < records.size(); i++) {
        Entry entry = records.get(i);
        if (last.get(new String(entry.key(), StandardCharsets.ISO_8859_1)) == i && entry.value() != null) {
          out.add(entry);
        }
      }
      return out;
    }

    long bytes(List<Entry> entries) {
      return entries.stream().mapToLong(e -> e.key().length + (e.value() == null ? 0 : e.value().length)).sum();
    }

    int sent() {
      return records.size();
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static Map<String, byte[]> restored(List<Topic.Entry> records) {
    ChunkedMap map = new ChunkedMap();
    records.forEach(record -> map.restore(record.key(), record.value()));
    return new HashMap<>(map.entries());
  }

  @Test
  void aRestoreGivesBackWhatTheCheckpointsWrote() {
    ChunkedMap map = new ChunkedMap();
    Topic topic = new Topic();
    map.put("a.example", bytes("1"));
    map.put("b.example", bytes("2"));
    map.checkpoint(topic);
    map.put("a.example", bytes("3"));
    map.delete("b.example");
    map.put("c.example", bytes("4"));
    map.checkpoint(topic);

    assertThat(restored(topic.records)).containsOnlyKeys("a.example", "c.example");
    assertThat(restored(topic.records).get("a.example")).isEqualTo(bytes("3"));
    assertThat(restored(topic.compacted())).containsOnlyKeys("a.example", "c.example");
  }

  @Test
  void aCheckpointSendsOnlyWhatChangedAndNothingWhenNothingDid() {
    ChunkedMap map = new ChunkedMap();
    Topic topic = new Topic();
    for (int i = 0; i < 1_000; i++) {
      map.put("name" + i + ".example", new byte[50]);
    }
    map.checkpoint(topic);
    assertThat(topic.sent()).isEqualTo(1);
    map.checkpoint(topic);
    assertThat(topic.sent()).isEqualTo(1);

    map.put("name7.example", new byte[50]);
    map.checkpoint(topic);
    assertThat(topic.sent()).isEqualTo(2);
    assertThat(topic.records.get(1).value().length).isLessThan(100);
  }

  @Test
  void aKeyChangedOftenBetweenCheckpointsIsWrittenOnceAndAKeyDeletedThenPutAgainEndsAsPut() {
    ChunkedMap map = new ChunkedMap();
    Topic topic = new Topic();
    map.put("hot.example", bytes("0"));
    map.put("gone.example", bytes("x"));
    map.checkpoint(topic);
    for (int i = 1; i <= 100; i++) {
      map.put("hot.example", bytes(Integer.toString(i)));
    }
    map.delete("gone.example");
    map.put("gone.example", bytes("back"));
    map.delete("never.example"); // nothing to delete: nothing written
    map.checkpoint(topic);
    map.put("hot.example", bytes("after")); // changed after that checkpoint: in the next one
    map.checkpoint(topic);

    assertThat(topic.sent()).isEqualTo(3);
    List<String> written = new ArrayList<>();
    Chunks.read(topic.records.get(1).value(), 1).readEntries((key, value) -> written.add(key + "=" + (value == null ? null
        : new String(value, StandardCharsets.UTF_8))));
    assertThat(written.stream().filter(entry -> entry.startsWith("hot.example="))).containsExactly("hot.example=100");
    assertThat(written.stream().filter(entry -> entry.startsWith("gone.example=")).toList()).last()
        .isEqualTo("gone.example=back");
    assertThat(written).noneMatch(entry -> entry.startsWith("never.example="));
    assertThat(restored(topic.records)).containsOnlyKeys("hot.example", "gone.example");
    assertThat(restored(topic.records).get("hot.example")).isEqualTo(bytes("after"));
    assertThat(restored(topic.compacted()).get("gone.example")).isEqualTo(bytes("back"));
    assertThat(map.entries()).containsOnlyKeys("hot.example", "gone.example");
    assertThat(map.liveBytes()).isEqualTo("hot.example".length() + 5 + "gone.example".length() + 4);
  }

  @Test
  void manyChangesGoInChunksOfAboutTheChunkSize() {
    ChunkedMap map = new ChunkedMap();
    Topic topic = new Topic();
    for (int i = 0; i < 20_000; i++) {
      map.put("name" + i + ".example", new byte[100]);
    }
    map.checkpoint(topic);
    assertThat(topic.sent()).isBetween(8, 10); // 2.3 MB
    assertThat(topic.records).allSatisfy(r -> assertThat(r.value().length).isLessThan(ChunkedMap.CHUNK_BYTES + 200));
    assertThat(restored(topic.records)).hasSize(20_000);
  }

  @Test
  void snapshotsKeepTheChangelogAboutTwiceTheLiveEntriesHoweverLongAHotNameLives() {
    ChunkedMap map = new ChunkedMap();
    Topic topic = new Topic();
    Random random = new Random(7);
    Map<String, byte[]> expected = new HashMap<>();
    for (int commit = 0; commit < 4_000; commit++) {
      for (int i = 0; i < 50; i++) {
        String key = "name" + random.nextInt(2_000) + ".example";
        if (random.nextInt(10) == 0) {
          map.delete(key);
          expected.remove(key);
        } else {
          byte[] value = new byte[20 + random.nextInt(200)];
          random.nextBytes(value);
          map.put(key, value);
          expected.put(key, value);
        }
      }
      map.put("hot.example", bytes("commit " + commit)); // rewritten at every commit, never deleted
      expected.put("hot.example", bytes("commit " + commit));
      map.checkpoint(topic);
    }
    List<Topic.Entry> compacted = topic.compacted();
    assertThat(topic.bytes(topic.records)).as("everything ever sent").isGreaterThan(5 * ChunkedMap.MIN_SNAPSHOT_BYTES);
    assertThat(topic.bytes(compacted)).isLessThan(2 * Math.max(ChunkedMap.MIN_SNAPSHOT_BYTES, map.liveBytes()) + 2 * ChunkedMap.CHUNK_BYTES);
    assertThat(restored(compacted)).containsOnlyKeys(expected.keySet().toArray(String[]::new));
    restored(compacted).forEach((key, value) -> assertThat(value).as(key).isEqualTo(expected.get(key)));
    restored(topic.records).forEach((key, value) -> assertThat(value).as(key).isEqualTo(expected.get(key)));
  }

  @Test
  void aRestoredMapGoesOnWritingWhereTheOldWriterStopped() {
    ChunkedMap first = new ChunkedMap();
    Topic topic = new Topic();
    for (int commit = 0; commit < 200; commit++) {
      first.put("name" + commit % 10 + ".example", new byte[30_000]);
      first.checkpoint(topic);
    }
    ChunkedMap second = new ChunkedMap();
    topic.compacted().forEach(record -> second.restore(record.key(), record.value()));
    for (int commit = 0; commit < 400; commit++) {
      second.put("name" + commit % 10 + ".example", new byte[30_001]);
      second.checkpoint(topic);
    }
    // the second writer's sequence numbers follow the first's, and its snapshots tombstone the first's chunks
    assertThat(topic.compacted().size()).isEqualTo(second.chunkRecords());
    assertThat(restored(topic.compacted()).values()).allSatisfy(value -> assertThat(value).hasSize(30_001));
  }

  @Test
  void aSnapshotWithoutItsLastChunkCountsForNothing() {
    ChunkedMap map = new ChunkedMap();
    Topic topic = new Topic();
    map.put("kept.example", bytes("1"));
    map.checkpoint(topic);
    for (int i = 0; i < 11; i++) { // 4.4 MB logged: the next checkpoint is a snapshot
      map.put("filler.example", new byte[400_000]);
      map.checkpoint(topic);
    }
    int beforeSnapshot = topic.sent();
    for (int i = 0; i < 20_000; i++) {
      map.put("gone" + i + ".example", new byte[100]);
    }
    map.delete("kept.example");
    map.checkpoint(topic);
    List<Topic.Entry> snapshot = topic.records.subList(beforeSnapshot, topic.sent());
    assertThat(snapshot).filteredOn(r -> r.value() == null).as("tombstones of the older chunks").hasSize(beforeSnapshot);
    assertThat(snapshot.size() - beforeSnapshot).as("the snapshot's chunks").isGreaterThan(2);

    // a writer without transactions that crashed after the snapshot's first chunk
    List<Topic.Entry> log = new ArrayList<>(topic.records.subList(0, beforeSnapshot + 1));
    assertThat(restored(log)).containsOnlyKeys("kept.example", "filler.example");

    // restarted, it goes on from its state before the snapshot
    ChunkedMap restarted = new ChunkedMap();
    log.forEach(record -> restarted.restore(record.key(), record.value()));
    restarted.put("new.example", bytes("2"));
    Topic after = new Topic();
    after.records.addAll(log);
    restarted.checkpoint(after);
    assertThat(restored(after.records)).containsOnlyKeys("kept.example", "filler.example", "new.example");
    assertThat(restored(after.compacted())).containsOnlyKeys("kept.example", "filler.example", "new.example");
  }

  @Test
  void recordsOfThePlainStoreAreReadThenTombstonedByTheFirstCheckpoint() {
    List<Topic.Entry> log = new ArrayList<>();
    log.add(new Topic.Entry(bytes("old.example"), bytes("1")));
    log.add(new Topic.Entry(bytes("gone.example"), bytes("2")));
    log.add(new Topic.Entry(bytes("gone.example"), null));
    log.add(new Topic.Entry(bytes("rewritten.example"), bytes("3")));
    ChunkedMap map = new ChunkedMap();
    log.forEach(record -> map.restore(record.key(), record.value()));
    assertThat(map.entries()).containsOnlyKeys("old.example", "rewritten.example");

    map.put("rewritten.example", bytes("4"));
    Topic topic = new Topic();
    topic.records.addAll(log);
    map.checkpoint(topic);
    List<Topic.Entry> written = topic.records.subList(log.size(), topic.sent());
    assertThat(written).filteredOn(r -> r.value() == null).extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
        .containsExactlyInAnyOrder("old.example", "rewritten.example");

    Map<String, byte[]> all = restored(topic.records);
    assertThat(all).containsOnlyKeys("old.example", "rewritten.example");
    assertThat(all.get("rewritten.example")).isEqualTo(bytes("4"));
    assertThat(restored(topic.compacted())).containsOnlyKeys("old.example", "rewritten.example");
  }

  @Test
  void anEntryTooLargeForARecordIsRefused() {
    ChunkedMap map = new ChunkedMap();
    assertThatThrownBy(() -> map.put("big.example", new byte[ChunkedMap.MAX_ENTRY_BYTES]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("big.example");
  }

  @Test
  void aChunkOfAnotherFormatIsCorruptState() {
    ChunkedMap map = new ChunkedMap();
    assertThatThrownBy(() -> map.restore(ChunkedMap.chunkKey(0), new byte[] {9, 0, 0}))
        .isInstanceOf(CorruptStateException.class).hasMessageContaining("format version 9");
  }
}
