package io.narrowcast.alert;

import io.narrowcast.avro.Alert;
import org.apache.datasketches.hll.HllSketch;

/**
 * An open alert in the "alert-state" store, keyed by {@link #key(AlertKind, String)}; or a closed
 * rename, remembered so that a later match for its new name opens an alert of its own.
 *
 * @param last the last message sent for it
 * @param missedWindows windows in a row in which the pattern did not hold (collapse)
 * @param lastActiveWindow start of the last window with lookups of the name
 * @param sources collapse: every source of the windows in which it held, of which the alert lists
 *     at most {@link Alerts#MAX_LISTED_SOURCES}; null for a rename, or a collapse stored without it
 */
public record AlertState(Alert last, int missedWindows, long lastActiveWindow, HllSketch sources) {
  /** A state without the collapse's sources: a rename's. */
  public AlertState(Alert last, int missedWindows, long lastActiveWindow) {
    this(last, missedWindows, lastActiveWindow, null);
  }

  /** One open alert per kind and domain. */
  public static String key(AlertKind kind, String domain) {
    return kind.name() + '|' + domain;
  }

  public AlertKind kind() {
    return AlertKind.valueOf(last.getKind());
  }

  /** True when {@link #last()} closed the alert: only remembered, no longer open. */
  public boolean closed() {
    return AlertStatus.ofLabel(last.getStatus()) == AlertStatus.CLOSED;
  }
}
