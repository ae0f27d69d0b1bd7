package io.narrowcast.config;

import io.narrowcast.normalize.Sources;
import io.narrowcast.state.QuerierSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Every setting of the detection topology, with the defaults of DESIGN.md. Validated on
 * construction; build variations with the {@code with...} methods.
 *
 * <p>The durations of the name lifecycle (grace, new-name lookback, dark-after, rename-max-lag,
 * lifecycle TTL) follow the window when they are not set: the multiples of the window their
 * defaults are at daily windows, so that detecting at minute or hour windows over hours of logs
 * needs no other flag.
 *
 * @param window length of a tumbling window (default 1 day)
 * @param grace how long after a window's end late lookups still count (default a 144th of the
 *     window, 10 minutes at 1 day, but at least a minute: sensors log lookups out of order by
 *     seconds to minutes whatever the window)
 * @param baselineWindows B, how many windows before the current one form the baseline (default 14)
 * @param minBaselineWindows fewest baseline windows with any lookup for a collapse (default 3)
 * @param minBaselineSources fewest distinct baseline sources for a collapse (default 10)
 * @param maxRemainingSources most sources (strays aside) in the current window for a collapse (default 3)
 * @param minNarrowWindows windows, in a row, in which the few made min-queries lookups before a
 *     collapse opens (default 2): the few query the name persistently, not once by chance
 * @param minQueries fewest lookups in the current window: the name is still in use (default 10)
 * @param maxBaselineShare the remaining sources' largest share of baseline lookups (default 0.5): a
 *     collapse is many sources giving way to a few that were minor before, not a quiet day for a
 *     name that always had the same few queriers
 * @param exactSourceCap sources counted exactly per window before the HLL sketch takes over (default 64)
 * @param sourceGranularity address (default) or prefix
 * @param domainGranularity full name (default) or registered domain
 * @param closeAfterWindows an open collapse closes after this many windows in a row in which more
 *     sources queried the name again (default 3)
 * @param maxStrayShare an open collapse still holds in a window where sources beyond the few made at
 *     most this share of the lookups (default 0.1): a stray lookup does not end it
 * @param renameMaxLag longest time from the old name going dark to the new name's first lookup
 *     (default 7 windows, 7 days at 1 day)
 * @param renameMaxSources both names' querier sets must be at most this large (default 10)
 * @param renameMinContainment share of the new name's early sources that queried the old name (default 0.5)
 * @param renameMinSharedSources shared sources a rename needs (default 2)
 * @param renameMinOldShare share of the old name's recent lookups the shared sources made (default 0.5):
 *     the new name is taken up by the old name's main queriers, not by some of its occasional ones
 * @param newNameLookback a name is newly seen when it was absent for this long (default 30 windows, 30
 *     days at 1 day); the detector must also have watched for this long before it calls anything new
 * @param darkAfter a name that was queried regularly is dark after this long without lookups
 *     (default 3 windows, 3 days at 1 day)
 * @param minActiveWindows windows with lookups a name needs before it can go dark (default 3)
 * @param lifecycleTtl a name's lifecycle entry is dropped after this long without lookups (default twice
 *     the longer of the lookback and dark-after, 60 days at 1 day)
 */
public record DetectionConfig(
    Duration window,
    Duration grace,
    int baselineWindows,
    int minBaselineWindows,
    int minBaselineSources,
    int maxRemainingSources,
    int minNarrowWindows,
    int minQueries,
    double maxBaselineShare,
    int exactSourceCap,
    Sources.Granularity sourceGranularity,
    DomainGranularity domainGranularity,
    int closeAfterWindows,
    double maxStrayShare,
    Duration renameMaxLag,
    int renameMaxSources,
    double renameMinContainment,
    int renameMinSharedSources,
    double renameMinOldShare,
    Duration newNameLookback,
    Duration darkAfter,
    int minActiveWindows,
    Duration lifecycleTtl) {

  /** Default of min-narrow-windows. */
  public static final int DEFAULT_MIN_NARROW_WINDOWS = 2;

  /** Default new-name lookback, in windows. */
  public static final int LOOKBACK_WINDOWS = 30;
  /** Default dark-after, in windows. */
  public static final int DARK_AFTER_WINDOWS = 3;
  /** Default rename-max-lag, in windows. */
  public static final int RENAME_MAX_LAG_WINDOWS = 7;
  /** Default grace: this part of a window (10 minutes of a day)... */
  public static final int WINDOWS_PER_GRACE = 144;
  /** ...but never less than this: sensors write lookups out of order by that much whatever the window. */
  public static final Duration MIN_DEFAULT_GRACE = Duration.ofMinutes(1);

  /** Default of min-baseline-windows. */
  public static final int DEFAULT_MIN_BASELINE_WINDOWS = 3;

  /** What a domain is, for counting. */
  public enum DomainGranularity {
    /** Each query name on its own. */
    NAME,
    /** Names under the same registered domain (public suffix plus one label) count together. */
    REGISTERED_DOMAIN
  }

  public DetectionConfig {
    requirePositive(window, "window");
    if (grace == null || grace.isNegative()) {
      throw new IllegalArgumentException("grace must be zero or positive, was " + text(grace));
    }
    requireAtLeast(baselineWindows, 1, "baseline-windows");
    requireAtLeast(minBaselineWindows, 1, "min-baseline-windows");
    if (minBaselineWindows > baselineWindows) {
      throw new IllegalArgumentException("min-baseline-windows (" + minBaselineWindows
          + ") cannot exceed baseline-windows (" + baselineWindows + ")");
    }
    requireAtLeast(minBaselineSources, 1, "min-baseline-sources");
    requireAtLeast(maxRemainingSources, 1, "max-remaining-sources");
    if (maxRemainingSources >= minBaselineSources) {
      throw new IllegalArgumentException("max-remaining-sources (" + maxRemainingSources
          + ") must be below min-baseline-sources (" + minBaselineSources + ") for a collapse to mean anything");
    }
    requireAtLeast(minNarrowWindows, 1, "min-narrow-windows");
    if (minNarrowWindows > baselineWindows) {
      throw new IllegalArgumentException("min-narrow-windows (" + minNarrowWindows + ") cannot exceed baseline-windows ("
          + baselineWindows + ")");
    }
    requireAtLeast(minQueries, 1, "min-queries");
    requireFraction(maxBaselineShare, "max-baseline-share");
    if (exactSourceCap < Math.max(minBaselineSources, maxRemainingSources)) {
      throw new IllegalArgumentException("exact-source-cap (" + exactSourceCap
          + ") must be at least min-baseline-sources (" + minBaselineSources + ")");
    }
    if (sourceGranularity == null || domainGranularity == null) {
      throw new IllegalArgumentException("granularities must be set");
    }
    requireAtLeast(closeAfterWindows, 1, "close-after-windows");
    requireFraction(maxStrayShare, "max-stray-share");
    requirePositive(renameMaxLag, "rename-max-lag");
    requireAtLeast(renameMaxSources, 1, "rename-max-sources");
    requireFraction(renameMinContainment, "rename-min-containment");
    if (renameMinContainment == 0.0) {
      throw new IllegalArgumentException("rename-min-containment must be above 0: a rename needs a shared source");
    }
    requireAtLeast(renameMinSharedSources, 1, "rename-min-shared-sources");
    requireFraction(renameMinOldShare, "rename-min-old-share");
    requirePositive(newNameLookback, "new-name-lookback");
    requirePositive(darkAfter, "dark-after");
    requireAtLeast(minActiveWindows, 1, "min-active-windows");
    requirePositive(lifecycleTtl, "lifecycle-ttl");
    if (lifecycleTtl.compareTo(newNameLookback) < 0 || lifecycleTtl.compareTo(darkAfter) < 0) {
      throw new IllegalArgumentException("lifecycle-ttl (" + text(lifecycleTtl) + ") must be at least new-name-lookback ("
          + text(newNameLookback) + ") and dark-after (" + text(darkAfter) + "): a name must be remembered while it matters");
    }
  }

  /** The defaults of DESIGN.md. */
  public static DetectionConfig defaults() {
    return builder().build();
  }

  /** A builder holding the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this configuration. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.window = window;
    b.grace = grace;
    b.baselineWindows = baselineWindows;
    b.minBaselineWindows = minBaselineWindows;
    b.minBaselineSources = minBaselineSources;
    b.maxRemainingSources = maxRemainingSources;
    b.minNarrowWindows = minNarrowWindows;
    b.minQueries = minQueries;
    b.maxBaselineShare = maxBaselineShare;
    b.exactSourceCap = exactSourceCap;
    b.sourceGranularity = sourceGranularity;
    b.domainGranularity = domainGranularity;
    b.closeAfterWindows = closeAfterWindows;
    b.maxStrayShare = maxStrayShare;
    b.renameMaxLag = renameMaxLag;
    b.renameMaxSources = renameMaxSources;
    b.renameMinContainment = renameMinContainment;
    b.renameMinSharedSources = renameMinSharedSources;
    b.renameMinOldShare = renameMinOldShare;
    b.newNameLookback = newNameLookback;
    b.darkAfter = darkAfter;
    b.minActiveWindows = minActiveWindows;
    b.lifecycleTtl = lifecycleTtl;
    return b;
  }

  public long windowMs() {
    return window.toMillis();
  }

  public long graceMs() {
    return grace.toMillis();
  }

  /**
   * Shortest retention of the windowed store. The store rolls a RocksDB segment every half
   * retention; with minute windows that would open a new database every few minutes of event time,
   * which makes replays of sparse week-long logs crawl.
   */
  static final Duration MIN_RETENTION = Duration.ofHours(1);

  /** How long the windowed store keeps a window: the baseline, the current window and the grace (at least an hour). */
  public Duration retention() {
    Duration needed = window.multipliedBy(baselineWindows + 1L).plus(grace);
    return needed.compareTo(MIN_RETENTION) < 0 ? MIN_RETENTION : needed;
  }

  /**
   * How often expired lifecycle entries are deleted. The scan reads every entry, so it runs a few
   * times per TTL rather than every window; an expired entry left a while longer is only space (a
   * name absent for the lookback is new anyway).
   */
  public long expiryScanIntervalMs() {
    return lifecycleTtl.toMillis() / EXPIRY_SCANS_PER_TTL;
  }

  private static final int EXPIRY_SCANS_PER_TTL = 4;

  /** Start of the window containing {@code timestamp}: windows are aligned to the epoch (UTC). */
  public long windowStart(long timestamp) {
    return Math.floorDiv(timestamp, windowMs()) * windowMs();
  }

  private static void requirePositive(Duration value, String name) {
    if (value == null || value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(name + " must be positive, was " + text(value));
    }
  }

  /** A duration as the command line spells it (30d, 90m), not as ISO-8601 (PT720H). */
  public static String text(Duration duration) {
    if (duration == null) {
      return "nothing";
    }
    if (duration.isZero()) {
      return "0"; // as the user may write it, and no unit to guess
    }
    long ms = duration.toMillis();
    for (var unit : List.of(Map.entry("d", 86_400_000L), Map.entry("h", 3_600_000L), Map.entry("m", 60_000L),
        Map.entry("s", 1_000L))) {
      if (ms % unit.getValue() == 0) {
        return ms / unit.getValue() + unit.getKey();
      }
    }
    return ms + "ms";
  }

  private static void requireFraction(double value, String name) {
    if (!(value >= 0.0 && value <= 1.0)) {
      throw new IllegalArgumentException(name + " must be within [0, 1], was " + value);
    }
  }

  private static void requireAtLeast(int value, int minimum, String name) {
    if (value < minimum) {
      throw new IllegalArgumentException(name + " must be at least " + minimum + ", was " + value);
    }
  }

  /** Mutable holder for building a {@link DetectionConfig}; validation happens in {@link #build()}. */
  public static final class Builder {
    private Duration window = Duration.ofDays(1);
    /** Unset (null) durations follow the window: see {@link #build()}. */
    private Duration grace;
    private int baselineWindows = 14;
    /** Unset means the default, 3, or B when B is smaller. */
    private Integer minBaselineWindows;
    private int minBaselineSources = 10;
    private int maxRemainingSources = 3;
    /** Unset means the default, 2, or B when B is smaller. */
    private Integer minNarrowWindows;
    private int minQueries = 10;
    private double maxBaselineShare = 0.5;
    private int exactSourceCap = QuerierSet.DEFAULT_EXACT_CAP;
    private Sources.Granularity sourceGranularity = Sources.Granularity.ADDRESS;
    private DomainGranularity domainGranularity = DomainGranularity.NAME;
    private int closeAfterWindows = 3;
    private double maxStrayShare = 0.1;
    private Duration renameMaxLag;
    private int renameMaxSources = 10;
    private double renameMinContainment = 0.5;
    private int renameMinSharedSources = 2;
    private double renameMinOldShare = 0.5;
    private Duration newNameLookback;
    private Duration darkAfter;
    private int minActiveWindows = 3;
    private Duration lifecycleTtl;

    private Builder() {}

    public Builder window(Duration value) {
      window = value;
      return this;
    }

    public Builder grace(Duration value) {
      grace = value;
      return this;
    }

    public Builder baselineWindows(int value) {
      baselineWindows = value;
      return this;
    }

    public Builder minBaselineWindows(int value) {
      minBaselineWindows = value;
      return this;
    }

    public Builder minBaselineSources(int value) {
      minBaselineSources = value;
      return this;
    }

    public Builder maxRemainingSources(int value) {
      maxRemainingSources = value;
      return this;
    }

    public Builder minNarrowWindows(int value) {
      minNarrowWindows = value;
      return this;
    }

    public Builder minQueries(int value) {
      minQueries = value;
      return this;
    }

    public Builder maxBaselineShare(double value) {
      maxBaselineShare = value;
      return this;
    }

    public Builder exactSourceCap(int value) {
      exactSourceCap = value;
      return this;
    }

    public Builder sourceGranularity(Sources.Granularity value) {
      sourceGranularity = value;
      return this;
    }

    public Builder domainGranularity(DomainGranularity value) {
      domainGranularity = value;
      return this;
    }

    public Builder closeAfterWindows(int value) {
      closeAfterWindows = value;
      return this;
    }

    public Builder maxStrayShare(double value) {
      maxStrayShare = value;
      return this;
    }

    public Builder renameMaxLag(Duration value) {
      renameMaxLag = value;
      return this;
    }

    public Builder renameMaxSources(int value) {
      renameMaxSources = value;
      return this;
    }

    public Builder renameMinContainment(double value) {
      renameMinContainment = value;
      return this;
    }

    public Builder renameMinSharedSources(int value) {
      renameMinSharedSources = value;
      return this;
    }

    public Builder renameMinOldShare(double value) {
      renameMinOldShare = value;
      return this;
    }

    public Builder newNameLookback(Duration value) {
      newNameLookback = value;
      return this;
    }

    public Builder darkAfter(Duration value) {
      darkAfter = value;
      return this;
    }

    public Builder minActiveWindows(int value) {
      minActiveWindows = value;
      return this;
    }

    public Builder lifecycleTtl(Duration value) {
      lifecycleTtl = value;
      return this;
    }

    /**
     * The configuration. Durations not set follow the window: grace a 144th of it (at least a
     * minute), new-name lookback 30 windows, dark-after 3, rename-max-lag 7, and the lifecycle TTL
     * twice the longer of the lookback and dark-after; at daily windows 10m, 30d, 3d, 7d and 60d.
     *
     * @throws IllegalArgumentException naming the setting and the value when one is out of range
     */
    public DetectionConfig build() {
      Duration unit = window == null ? Duration.ofDays(1) : window; // a missing window is refused below
      Duration lookback = newNameLookback != null ? newNameLookback : unit.multipliedBy(LOOKBACK_WINDOWS);
      Duration dark = darkAfter != null ? darkAfter : unit.multipliedBy(DARK_AFTER_WINDOWS);
      Duration ttl = lifecycleTtl != null ? lifecycleTtl
          : (lookback.compareTo(dark) >= 0 ? lookback : dark).multipliedBy(2);
      Duration graceOrDefault = grace != null ? grace : max(unit.dividedBy(WINDOWS_PER_GRACE), MIN_DEFAULT_GRACE);
      return new DetectionConfig(window, graceOrDefault, baselineWindows,
          minBaselineWindows != null ? minBaselineWindows : Math.min(DEFAULT_MIN_BASELINE_WINDOWS, baselineWindows),
          minBaselineSources, maxRemainingSources,
          minNarrowWindows != null ? minNarrowWindows : Math.min(DEFAULT_MIN_NARROW_WINDOWS, baselineWindows), minQueries, maxBaselineShare, exactSourceCap,
          sourceGranularity, domainGranularity, closeAfterWindows, maxStrayShare,
          renameMaxLag != null ? renameMaxLag : unit.multipliedBy(RENAME_MAX_LAG_WINDOWS), renameMaxSources,
          renameMinContainment, renameMinSharedSources, renameMinOldShare, lookback, dark, minActiveWindows, ttl);
    }

    private static Duration max(Duration a, Duration b) {
      return a.compareTo(b) >= 0 ? a : b;
    }
  }
}
