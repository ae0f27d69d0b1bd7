package io.narrowcast.eventtime;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.BinaryOperator;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Records waiting for the watermark to pass their event time, in a store whose keys sort by that
 * time (then by a tie-break the caller gives, which also makes equal records one).
 */
public final class Pending<V> {
  private static final HexFormat HEX = HexFormat.of();
  private final KeyValueStore<String, V> store;

  public Pending(KeyValueStore<String, V> store) {
    this.store = store;
  }

  /** An entry and the event time it waits for. */
  public record Timed<V>(long time, V value) {}

  /** Keeps {@code value} until the watermark passes {@code time}; the same time and tie-break replace it. */
  public void add(long time, String tieBreak, V value) {
    store.put(key(time, tieBreak), value);
  }

  private static String key(long time, String tieBreak) {
    // the sign bit flipped: unsigned hex order is then the order of signed times
    return HEX.toHexDigits(time ^ Long.MIN_VALUE) + '|' + tieBreak;
  }

  /** Keeps {@code value}, merged with what the same time and tie-break hold already, if anything. */
  public void merge(long time, String tieBreak, V value, BinaryOperator<V> merger) {
    String key = key(time, tieBreak);
    V known = store.get(key);
    store.put(key, known == null ? value : merger.apply(known, value));
  }

  /** Removes and returns the entries due at or before {@code upTo}, earliest first. */
  public List<Timed<V>> takeUntil(long upTo) {
    List<KeyValue<String, V>> due = new ArrayList<>();
    try (KeyValueIterator<String, V> all = store.all()) {
      while (all.hasNext()) {
        KeyValue<String, V> entry = all.next();
        if (timeOf(entry.key) > upTo) {
          break;
        }
        due.add(entry);
      }
    }
    List<Timed<V>> taken = new ArrayList<>(due.size());
    for (KeyValue<String, V> entry : due) { // the store is not changed while it is iterated
      store.delete(entry.key);
      taken.add(new Timed<>(timeOf(entry.key), entry.value));
    }
    return taken;
  }

  private static long timeOf(String key) {
    return HEX.fromHexDigitsToLong(key, 0, 16) ^ Long.MIN_VALUE;
  }
}
