package io.narrowcast.alert;

import io.narrowcast.avro.Alert;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** Alerts as rows of a table, one line each, for {@code narrowcast alerts}. */
public final class AlertTable {
  private static final String FORMAT = "%-16s  %-19s  %-6s  %-8s  %-6s  %5s  %-34s  %-40s  %s";

  private AlertTable() {}

  public static String header() {
    return String.format(Locale.ROOT, FORMAT, "TIME (UTC)", "ID", "STATUS", "KIND", "SEV", "SCORE", "WINDOW (UTC)",
        "DOMAIN", "DETAIL").stripTrailing();
  }

  /** One alert message, sent at event time {@code time}. */
  public static String row(Alert alert, long time) {
    boolean rename = AlertText.isRename(alert);
    String window = AlertText.TIME.format(alert.getWindowStart()) + " .. " + AlertText.TIME.format(alert.getWindowEnd());
    return String.format(Locale.ROOT, FORMAT, AlertText.TIME.format(Instant.ofEpochMilli(time)), alert.getAlertId(),
        alert.getStatus(), rename ? "rename" : "collapse", alert.getSeverity(), String.format(Locale.ROOT, "%.2f", alert.getScore()),
        window, rename ? alert.getPreviousDomain() + " -> " + alert.getDomain() : alert.getDomain(), detail(alert, rename));
  }

  /** Why it ended; else the top sources with their shares and, for a rename, the shared answers and the lag. */
  private static String detail(Alert alert, boolean rename) {
    if (AlertStatus.CLOSED.label().equals(alert.getStatus())) {
      return "closed: " + alert.getCloseReason();
    }
    String sources = AlertText.topSources(alert.getSources());
    if (!rename) {
      return sources;
    }
    String answers = alert.getSharedAnswers().isEmpty() ? "" : "; same answer " + String.join(", ", alert.getSharedAnswers());
    return sources + answers + "; lag " + AlertText.human(Duration.ofSeconds(alert.getLagSeconds()));
  }
}
