package io.narrowcast.ingest;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * What ingest did with its input: records read, accepted, rejected by reason, skipped by why.
 * Counts are conserved: read = accepted + rejected + skipped. Safe to read while ingest runs.
 */
public final class IngestSummary {
  private final LongAdder read = new LongAdder();
  private final LongAdder accepted = new LongAdder();
  private final Map<RejectReason, LongAdder> rejected = new EnumMap<>(RejectReason.class);
  private final Map<String, LongAdder> skipped = new ConcurrentHashMap<>();
  private final LongAccumulator firstEvent = new LongAccumulator(Math::min, Long.MAX_VALUE);
  private final LongAccumulator lastEvent = new LongAccumulator(Math::max, Long.MIN_VALUE);

  public IngestSummary() {
    for (RejectReason reason : RejectReason.values()) {
      rejected.put(reason, new LongAdder());
    }
  }

  void countAccepted(long eventTime) {
    read.increment();
    accepted.increment();
    firstEvent.accumulate(eventTime);
    lastEvent.accumulate(eventTime);
  }

  void countRejected(RejectReason reason) {
    read.increment();
    rejected.get(reason).increment();
  }

  void countSkipped(String why) {
    read.increment();
    skipped.computeIfAbsent(why, k -> new LongAdder()).increment();
  }

  public long read() {
    return read.sum();
  }

  public long accepted() {
    return accepted.sum();
  }

  public long rejected() {
    return rejected.values().stream().mapToLong(LongAdder::sum).sum();
  }

  public long rejected(RejectReason reason) {
    return rejected.get(reason).sum();
  }

  public long skipped() {
    return skipped.values().stream().mapToLong(LongAdder::sum).sum();
  }

  public Map<String, Long> skippedByWhy() {
    Map<String, Long> out = new TreeMap<>();
    skipped.forEach((why, count) -> out.put(why, count.sum()));
    return out;
  }

  /**
   * Whether records were read and every one was refused as unparsable or missing a field, as when
   * the input is not in the format it was read as.
   */
  public boolean nothingParsed() {
    long read = read();
    return read > 0 && rejected(RejectReason.UNPARSABLE) + rejected(RejectReason.MISSING_FIELD) == read;
  }

  /** Largest event time accepted, or Long.MIN_VALUE when nothing was. */
  public long lastEventTime() {
    return lastEvent.get();
  }

  /** Smallest event time accepted, or Long.MAX_VALUE when nothing was. */
  public long firstEventTime() {
    return firstEvent.get();
  }

  /** One line: "read 7,774: accepted 3,811, rejected 9 (missing field 9), skipped 3,954 (mdns 1,954, ...)". */
  public String describe() {
    StringBuilder out = new StringBuilder();
    out.append(String.format("read %,d: accepted %,d, rejected %,d", read(), accepted(), rejected()));
    StringBuilder reasons = new StringBuilder();
    rejected.forEach((reason, count) -> {
      if (count.sum() > 0) {
        reasons.append(reasons.length() == 0 ? "" : ", ").append(String.format("%s %,d", reason.label(), count.sum()));
      }
    });
    if (reasons.length() > 0) {
      out.append(" (").append(reasons).append(')');
    }
    out.append(String.format(", skipped %,d", skipped()));
    StringBuilder whys = new StringBuilder();
    skippedByWhy().forEach((why, count) -> whys.append(whys.length() == 0 ? "" : ", ").append(String.format("%s %,d", why, count)));
    if (whys.length() > 0) {
      out.append(" (").append(whys).append(')');
    }
    return out.toString();
  }
}
