package io.narrowcast.eventtime;

import java.util.Arrays;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The event time that every upstream task has passed: the least of their latest marks, kept in a
 * store so that a restarted task goes on from it. Records reach a task from every upstream task,
 * interleaved as they happen to be written; handling them only once the watermark has passed their
 * time makes the outcome independent of that interleaving, of the partition count and of restarts.
 *
 * <p>An upstream task that has sent no mark yet holds the watermark back; one that marked itself
 * idle does not, until it sends progress again. Records it sends after that may be older than the
 * watermark: they are handled at once, out of order.
 */
public final class Watermarks {
  private static final String WATERMARK = "watermark";
  private static final long UNKNOWN = Long.MIN_VALUE;
  private static final long IDLE = Long.MAX_VALUE;

  private final KeyValueStore<String, Long> store;
  private long[] latest;
  private long watermark;

  /** Reads the marks of {@code origins} upstream tasks in {@code store}: call from a processor's init. */
  public Watermarks(KeyValueStore<String, Long> store, int origins) {
    this.store = store;
    this.latest = new long[origins];
    for (int origin = 0; origin < origins; origin++) {
      Long known = store.get(Integer.toString(origin));
      latest[origin] = known == null ? UNKNOWN : known;
    }
    Long known = store.get(WATERMARK);
    watermark = known == null ? UNKNOWN : known;
  }

  /** Everything up to this event time has arrived from every upstream task that is not idle; MIN_VALUE before that is known. */
  public long current() {
    return watermark;
  }

  /** Takes a mark; true when the watermark advanced. */
  public boolean take(Mark mark) {
    if (mark.origin() < 0) {
      return false;
    }
    if (mark.origin() >= latest.length) { // the input gained partitions
      long[] grown = new long[mark.origin() + 1];
      Arrays.fill(grown, UNKNOWN);
      System.arraycopy(latest, 0, grown, 0, latest.length);
      latest = grown;
    }
    long before = latest[mark.origin()];
    long now = mark.idle() ? IDLE : before == IDLE ? mark.time() : Math.max(before, mark.time());
    if (now == before) {
      return false;
    }
    latest[mark.origin()] = now;
    store.put(Integer.toString(mark.origin()), now);
    long least = IDLE;
    for (long time : latest) {
      least = Math.min(least, time);
    }
    // all idle: nothing moves; otherwise never back, even when an idle task comes back behind
    if (least == IDLE || least <= watermark) {
      return false;
    }
    watermark = least;
    store.put(WATERMARK, watermark);
    return true;
  }
}
