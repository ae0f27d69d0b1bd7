package io.narrowcast.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.internals.WithRetentionPeriod;
import org.junit.jupiter.api.Test;

/** What the write-behind buffer hands to the store below at a flush. */
class WriteBehindWindowStoreTest {
  static final long DAY = Duration.ofDays(1).toMillis();
  static final long RETENTION = 15 * DAY;

  /** One put into the store below. */
  record Put(String key, long windowStart) {}

  final List<Put> written = new ArrayList<>();

  /** A store below with a 15-day retention that records its puts. */
  @SuppressWarnings("unchecked")
  WindowStore<String, QuerierSet> recordingStore() {
    return (WindowStore<String, QuerierSet>) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {WindowStore.class, WithRetentionPeriod.class}, (proxy, method, args) -> switch (method.getName()) {
          case "put" -> {
            written.add(new Put((String) args[0], (Long) args[2]));
            yield null;
          }
          case "retentionPeriod" -> RETENTION;
          case "fetch" -> null; // nothing below but what the test sees written
          case "close" -> null;
          default -> throw new UnsupportedOperationException(method.getName());
        });
  }

  @Test
  void writesOldestWindowFirstAndSkipsWindowsAlreadyPastTheRetention() {
    WriteBehindWindowStore store = new WriteBehindWindowStore(recordingStore(), DAY);
    // a fast catch-up within one commit: day 3 was closed long before day 20 came
    store.put("late.example", new QuerierSet(8), 20 * DAY);
    store.put("old.example", new QuerierSet(8), 3 * DAY);
    store.put("edge.example", new QuerierSet(8), 5 * DAY);  // exactly the retention before day 20: expired
    store.put("kept.example", new QuerierSet(8), 6 * DAY);
    store.put("mid.example", new QuerierSet(8), 12 * DAY);

    store.writeBack();

    assertThat(written).containsExactly(new Put("kept.example", 6 * DAY), new Put("mid.example", 12 * DAY),
        new Put("late.example", 20 * DAY));
  }

  @Test
  void aSetIsBufferedUntilTheFlushThenReadFromMemory() {
    WriteBehindWindowStore store = new WriteBehindWindowStore(recordingStore(), DAY);
    QuerierSet today = new QuerierSet(8);
    QuerierSet yesterday = new QuerierSet(8);
    store.put("a.example", today, 20 * DAY);
    store.put("a.example", yesterday, 19 * DAY);

    assertThat(store.buffered("a.example", 20 * DAY)).isSameAs(today);
    assertThat(store.buffered("a.example", 19 * DAY)).isSameAs(yesterday);
    assertThat(store.buffered("b.example", 20 * DAY)).isNull();

    store.writeBack();

    assertThat(store.buffered("a.example", 20 * DAY)).isNull(); // changes now need a put again
    assertThat(store.fetch("a.example", 20 * DAY)).isSameAs(today);
    assertThat(store.fetch("a.example", 19 * DAY)).isSameAs(yesterday);
  }

  @Test
  void aDeletedSetIsGoneFromMemoryToo() {
    WriteBehindWindowStore store = new WriteBehindWindowStore(recordingStore(), DAY);
    store.put("a.example", new QuerierSet(8), 20 * DAY);
    store.writeBack();

    store.put("a.example", null, 20 * DAY);

    assertThat(store.fetch("a.example", 20 * DAY)).isNull();
    assertThat(written).containsExactly(new Put("a.example", 20 * DAY), new Put("a.example", 20 * DAY));
  }

  @Test
  void aClosedStoreKeepsCleanSetsAgainWhenReopened() {
    WriteBehindWindowStore store = new WriteBehindWindowStore(recordingStore(), DAY);
    QuerierSet shared = new QuerierSet(8); // one set under every name: the budget counts entries
    for (int i = 0; i < WriteBehindWindowStore.MAX_CLEAN; i++) {
      store.put("n" + i + ".example", shared, 20 * DAY);
    }
    store.writeBack(); // the clean budget is full
    store.close(); // as a revived task does before it reopens its stores

    QuerierSet later = new QuerierSet(8);
    store.put("later.example", later, 20 * DAY);
    store.writeBack();

    assertThat(store.fetch("n0.example", 20 * DAY)).isNull(); // forgotten at the close
    assertThat(store.fetch("later.example", 20 * DAY)).isSameAs(later); // kept clean, not read from below
  }
}
