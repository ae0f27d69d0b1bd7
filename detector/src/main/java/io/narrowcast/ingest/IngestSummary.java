package io.narrowcast.ingest;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * What ingest did with its input: records read, accepted, rejected by reason, skipped by why, and
 * the inputs cut short. Counts are conserved: read = accepted + rejected + skipped. Safe to read
 * while ingest runs.
 */
public final class IngestSummary {
  /** Inputs cut short that {@link #cutShort()} names: a listener can see any number of connections break, the rest are counted. */
  static final int CUT_SHORT_NAMED = 10;

  private final LongAdder read = new LongAdder();
  private final LongAdder accepted = new LongAdder();
  private final Map<RejectReason, LongAdder> rejected = new EnumMap<>(RejectReason.class);
  private final Map<String, LongAdder> skipped = new ConcurrentHashMap<>();
  private final LongAccumulator firstEvent = new LongAccumulator(Math::min, Long.MAX_VALUE);
  private final LongAccumulator lastEvent = new LongAccumulator(Math::max, Long.MIN_VALUE);
  private final List<String> cutShort = new ArrayList<>(); // guarded by itself
  private final LongAdder cutShortCount = new LongAdder();
  private final AtomicLong firstAccepted = new AtomicLong(Long.MAX_VALUE);

  public IngestSummary() {
    for (RejectReason reason : RejectReason.values()) {
      rejected.put(reason, new LongAdder());
    }
  }

  void countAccepted(long eventTime) {
    read.increment();
    accepted.increment();
    firstEvent.accumulate(eventTime);
    firstAccepted.compareAndSet(Long.MAX_VALUE, eventTime);
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

  /** An input that broke off ({@code what}: which, where and why); what followed the break is lost. */
  void countCutShort(String what) {
    cutShortCount.increment();
    synchronized (cutShort) {
      if (cutShort.size() < CUT_SHORT_NAMED) {
        cutShort.add(what);
      }
    }
  }

  /** The first inputs that broke off, each as "name: why and where" ("dns.log.gz: truncated gzip stream after line 9"). */
  public List<String> cutShort() {
    synchronized (cutShort) {
      return List.copyOf(cutShort);
    }
  }

  /** How many inputs broke off, also those {@link #cutShort()} does not name. */
  public long cutShortCount() {
    return cutShortCount.sum();
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
   * Whether records were refused and none was accepted: the input gave nothing to count, and not only
   * because it held records to skip (a capture of mDNS alone refuses nothing).
   */
  public boolean refusedAndNoneAccepted() {
    return rejected() > 0 && accepted() == 0;
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

  /**
   * Event time of the first record accepted, in input order, or Long.MAX_VALUE when none was: where
   * the detector starts watching, which a record far in the past (a device with a wrong clock) later
   * in the input does not move.
   */
  public long firstAcceptedTime() {
    return firstAccepted.get();
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
