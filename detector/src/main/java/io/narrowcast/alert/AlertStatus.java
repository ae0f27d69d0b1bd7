package io.narrowcast.alert;

import java.util.Locale;

/** Where an alert is in its life; the lower-case name is the contract's {@code status}. */
public enum AlertStatus {
  /** The first message of an alert. */
  NEW,
  /** The same alert (same id): the pattern goes on and something new was seen. */
  UPDATE,
  /** The pattern ended; no more messages with this id. */
  CLOSED;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The status whose {@link #label()} is {@code label}; IllegalArgumentException for other text. */
  public static AlertStatus ofLabel(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT));
  }
}
