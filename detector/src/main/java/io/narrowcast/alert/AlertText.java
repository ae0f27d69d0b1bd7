package io.narrowcast.alert;

import io.narrowcast.avro.Alert;
import io.narrowcast.avro.SourceShare;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** An alert as a person reads it in a terminal. */
public final class AlertText {
  static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

  private AlertText() {}

  public static String format(Alert alert) {
    StringBuilder out = new StringBuilder();
    boolean rename = AlertKind.RENAME_FOLLOW.name().equals(alert.getKind());
    out.append(String.format(Locale.ROOT, "[%s] %s  %s", alert.getStatus(), alert.getKind(),
        rename ? alert.getPreviousDomain() + " -> " + alert.getDomain() : alert.getDomain()));
    out.append(String.format(Locale.ROOT, "%n  window %s .. %s UTC   severity %s (score %.2f)   id %s%n",
        TIME.format(alert.getWindowStart()), TIME.format(alert.getWindowEnd()), alert.getSeverity(),
        alert.getScore(), alert.getAlertId()));
    if (AlertStatus.CLOSED.label().equals(alert.getStatus())) {
      out.append("  closed: ").append(alert.getCloseReason()).append('\n');
      return out.toString();
    }
    if (rename) {
      out.append(String.format(Locale.ROOT, "  new name first queried %s after the old one went dark; %s%n",
          human(Duration.ofSeconds(alert.getLagSeconds())),
          Boolean.TRUE.equals(alert.getFirstQuerierShared())
              ? "its first lookup came from one of the old name's sources" : "its first lookup came from elsewhere"));
      out.append(String.format(Locale.ROOT, "  %d of its %d early source(s) also queried the old name (which had %d)%n",
          alert.getSources().size(), alert.getDistinctSources(), alert.getBaselineSources()));
    } else {
      out.append(String.format(Locale.ROOT, "  %d source(s) made all %d lookups; the baseline before had %d sources (%d lookups)%n",
          alert.getDistinctSources(), alert.getQueries(), alert.getBaselineSources(), alert.getBaselineQueries()));
    }
    if (!alert.getSharedAnswers().isEmpty()) {
      out.append("  shared answers: ").append(String.join(", ", alert.getSharedAnswers())).append('\n');
    }
    for (SourceShare share : alert.getSources()) {
      out.append(String.format(Locale.ROOT, "    %-40s %7d lookups  %5.1f%%%n", share.getSource(), share.getQueries(), share.getShare() * 100));
    }
    return out.toString();
  }

  static String human(Duration duration) {
    long hours = duration.toHours();
    return hours >= 48 ? duration.toDays() + "d " + (hours % 24) + "h" : hours + "h " + duration.toMinutesPart() + "m";
  }
}
