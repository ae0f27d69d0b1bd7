package io.narrowcast.state;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What Narrowcast remembers about one name between windows: when it was first and last queried, in
 * how many windows, whether it ever resolved, whether it went dark (and when and why), its recent
 * answers and its recent querier set. Updated once per window with lookups; dropped after the
 * lifecycle TTL without lookups, so the store does not grow with history. Mutable, not thread-safe.
 */
public final class DomainLifecycle {
  /** Recent sources kept; more than this makes the name broad (never a rename candidate). */
  public static final int RECENT_SOURCE_CAP = 32;
  static final int FORMAT_VERSION = 1;
  private static final int DARK_MASK = 0b11;
  private static final int WATCHED_FLAG = 0b1000;

  /** Whether and why a name went dark. */
  public enum Dark {
    /** Still in use. */
    NOT_DARK,
    /** Its lookups turned NXDOMAIN: two in a row after its last answer. */
    NXDOMAIN,
    /** No lookups for the dark-after time after regular activity. */
    SILENT,
    /**
     * Not dark yet: one NXDOMAIN came after its last answer, at dark-at. A second in a row makes it
     * dark from then; an answer clears it. One failed lookup alone can be a resolver's hiccup.
     */
    NXDOMAIN_ONCE
  }

  /** By ordinal; the two flag bits hold every state. */
  private static final Dark[] DARK_STATES = Dark.values();

  private long firstSeen;
  private long lastSeen;
  private long firstWindow;
  private long lastWindow;
  private int activeWindows;
  private boolean everAnswered;
  private boolean watched;
  private Dark dark = Dark.NOT_DARK;
  private long darkAt;
  private long recentQueries;
  private long overflowWindow = Long.MIN_VALUE;
  private final List<String> recentAnswers = new ArrayList<>(1);
  /** source → {lookups, start of the last window it was seen in} */
  private final Map<String, long[]> recentSources = new LinkedHashMap<>();

  private DomainLifecycle() {}

  /** A name seen for the first time (or again after its entry expired) in the window at {@code windowStart}. */
  public static DomainLifecycle firstWindow(long windowStart, QuerierSet window, long recentHorizon) {
    DomainLifecycle entry = new DomainLifecycle();
    entry.firstSeen = window.firstSeen();
    entry.firstWindow = windowStart;
    entry.record(windowStart, window, recentHorizon);
    return entry;
  }

  /**
   * Adds a window with lookups. Sources and lookups seen before {@code recentHorizon} (a window start)
   * leave the recent set.
   */
  public void record(long windowStart, QuerierSet window, long recentHorizon) {
    lastSeen = Math.max(lastSeen, window.lastSeenOrFirst());
    lastWindow = Math.max(lastWindow, windowStart);
    activeWindows++;
    everAnswered |= window.answered();
    recentSources.values().removeIf(entry -> entry[1] < recentHorizon);
    for (SourceCount source : window.sourceCounts()) {
      long[] entry = recentSources.get(source.source());
      if (entry != null) {
        entry[0] += source.queries();
        entry[1] = windowStart;
      } else if (recentSources.size() < RECENT_SOURCE_CAP) {
        recentSources.put(source.source(), new long[] {source.queries(), windowStart});
      } else {
        overflowWindow = windowStart;
      }
    }
    if (!window.isExact()) {
      overflowWindow = windowStart;
    }
    long queries = 0;
    for (long[] entry : recentSources.values()) {
      queries += entry[0];
    }
    recentQueries = queries;
    if (!window.answers().isEmpty()) {
      recentAnswers.clear();
      recentAnswers.addAll(window.answers());
    }
  }

  /** True when the name was queried in at least {@code minActive} windows, in at least half of those it lived through. */
  public boolean isRegular(int minActive, long windowMs) {
    long span = (lastWindow - firstWindow) / windowMs + 1;
    return activeWindows >= minActive && activeWindows * 2L >= span;
  }

  /** True when more sources than the recent set can hold queried the name since {@code recentHorizon}. */
  public boolean overflowedSince(long recentHorizon) {
    return overflowWindow >= recentHorizon;
  }

  public void goDark(Dark why, long at) {
    dark = why;
    darkAt = at;
  }

  /** Whether the name is on the silence watch list (see NameLifecycle#mayGoSilent). */
  public boolean watched() {
    return watched;
  }

  public void watched(boolean value) {
    watched = value;
  }

  /** Answered again: neither dark nor one NXDOMAIN into going dark. */
  public void revive() {
    dark = Dark.NOT_DARK;
  }

  public boolean isDark() {
    return isDark(dark);
  }

  private static boolean isDark(Dark dark) {
    return dark == Dark.NXDOMAIN || dark == Dark.SILENT;
  }

  public Dark dark() {
    return dark;
  }

  public long darkAt() {
    return darkAt;
  }

  public long firstSeen() {
    return firstSeen;
  }

  public long lastSeen() {
    return lastSeen;
  }

  public long lastWindow() {
    return lastWindow;
  }

  public int activeWindows() {
    return activeWindows;
  }

  public boolean everAnswered() {
    return everAnswered;
  }

  public long recentQueries() {
    return recentQueries;
  }

  public List<String> recentAnswers() {
    return List.copyOf(recentAnswers);
  }

  /** The recent querier set, most lookups first. */
  public List<SourceCount> recentSources() {
    List<SourceCount> out = new ArrayList<>(recentSources.size());
    recentSources.forEach((source, entry) -> out.add(new SourceCount(source, entry[0])));
    out.sort(Comparator.comparingLong(SourceCount::queries).reversed().thenComparing(SourceCount::source));
    return out;
  }

  /**
   * What a sweep needs to know of a stored entry without decoding all of it.
   *
   * @param lastSeen event time of the last lookup
   * @param dark whether it is dark already
   * @param watched whether it is on the silence watch list
   */
  public record Peek(long lastSeen, boolean dark, boolean watched) {}

  /** Reads the head of an encoded entry: its last lookup and whether it is dark. */
  public static Peek peek(byte[] bytes) {
    ByteReader in = new ByteReader(bytes);
    int version = in.readByte();
    if (version != FORMAT_VERSION) {
      throw new CorruptStateException("domain lifecycle format version " + version + ", this build reads " + FORMAT_VERSION);
    }
    long firstSeen = in.readVarLong();
    long lastSeen = firstSeen + in.readVarLong();
    in.readVarLong(); // first window
    in.readVarLong(); // last window
    in.readVarLong(); // active windows
    int flags = in.readByte();
    return new Peek(lastSeen, isDark(DARK_STATES[flags >> 1 & DARK_MASK]), (flags & WATCHED_FLAG) != 0);
  }

  /** The encoded form the "domain-lifecycle" store holds. */
  public byte[] toBytes() {
    ByteWriter out = new ByteWriter(64 + recentSources.size() * 24);
    out.writeByte(FORMAT_VERSION);
    out.writeVarLong(firstSeen);
    out.writeVarLong(lastSeen - firstSeen);
    out.writeVarLong(firstWindow);
    out.writeVarLong(lastWindow - firstWindow);
    out.writeVarLong(activeWindows);
    out.writeByte((everAnswered ? 1 : 0) | dark.ordinal() << 1 | (watched ? WATCHED_FLAG : 0));
    if (dark != Dark.NOT_DARK) {
      out.writeVarLong(darkAt);
    }
    out.writeVarLong(recentQueries);
    out.writeVarLong(overflowWindow == Long.MIN_VALUE ? 0 : overflowWindow + 1);
    out.writeVarLong(recentAnswers.size());
    recentAnswers.forEach(out::writeString);
    out.writeVarLong(recentSources.size());
    recentSources.forEach((source, entry) -> {
      out.writeString(source);
      out.writeVarLong(entry[0]);
      out.writeVarLong(lastWindow - entry[1]);
    });
    return out.toByteArray();
  }

  /** Decodes what {@link #toBytes()} wrote. */
  public static DomainLifecycle fromBytes(byte[] bytes) {
    ByteReader in = new ByteReader(bytes);
    int version = in.readByte();
    if (version != FORMAT_VERSION) {
      throw new CorruptStateException("domain lifecycle format version " + version + ", this build reads " + FORMAT_VERSION);
    }
    DomainLifecycle entry = new DomainLifecycle();
    entry.firstSeen = in.readVarLong();
    entry.lastSeen = entry.firstSeen + in.readVarLong();
    entry.firstWindow = in.readVarLong();
    entry.lastWindow = entry.firstWindow + in.readVarLong();
    entry.activeWindows = (int) in.readVarLong();
    int flags = in.readByte();
    entry.everAnswered = (flags & 1) != 0;
    entry.watched = (flags & WATCHED_FLAG) != 0;
    entry.dark = DARK_STATES[flags >> 1 & DARK_MASK];
    if (entry.dark != Dark.NOT_DARK) {
      entry.darkAt = in.readVarLong();
    }
    entry.recentQueries = in.readVarLong();
    long overflow = in.readVarLong();
    entry.overflowWindow = overflow == 0 ? Long.MIN_VALUE : overflow - 1;
    long answers = in.readVarLong();
    for (long i = 0; i < answers; i++) {
      entry.recentAnswers.add(in.readString());
    }
    long sources = in.readVarLong();
    for (long i = 0; i < sources; i++) {
      String source = in.readString();
      long queries = in.readVarLong();
      entry.recentSources.put(source, new long[] {queries, entry.lastWindow - in.readVarLong()});
    }
    if (!in.atEnd()) {
      throw new CorruptStateException("trailing bytes after domain lifecycle");
    }
    return entry;
  }
}
