package io.narrowcast.state;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;

/**
 * Who queried one domain in one window: an exact source-to-count map for the first {@code cap}
 * sources, and beyond that an HLL sketch that estimates how many distinct sources there were. Also
 * the lookup and NXDOMAIN counts, the first source, and up to {@link #MAX_ANSWERS} answer values.
 *
 * <p>Mutable: the aggregator updates it in place between a store read and write. Not thread-safe.
 */
public final class QuerierSet {
  /** Distinct sources kept exactly before the sketch takes over. */
  public static final int DEFAULT_EXACT_CAP = 64;
  /** Answer values kept per window; enough to see a shared address, small enough for the long tail. */
  public static final int MAX_ANSWERS = 4;
  /** Sketch size: 2^10 buckets, about 3% relative error, about 0.5 KiB serialized. */
  public static final int HLL_LG_K = 10;
  /** Past this many sources, lookups go through a hash index instead of a scan. */
  private static final int INDEX_THRESHOLD = 8;

  private final int cap;
  private String[] sources;
  private long[] counts;
  private int size;
  private Map<String, Integer> index;
  private HllSketch overflow;
  private long queries;
  private long nxdomain;
  private long firstSeen = Long.MAX_VALUE;
  private String firstSource;
  private long lastSeen = Long.MIN_VALUE;
  private long lastAnswered = Long.MIN_VALUE;
  private long lastNxdomain = Long.MIN_VALUE;
  /** NXDOMAIN responses after the last answer, and the time of the first of them: the name failing since. */
  private long trailingNxdomain;
  private long firstTrailingNxdomain = Long.MAX_VALUE;
  private final List<String> answers;

  public QuerierSet(int cap) {
    if (cap < 1) {
      throw new IllegalArgumentException("exact source cap must be at least 1, was " + cap);
    }
    this.cap = cap;
    this.sources = new String[Math.min(cap, 2)];
    this.counts = new long[sources.length];
    this.answers = new ArrayList<>(1);
  }

  /** Counts one lookup by {@code source} at {@code time}, with what the response said and its answer values. */
  public void add(String source, long time, Outcome outcome, Collection<String> answerData) {
    queries++;
    if (outcome == Outcome.NXDOMAIN) {
      nxdomain++;
      lastNxdomain = Math.max(lastNxdomain, time);
      if (time > lastAnswered) {
        trailingNxdomain++;
        firstTrailingNxdomain = Math.min(firstTrailingNxdomain, time);
      }
    } else if (outcome == Outcome.ANSWERED && time > lastAnswered) {
      lastAnswered = time;
      if (firstTrailingNxdomain <= time) {
        // an answer that arrives after failures it follows in event time: those before it no longer
        // count; which of the others came after it is not kept, so count the latest only (a lower bound)
        boolean failedAfter = lastNxdomain > time;
        trailingNxdomain = failedAfter ? 1 : 0;
        firstTrailingNxdomain = failedAfter ? lastNxdomain : Long.MAX_VALUE;
      }
    }
    if (time < firstSeen) {
      firstSeen = time;
      firstSource = source;
    }
    lastSeen = Math.max(lastSeen, time);
    int at = indexOf(source);
    if (at >= 0) {
      counts[at]++;
    } else if (size < cap) {
      append(source, 1);
    } else {
      overflowSketch().update(source);
    }
    for (String data : answerData) {
      if (answers.size() >= MAX_ANSWERS) {
        break;
      }
      if (!answers.contains(data)) {
        answers.add(data);
      }
    }
  }

  /** Distinct sources: exact while within the cap, else the sketch's estimate (never below the cap). */
  public long distinctSources() {
    return overflow == null ? size : Math.max(size, Math.round(overflow.getEstimate()));
  }

  /** True while every distinct source is counted exactly. */
  public boolean isExact() {
    return overflow == null;
  }

  public long queries() {
    return queries;
  }

  public long nxdomain() {
    return nxdomain;
  }

  /** Event time of the earliest lookup, or Long.MAX_VALUE when empty. */
  public long firstSeen() {
    return firstSeen;
  }

  /** Event time of the latest lookup, or of the earliest when only that is known. */
  public long lastSeenOrFirst() {
    return lastSeen == Long.MIN_VALUE ? firstSeen : lastSeen;
  }

  /** The source of the earliest lookup, or null when empty. */
  public String firstSource() {
    return firstSource;
  }

  /** True when the name stopped resolving in this window: NXDOMAIN responses came after its last answer. */
  public boolean turnedNxdomain() {
    return trailingNxdomain > 0;
  }

  /**
   * True when the name stopped resolving in this window, as its lifecycle counts it: two failures
   * after its last answer, or none of its lookups was answered. A lone NXDOMAIN after answered
   * lookups is a resolver's hiccup.
   */
  public boolean stoppedResolving() {
    return turnedNxdomain() && (trailingNxdomain >= 2 || !answered());
  }

  /**
   * NXDOMAIN responses after the last answered lookup (all of them when none was answered). Exact
   * when lookups arrive in event-time order; an answer arriving after failures later in event time
   * than it keeps only the latest of them.
   */
  public long trailingNxdomain() {
    return trailingNxdomain;
  }

  /** Event time of the first NXDOMAIN after the last answer: darkness starts there. Long.MAX_VALUE when none. */
  public long firstTrailingNxdomain() {
    return firstTrailingNxdomain;
  }

  /** True when any lookup in this window was answered (NOERROR). */
  public boolean answered() {
    return lastAnswered != Long.MIN_VALUE;
  }

  public List<String> answers() {
    return List.copyOf(answers);
  }

  /** Lookups by {@code source}; 0 when unknown, including sources beyond the exact cap. */
  public long queriesBy(String source) {
    int at = indexOf(source);
    return at < 0 ? 0 : counts[at];
  }

  /** The exactly counted sources, most lookups first, ties by source text. */
  public List<SourceCount> sourceCounts() {
    List<SourceCount> out = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      out.add(new SourceCount(sources[i], counts[i]));
    }
    out.sort(Comparator.comparingLong(SourceCount::queries).reversed().thenComparing(SourceCount::source));
    return out;
  }

  /** Adds every source of this set to {@code union} (exact sources and the overflow sketch). */
  public void addSourcesTo(org.apache.datasketches.hll.Union union) {
    for (int i = 0; i < size; i++) {
      union.update(sources[i]);
    }
    if (overflow != null) {
      union.update(overflow);
    }
  }

  /** Adds the exactly counted sources to {@code out}; complete only when {@link #isExact()}. */
  public void addExactSourcesTo(Collection<String> out) {
    out.addAll(Arrays.asList(sources).subList(0, size));
  }

  int cap() {
    return cap;
  }

  private int indexOf(String source) {
    if (index != null) {
      Integer at = index.get(source);
      return at == null ? -1 : at;
    }
    for (int i = 0; i < size; i++) {
      if (sources[i].equals(source)) {
        return i;
      }
    }
    return -1;
  }

  private void append(String source, long count) {
    if (size == sources.length) {
      int grown = Math.min(cap, sources.length * 2);
      sources = Arrays.copyOf(sources, grown);
      counts = Arrays.copyOf(counts, grown);
    }
    sources[size] = source;
    counts[size] = count;
    if (index != null) {
      index.put(source, size);
    } else if (size + 1 > INDEX_THRESHOLD) {
      index = new HashMap<>(cap * 2);
      for (int i = 0; i <= size; i++) {
        index.put(sources[i], i);
      }
    }
    size++;
  }

  private HllSketch overflowSketch() {
    if (overflow == null) {
      overflow = new HllSketch(HLL_LG_K, TgtHllType.HLL_4);
      for (int i = 0; i < size; i++) {
        overflow.update(sources[i]);
      }
    }
    return overflow;
  }

  // ---- serialization, see BinarySerde ----

  /**
   * Format version written first; readers refuse versions they do not know. Version 2 added the
   * NXDOMAINs after the last answer; version 1 (the first NXDOMAIN) is still read.
   */
  static final int FORMAT_VERSION = 2;
  private static final int FORMAT_VERSION_1 = 1;
  private static final int NO_FIRST_SOURCE = 0;
  private static final int FIRST_SOURCE_OUTSIDE = 1;
  private static final int FIRST_SOURCE_INDEX_BASE = 2;

  byte[] toBytes() {
    ByteWriter out = new ByteWriter(32 + size * 16);
    out.writeByte(FORMAT_VERSION);
    out.writeVarLong(cap);
    out.writeVarLong(queries);
    out.writeVarLong(nxdomain);
    out.writeVarLong(size);
    for (int i = 0; i < size; i++) {
      out.writeString(sources[i]);
      out.writeVarLong(counts[i]);
    }
    if (firstSource == null) {
      out.writeVarLong(NO_FIRST_SOURCE);
    } else {
      int at = indexOf(firstSource);
      out.writeVarLong(at >= 0 ? FIRST_SOURCE_INDEX_BASE + at : FIRST_SOURCE_OUTSIDE);
      if (at < 0) {
        out.writeString(firstSource);
      }
      // later times as offsets from the first lookup: one byte each for the long tail
      out.writeVarLong(firstSeen);
      out.writeVarLong(lastSeen - firstSeen);
      writeOptionalOffset(out, lastAnswered, Long.MIN_VALUE);
      writeOptionalOffset(out, lastNxdomain, Long.MIN_VALUE);
      writeOptionalOffset(out, firstTrailingNxdomain, Long.MAX_VALUE);
      if (trailingNxdomain > 0) { // else none came after the last answer: nothing more for the long tail
        out.writeVarLong(trailingNxdomain);
      }
    }
    out.writeVarLong(answers.size());
    for (String answer : answers) {
      out.writeString(answer);
    }
    if (overflow == null) {
      out.writeByte(0);
    } else {
      out.writeByte(1);
      out.writeBytes(overflow.toCompactByteArray());
    }
    return out.toByteArray();
  }

  /** A time after the first lookup, or its "none" marker: 0 for none, offset + 1 otherwise. */
  private void writeOptionalOffset(ByteWriter out, long time, long none) {
    out.writeVarLong(time == none ? 0 : time - firstSeen + 1);
  }

  private long readOptionalOffset(ByteReader in, long none) {
    long stored = in.readVarLong();
    return stored == 0 ? none : firstSeen + stored - 1;
  }

  /**
   * Version 1 kept the first NXDOMAIN only: its failures count as trailing when no answer came after
   * the first of them, as version 1 judged it; the first stands in for the last NXDOMAIN.
   */
  private void readVersion1Nxdomain(ByteReader in) {
    long firstNxdomain = readOptionalOffset(in, Long.MAX_VALUE);
    if (firstNxdomain != Long.MAX_VALUE) {
      lastNxdomain = firstNxdomain;
      if (lastAnswered < firstNxdomain) {
        trailingNxdomain = nxdomain;
        firstTrailingNxdomain = firstNxdomain;
      }
    }
  }

  static QuerierSet fromBytes(byte[] bytes) {
    ByteReader in = new ByteReader(bytes);
    int version = in.readByte();
    if (version != FORMAT_VERSION && version != FORMAT_VERSION_1) {
      throw new CorruptStateException("querier set format version " + version + ", this build reads " + FORMAT_VERSION
          + " and " + FORMAT_VERSION_1);
    }
    QuerierSet set = new QuerierSet((int) in.readVarLong());
    set.queries = in.readVarLong();
    set.nxdomain = in.readVarLong();
    long exact = in.readVarLong();
    if (exact > set.cap) {
      throw new CorruptStateException(exact + " exact sources exceed the cap of " + set.cap);
    }
    for (long i = 0; i < exact; i++) {
      set.append(in.readString(), in.readVarLong());
    }
    long first = in.readVarLong();
    if (first != NO_FIRST_SOURCE) {
      if (first == FIRST_SOURCE_OUTSIDE) {
        set.firstSource = in.readString();
      } else if (first - FIRST_SOURCE_INDEX_BASE < set.size) {
        set.firstSource = set.sources[(int) (first - FIRST_SOURCE_INDEX_BASE)];
      } else {
        throw new CorruptStateException("first source index " + first + " beyond " + set.size + " sources");
      }
      set.firstSeen = in.readVarLong();
      set.lastSeen = set.firstSeen + in.readVarLong();
      set.lastAnswered = set.readOptionalOffset(in, Long.MIN_VALUE);
      if (version == FORMAT_VERSION_1) {
        set.readVersion1Nxdomain(in);
      } else {
        set.lastNxdomain = set.readOptionalOffset(in, Long.MIN_VALUE);
        set.firstTrailingNxdomain = set.readOptionalOffset(in, Long.MAX_VALUE);
        set.trailingNxdomain = set.firstTrailingNxdomain == Long.MAX_VALUE ? 0 : in.readVarLong();
      }
    }
    long answerCount = in.readVarLong();
    for (long i = 0; i < answerCount; i++) {
      set.answers.add(in.readString());
    }
    if (in.readByte() == 1) {
      set.overflow = HllSketch.heapify(in.readBytes());
    }
    if (!in.atEnd()) {
      throw new CorruptStateException("trailing bytes after querier set");
    }
    return set;
  }
}
