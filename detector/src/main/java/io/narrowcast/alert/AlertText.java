package io.narrowcast.alert;

import io.narrowcast.avro.Alert;
import io.narrowcast.avro.SourceShare;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** An alert as a person reads it in a terminal. */
public final class AlertText {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

  private AlertText() {}

  public static String format(Alert alert) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "%s  %s", alert.getKind(), alert.getDomain()));
    if (alert.getPreviousDomain() != null) {
      out.append(String.format(Locale.ROOT, "  (after %s)", alert.getPreviousDomain()));
    }
    out.append(String.format(Locale.ROOT, "%n  window %s .. %s UTC   severity %s (score %.2f)   id %s%n",
        TIME.format(alert.getWindowStart()), TIME.format(alert.getWindowEnd()), alert.getSeverity(),
        alert.getScore(), alert.getAlertId()));
    if (AlertKind.QUERIER_COLLAPSE.name().equals(alert.getKind())) {
      out.append(String.format(Locale.ROOT, "  %d source(s) made all %d lookups; the baseline before had %d sources (%d lookups)%n",
          alert.getDistinctSources(), alert.getQueries(), alert.getBaselineSources(), alert.getBaselineQueries()));
    }
    if (alert.getLagSeconds() != null) {
      out.append(String.format(Locale.ROOT, "  lag %s after the old name went dark%n", human(Duration.ofSeconds(alert.getLagSeconds()))));
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
