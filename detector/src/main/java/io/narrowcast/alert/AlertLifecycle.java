package io.narrowcast.alert;

import io.narrowcast.avro.Alert;
import io.narrowcast.avro.SourceShare;
import io.narrowcast.config.DetectionConfig;
import io.narrowcast.detect.Collapse;
import io.narrowcast.detect.CollapseDetector;
import io.narrowcast.detect.RenameMatch;
import io.narrowcast.state.QuerierSet;
import io.narrowcast.state.SourceCount;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.hll.Union;

/**
 * One open alert per kind and domain: the first detection sends {@code new}; later windows extend
 * the same alert and send an {@code update} only when something new is seen (a new source, a
 * better rename match); the alert sends {@code closed} when its pattern ends, and its id is never
 * used again. Pure: the caller keeps the state in the "alert-state" store and sends what a
 * {@link Transition} says.
 */
public final class AlertLifecycle {
  private final DetectionConfig config;
  private final CollapseDetector collapse;

  public AlertLifecycle(DetectionConfig config) {
    this.config = config;
    this.collapse = new CollapseDetector(config);
  }

  /**
   * What to store and send.
   *
   * @param next the state to store, or null to delete it (closed)
   * @param send the message to send, or null
   * @param changed whether the stored state changed at all
   */
  public record Transition(AlertState next, Alert send, boolean changed) {
    static final Transition NONE = new Transition(null, null, false);

    static Transition store(AlertState next, Alert send) {
      return new Transition(next, send, true);
    }

    static Transition close(Alert last, String reason) {
      return new Transition(null, Alerts.closed(last, reason), true);
    }

    /** Closes the alert but keeps its last message, closed, in the store. */
    static Transition closeAndRemember(AlertState open, String reason) {
      Alert closed = Alerts.closed(open.last(), reason);
      return store(new AlertState(closed, 0, open.lastActiveWindow()), closed);
    }

    static Transition forget() {
      return new Transition(null, null, true);
    }
  }

  /** A window of {@code domain} closed: open, extend or close its collapse alert. */
  public Transition collapseWindow(AlertState open, String domain, long windowStart, long windowEnd,
      QuerierSet window, Optional<Collapse> found) {
    if (open == null) {
      return found.map(c -> {
        Alert opened = Alerts.collapseOpened(domain, windowEnd, c);
        HllSketch sources = new HllSketch(QuerierSet.HLL_LG_K, TgtHllType.HLL_4);
        c.remaining().forEach(source -> sources.update(source.source()));
        return Transition.store(new AlertState(opened, 0, windowStart, sources), opened);
      }).orElse(Transition.NONE);
    }
    if (window.stoppedResolving()) {
      return Transition.close(open.last(), "the name stopped resolving (NXDOMAIN)");
    }
    if (collapse.joinsFew(few(open.last()), window)) {
      // a one-off stray joins the alert's list quietly; a new source among the busy ones is news
      HllSketch sources = spanSources(open, window);
      Alert extended = Alerts.collapseExtended(open.last(), windowEnd, window, Math.round(sources.getEstimate()));
      boolean newCoreSource = !sources(open.last()).containsAll(collapse.core(window));
      return Transition.store(new AlertState(extended, 0, windowStart, sources), newCoreSource ? extended : null);
    }
    int missed = open.missedWindows() + 1;
    if (missed >= config.closeAfterWindows()) {
      return Transition.close(open.last(), "queried by more than " + config.maxRemainingSources()
          + " sources, or by others than its few, again in " + missed + " windows in a row");
    }
    return Transition.store(new AlertState(open.last(), missed, windowStart, open.sources()), null);
  }

  /**
   * Every source of the collapse's windows so far and of {@code window}: more than the alert lists.
   * A state stored before these were kept starts from the sources its alert lists.
   */
  private static HllSketch spanSources(AlertState open, QuerierSet window) {
    Union union = new Union(QuerierSet.HLL_LG_K);
    if (open.sources() != null) {
      union.update(open.sources());
    } else {
      open.last().getSources().forEach(source -> union.update(source.getSource()));
    }
    window.addSourcesTo(union);
    return union.getResult(TgtHllType.HLL_4);
  }

  /**
   * A rename match for the new name: open its alert, or update it when the match is stronger. Its
   * window, the new name's first, is the same for every match of the name, so after a close the
   * next alert takes an id that follows the closed one's; the closed rename arriving again (the same
   * match comes once per shared source) opens nothing.
   */
  public Transition renameMatch(AlertState state, RenameMatch match) {
    if (state == null) {
      return openRename(Alerts.alertId(AlertKind.RENAME_FOLLOW, match.newName(), match.windowStart()), match);
    }
    if (state.closed()) {
      return match.oldName().equals(state.last().getPreviousDomain())
          ? Transition.NONE
          : openRename(Alerts.nextAlertId(AlertKind.RENAME_FOLLOW, state.last().getAlertId()), match);
    }
    Alert candidate = Alerts.rename(state.last().getAlertId(), match, AlertStatus.UPDATE);
    boolean stronger = candidate.getScore() > state.last().getScore()
        || candidate.getPreviousDomain().equals(state.last().getPreviousDomain())
            && !sources(state.last()).containsAll(sources(candidate));
    return stronger ? Transition.store(new AlertState(candidate, 0, state.lastActiveWindow()), candidate) : Transition.NONE;
  }

  private static Transition openRename(String alertId, RenameMatch match) {
    Alert opened = Alerts.rename(alertId, match, AlertStatus.NEW);
    return Transition.store(new AlertState(opened, 0, match.windowStart()), opened);
  }

  /**
   * When {@code state} is due to change without news: a collapse closes dark-after past its last
   * window with lookups; a rename closes once rename-max-lag has passed since its new name's first
   * window, and is forgotten lifecycle-ttl after that. {@link #sweep} at that time changes it.
   */
  public long dueAt(AlertState state) {
    if (state.kind() == AlertKind.QUERIER_COLLAPSE) {
      return state.lastActiveWindow() + config.windowMs() + config.darkAfter().toMillis();
    }
    long closesAt = state.last().getWindowEnd().toEpochMilli() + config.renameMaxLag().toMillis();
    return state.closed() ? closesAt + config.lifecycleTtl().toMillis() : closesAt;
  }

  /**
   * Event time reached {@code now}: close alerts whose pattern ended without a window saying so. A
   * closed rename is remembered for lifecycle-ttl: an old name it could still match went dark before
   * the new name appeared, and one called dark by silence that much later would be forgotten first.
   */
  public Transition sweep(AlertState state, long now) {
    if (now < dueAt(state)) {
      return Transition.NONE;
    }
    if (state.kind() == AlertKind.QUERIER_COLLAPSE) {
      return Transition.close(state.last(), "no lookups for " + DetectionConfig.text(config.darkAfter()) + " or more");
    }
    if (state.closed()) {
      return Transition.forget();
    }
    return Transition.closeAndRemember(state, "rename-max-lag has passed since the new name appeared");
  }

  /** The few of an open collapse: those of its listed sources that made all but the strays' lookups. */
  private Set<String> few(Alert alert) {
    List<SourceCount> listed = alert.getSources().stream()
        .map(source -> new SourceCount(source.getSource(), source.getQueries())).toList();
    return CollapseDetector.core(listed, alert.getQueries(), config.maxStrayShare()).stream()
        .map(SourceCount::source).collect(Collectors.toCollection(HashSet::new));
  }

  private static Set<String> sources(Alert alert) {
    return alert.getSources().stream().map(SourceShare::getSource).collect(Collectors.toSet());
  }
}
