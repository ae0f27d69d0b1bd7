package io.narrowcast.metrics;

import io.narrowcast.ingest.RejectReason;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Counters the topology keeps while it runs; shared by all stream threads. */
public final class DetectorMetrics {
  private final LongAdder eventsIn = new LongAdder();
  private final LongAdder lateDropped = new LongAdder();
  private final Map<RejectReason, LongAdder> rejected = new EnumMap<>(RejectReason.class);
  private final Map<String, LongAdder> alerts = new ConcurrentHashMap<>();
  private final AtomicLong watchedSince = new AtomicLong(Long.MAX_VALUE);
  private final AtomicLong eventTime = new AtomicLong(Long.MIN_VALUE);

  public DetectorMetrics() {
    for (RejectReason reason : RejectReason.values()) {
      rejected.put(reason, new LongAdder());
    }
  }

  public void countEventIn() {
    eventsIn.increment();
  }

  public void countRejected(RejectReason reason) {
    rejected.get(reason).increment();
  }

  public void countLate() {
    lateDropped.increment();
  }

  public void countAlert(String kind, String status) {
    alerts.computeIfAbsent(kind + '|' + status, k -> new LongAdder()).increment();
  }

  public long eventsIn() {
    return eventsIn.sum();
  }

  public long lateDropped() {
    return lateDropped.sum();
  }

  public long rejected(RejectReason reason) {
    return rejected.get(reason).sum();
  }

  /** A task has watched since the window starting at {@code windowStart}: the earliest of all counts. */
  public void watchedSince(long windowStart) {
    watchedSince.accumulateAndGet(windowStart, Math::min);
  }

  /** A task's event time reached {@code time}. */
  public void eventTime(long time) {
    eventTime.accumulateAndGet(time, Math::max);
  }

  /** The start of the first window any task of this instance watched, if any has. */
  public OptionalLong watchedSince() {
    long since = watchedSince.get();
    return since == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(since);
  }

  /** The latest event time of this instance's tasks, if any has one. */
  public OptionalLong eventTime() {
    long time = eventTime.get();
    return time == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(time);
  }

  /** Alert messages of {@code kind} with {@code status} (new, update, closed). */
  public long alerts(String kind, String status) {
    LongAdder count = alerts.get(kind + '|' + status);
    return count == null ? 0 : count.sum();
  }
}
