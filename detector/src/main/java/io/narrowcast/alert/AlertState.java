package io.narrowcast.alert;

import io.narrowcast.avro.Alert;

/**
 * An open alert in the "alert-state" store, keyed by {@link #key(AlertKind, String)}; or a closed
 * rename, remembered so that a later match for its new name opens an alert of its own.
 *
 * @param last the last message sent for it
 * @param missedWindows windows in a row in which the pattern did not hold (collapse)
 * @param lastActiveWindow start of the last window with lookups of the name
 */
public record AlertState(Alert last, int missedWindows, long lastActiveWindow) {
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
