package io.narrowcast.detect;

import io.narrowcast.config.DetectionConfig;
import io.narrowcast.detect.RenameCandidate.Side;
import io.narrowcast.state.DomainLifecycle;
import io.narrowcast.state.QuerierSet;
import io.narrowcast.state.SourceCount;
import java.util.List;

/**
 * When a name is newly seen and when it goes dark. A name is newly seen in a window when it had no
 * lookups for the new-name lookback (and the detector has watched that long). It goes dark when its
 * lookups turn NXDOMAIN after it resolved: two NXDOMAINs in a row after its last answer, in one
 * window or across windows (a lone one is often a resolver's hiccup, and a flapping name must not
 * look renamed). Or when, queried regularly, it is silent for dark-after and for much longer than
 * its usual gap between lookups. Only names with a small querier set, of at least the sources a rename
 * shares, become rename candidates: for a
 * new name its first window's sources, for a dark name the sources that made its lookups over the
 * lookback before it went dark, strays aside. A dark name answered again withdraws its dark side: it
 * was not renamed. Pure: the caller keeps the "domain-lifecycle" store.
 */
public final class NameLifecycle {
  /**
   * A name is silent only after this many of its usual gaps between lookups without one: with
   * lookups at random, seven gaps pass empty about once in a thousand times.
   */
  static final double SILENT_GAPS = 7.0;

  private final DetectionConfig config;
  private final RenameMatcher matcher;

  public NameLifecycle(DetectionConfig config) {
    this.config = config;
    this.matcher = new RenameMatcher(config);
  }

  /**
   * After a window.
   *
   * @param entry the updated entry to store
   * @param born the name as a newly seen rename candidate, or null
   * @param retired the name as a dark rename candidate, or null
   * @param revived the name, dark until this window, withdrawing its dark candidate; or null. Sent
   *     before {@code retired} when both are set: answered, then dark again within the window
   */
  public record WindowResult(DomainLifecycle entry, RenameCandidate born, RenameCandidate retired,
      RenameCandidate revived) {}

  /**
   * After a sweep.
   *
   * @param delete the entry expired
   * @param changed the entry changed and must be stored
   * @param retired the name went dark by silence, as a rename candidate, or null
   */
  public record SweepResult(boolean delete, boolean changed, RenameCandidate retired) {
    static final SweepResult KEEP = new SweepResult(false, false, null);
    static final SweepResult DELETE = new SweepResult(true, true, null);
  }

  /**
   * Adds the window [{@code windowStart}, {@code windowEnd}) with lookups of {@code domain}.
   *
   * @param previous its entry, or null
   * @param watchedSince start of the first window this detector saw; nothing is new before the lookback has passed
   */
  public WindowResult onWindow(String domain, DomainLifecycle previous, long windowStart, long windowEnd,
      QuerierSet window, long watchedSince) {
    long horizon = recentHorizon(windowStart);
    boolean absent = previous == null || previous.lastSeen() < windowStart - config.newNameLookback().toMillis();
    boolean isNew = absent && windowStart - watchedSince >= config.newNameLookback().toMillis();
    boolean resolvedBefore = previous != null && previous.everAnswered();
    DomainLifecycle entry;
    if (absent) {
      entry = DomainLifecycle.firstWindow(windowStart, window, horizon);
    } else {
      entry = previous;
      entry.record(windowStart, window, horizon);
    }
    RenameCandidate born = null;
    if (isNew && window.answered() && window.isExact()) {
      // until new names have been seen for a lag, no source can tell how often it takes them up
      boolean warmingUp = windowStart - watchedSince < config.newNameLookback().plus(config.renameMaxLag()).toMillis();
      RenameCandidate candidate = new RenameCandidate(Side.BORN, domain, window.firstSeen(), windowStart, windowEnd,
          window.sourceCounts(), window.answers(), window.firstSource(), 0, warmingUp);
      born = matcher.mayMatch(candidate) ? candidate : null;
    }
    // answered in this window: whatever failed before is over, and any darkness starts after the answer
    RenameCandidate revived = null;
    if (entry.dark() != DomainLifecycle.Dark.NOT_DARK && window.answered()) {
      if (entry.isDark() && !entry.overflowedSince(horizon)) {
        revived = new RenameCandidate(Side.REVIVED, domain, windowStart, windowStart, windowEnd, entry.recentSources(),
            List.of(), null);
      }
      entry.revive();
    }
    RenameCandidate retired = null;
    if (window.turnedNxdomain() && !entry.isDark() && resolvedBefore && entry.activeWindows() >= config.minActiveWindows()) {
      // the failing lookups after the last answer, counting one left over from an earlier window
      boolean failedBefore = entry.dark() == DomainLifecycle.Dark.NXDOMAIN_ONCE;
      long failedSince = failedBefore ? entry.darkAt() : window.firstTrailingNxdomain();
      if (window.trailingNxdomain() + (failedBefore ? 1 : 0) >= 2) {
        entry.goDark(DomainLifecycle.Dark.NXDOMAIN, failedSince);
        retired = retiredCandidate(domain, entry, windowStart, windowEnd, horizon);
      } else {
        entry.goDark(DomainLifecycle.Dark.NXDOMAIN_ONCE, failedSince);
      }
    }
    return new WindowResult(entry, born, retired, revived);
  }

  /**
   * Whether {@code entry} could still go dark by silence and be a rename candidate then: in use,
   * queried regularly, by a few sources. Only such names need watching for silence.
   */
  public boolean mayGoSilent(DomainLifecycle entry) {
    long horizon = recentHorizon(entry.lastWindow());
    return !entry.isDark() && entry.isRegular(config.minActiveWindows(), config.windowMs())
        && !entry.overflowedSince(horizon)
        && CollapseDetector.core(entry.recentSources(), entry.recentQueries(), config.maxStrayShare()).size()
            <= config.renameMaxSources();
  }

  /** Whether a name last looked up at {@code lastSeen} is to be forgotten at {@code now}. */
  public boolean isExpired(long lastSeen, long now) {
    return now - lastSeen > config.lifecycleTtl().toMillis();
  }


  /** Event time reached {@code now}: expire the entry, or call a regular name that fell silent dark. */
  public SweepResult onSweep(String domain, DomainLifecycle entry, long now) {
    if (isExpired(entry.lastSeen(), now)) {
      return SweepResult.DELETE;
    }
    if (!entry.isDark() && now - entry.lastSeen() >= silence(entry)
        && entry.isRegular(config.minActiveWindows(), config.windowMs())) {
      entry.goDark(DomainLifecycle.Dark.SILENT, entry.lastSeen());
      long horizon = recentHorizon(entry.lastWindow());
      return new SweepResult(false, true,
          retiredCandidate(domain, entry, entry.lastWindow(), entry.lastWindow() + config.windowMs(), horizon));
    }
    return SweepResult.KEEP;
  }

  /** When {@code entry}, not looked up since, is silent: its last lookup plus {@link #silence}. */
  public long silentAt(DomainLifecycle entry) {
    return entry.lastSeen() + silence(entry);
  }

  /**
   * How long {@code entry} must go without lookups to be silent: dark-after, or more for a name queried
   * rarely. Its recent sources keep counting their lookups for as long as they keep coming back, so
   * the usual gap is taken over the name's life when that is longer than the lookback: a name looked
   * up once a day for months by the same few is not silent after a few quiet days.
   */
  private long silence(DomainLifecycle entry) {
    long counted = Math.max(config.newNameLookback().toMillis(), entry.lastSeen() - entry.firstSeen());
    double usualGap = (double) counted / Math.max(1, entry.recentQueries());
    return Math.max(config.darkAfter().toMillis(), (long) (SILENT_GAPS * usualGap));
  }

  private RenameCandidate retiredCandidate(String domain, DomainLifecycle entry, long windowStart, long windowEnd, long horizon) {
    if (entry.overflowedSince(horizon)) {
      return null;
    }
    List<SourceCount> few = CollapseDetector.core(entry.recentSources(), entry.recentQueries(), config.maxStrayShare());
    RenameCandidate candidate = new RenameCandidate(Side.RETIRED, domain, entry.darkAt(), windowStart, windowEnd,
        few, entry.recentAnswers(), null);
    return matcher.mayMatch(candidate) ? candidate : null;
  }

  /** The sources of the new-name lookback before a window make up a name's recent querier set. */
  private long recentHorizon(long windowStart) {
    return windowStart - config.newNameLookback().toMillis();
  }
}
