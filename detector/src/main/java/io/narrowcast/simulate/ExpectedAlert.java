package io.narrowcast.simulate;

import io.narrowcast.alert.AlertKind;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * A label shipped with a scenario: an alert that must fire for {@code domain} (and, for a rename,
 * {@code previousDomain}) with a window starting at or after {@code from} and before {@code until}.
 */
public record ExpectedAlert(AlertKind kind, String domain, String previousDomain, Instant from, Instant until) {
  /** A label whose window starts on one of the days {@code from} to {@code to}, both included (UTC). */
  public ExpectedAlert(AlertKind kind, String domain, String previousDomain, LocalDate from, LocalDate to) {
    this(kind, domain, previousDomain, from.atStartOfDay(ZoneOffset.UTC).toInstant(),
        to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
  }

  /** Whether an alert whose window starts at {@code windowStart} is on time for this label. */
  public boolean allows(Instant windowStart) {
    return !windowStart.isBefore(from) && windowStart.isBefore(until);
  }
}
