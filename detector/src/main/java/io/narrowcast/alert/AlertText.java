package io.narrowcast.alert;

import io.narrowcast.avro.Alert;
import io.narrowcast.avro.SourceShare;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** An alert as a person reads it in a terminal. */
public final class AlertText {
  /** Sources named in one-line summaries; the contract lists up to {@link Alerts#MAX_LISTED_SOURCES}. */
  static final int SOURCES_IN_SUMMARY = 3;
  /** A time to the minute, UTC; the reader is told the zone. */
  public static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

  private AlertText() {}

  public static String format(Alert alert) {
    StringBuilder out = new StringBuilder();
    boolean rename = isRename(alert);
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

  /** A heading: the kind and the name(s). */
  public static String title(Alert alert) {
    return isRename(alert)
        ? "Rename following: " + alert.getPreviousDomain() + " -> " + alert.getDomain()
        : "Querier-set collapse: " + alert.getDomain();
  }

  /** The facts of the alert in a few sentences, and why it closed if it did. */
  public static String describe(Alert alert) {
    String facts = isRename(alert) ? renameFacts(alert) : collapseFacts(alert);
    return AlertStatus.CLOSED.label().equals(alert.getStatus()) ? facts + " Closed: " + alert.getCloseReason() + "." : facts;
  }

  private static String collapseFacts(Alert alert) {
    return String.format(Locale.ROOT,
        "%s was looked up %d times by only %d source(s) from %s to %s UTC (%s); in the baseline before, %d sources made %d lookups.",
        alert.getDomain(), alert.getQueries(), alert.getDistinctSources(), TIME.format(alert.getWindowStart()),
        TIME.format(alert.getWindowEnd()), topSources(alert.getSources()), alert.getBaselineSources(),
        alert.getBaselineQueries());
  }

  private static String renameFacts(Alert alert) {
    String first = Boolean.TRUE.equals(alert.getFirstQuerierShared()) ? "one of them" : "elsewhere";
    String answers = alert.getSharedAnswers().isEmpty() ? ""
        : "; both names resolved to " + String.join(", ", alert.getSharedAnswers());
    return String.format(Locale.ROOT,
        "%s was first looked up %s after %s went dark, by its sources: %d of its %d source(s) also queried the old name,"
            + " which had %d (%s); its first lookup came from %s%s.",
        alert.getDomain(), human(Duration.ofSeconds(alert.getLagSeconds())), alert.getPreviousDomain(),
        alert.getSources().size(), alert.getDistinctSources(), alert.getBaselineSources(), topSources(alert.getSources()),
        first, answers);
  }

  /** The first few sources with their shares, "a 42.1%, b 15.8% and 2 more". */
  static String topSources(List<SourceShare> sources) {
    String listed = sources.stream().limit(SOURCES_IN_SUMMARY)
        .map(s -> String.format(Locale.ROOT, "%s %.1f%%", s.getSource(), s.getShare() * 100))
        .collect(Collectors.joining(", "));
    return sources.size() > SOURCES_IN_SUMMARY ? listed + " and " + (sources.size() - SOURCES_IN_SUMMARY) + " more" : listed;
  }

  static boolean isRename(Alert alert) {
    return AlertKind.RENAME_FOLLOW.name().equals(alert.getKind());
  }

  /** A duration as "5h 12m", or "3d 18h" from two days on. */
  public static String human(Duration duration) {
    long hours = duration.toHours();
    return hours >= 48 ? duration.toDays() + "d " + (hours % 24) + "h" : hours + "h " + duration.toMinutesPart() + "m";
  }
}
