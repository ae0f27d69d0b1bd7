package io.narrowcast.alert;

import java.util.Locale;

/** Alert severity, derived from the score; the lower-case name is the contract's {@code severity}. */
public enum Severity {
  LOW,
  MEDIUM,
  HIGH;

  /** Scores at or above this are high. */
  public static final double HIGH_SCORE = 0.9;
  /** Scores at or above this (and below {@link #HIGH_SCORE}) are medium. */
  public static final double MEDIUM_SCORE = 0.7;

  public static Severity ofScore(double score) {
    return score >= HIGH_SCORE ? HIGH : score >= MEDIUM_SCORE ? MEDIUM : LOW;
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The severity whose {@link #label()} is {@code label}; IllegalArgumentException for other text. */
  public static Severity ofLabel(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT));
  }
}
