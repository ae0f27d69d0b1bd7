package io.narrowcast.simulate;

import io.narrowcast.alert.AlertKind;
import java.time.LocalDate;

/**
 * A label shipped with a scenario: an alert that must fire for {@code domain} (and, for a rename,
 * {@code previousDomain}) with a window inside [{@code from}, {@code to}].
 */
public record ExpectedAlert(AlertKind kind, String domain, String previousDomain, LocalDate from, LocalDate to) {}
