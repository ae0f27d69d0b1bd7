package io.narrowcast.report;

import io.narrowcast.alert.AlertKind;
import io.narrowcast.alert.AlertText;
import io.narrowcast.alert.AlertStatus;
import io.narrowcast.alert.Product;
import io.narrowcast.avro.Alert;
import io.narrowcast.avro.SourceShare;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One alert as a self-contained HTML page for an analyst: the facts, and a timeline of lookups per
 * source for its name(s) across the baseline and the alert's window. A content security policy of
 * {@code default-src 'none'} keeps the page from fetching anything.
 */
public final class AlertReport {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final String BASELINE_FILL = "#DCEBF7";
  private static final String WINDOW_FILL = "#FBE3D6";
  /** Sources that get a colour when the alert lists fewer: the names' other busy queriers. */
  static final int COLOURED_AT_LEAST = 7;
  private static final String STYLE = """
      body { font-family: sans-serif; margin: 24px; color: #111; max-width: 1000px; }
      h1 { font-size: 20px; margin-bottom: 4px; }
      h2 { font-size: 16px; margin-top: 28px; }
      p.lede { font-size: 14px; line-height: 1.4; }
      table { border-collapse: collapse; font-size: 13px; }
      th, td { text-align: left; padding: 3px 12px 3px 0; vertical-align: top; }
      table.facts th { color: #555; font-weight: normal; }
      table.sources td.num { text-align: right; }
      .swatch { display: inline-block; width: 10px; height: 10px; margin-right: 6px; }
      p.note, footer { color: #555; font-size: 12px; }
      footer { margin-top: 24px; }
      """;

  private AlertReport() {}

  /** The page for the last message of an alert, with the lookups counted in {@code counts}. */
  public static String html(Alert alert, ReportWindow window, LookupCounts counts, String granularityNote) {
    List<String> names = names(alert);
    List<TimelineChart.Lane> lanes = names.stream()
        .map(name -> new TimelineChart.Lane(name, counts.series(name, window.from(), window.bucketMs(), window.buckets())))
        .toList();
    List<String> colored = colored(alert, lanes);
    List<LookupCounts.WindowSeries> perWindow = alert.getPreviousDomain() == null
        ? List.of(counts.perWindow(alert.getDomain(), window.from(), window.to())) : List.of();
    String chart = new TimelineChart(window, lanes, colored, spans(alert, window), markers(alert, counts), perWindow).svg();
    StringBuilder page = new StringBuilder(chart.length() + 8192);
    page.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
        .append("<title>").append(Html.escape(AlertText.title(alert))).append("</title>\n")
        .append("<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n")
        .append("<h1>").append(Html.escape(AlertText.title(alert))).append("</h1>\n")
        .append("<p class=\"lede\">").append(Html.escape(AlertText.describe(alert))).append("</p>\n");
    facts(page, alert);
    page.append("<h2>Lookups per source</h2>\n").append(chart)
        .append("<p class=\"note\">").append(Html.escape(String.format(Locale.ROOT,
            "Every lookup of %s on dns.events from %s to %s UTC, counted as the detector counts them (%s), in buckets of %s."
                + " Hover a bar for its source and count.",
            String.join(" and ", names), TIME.format(Instant.ofEpochMilli(window.from())),
            TIME.format(Instant.ofEpochMilli(window.to())), granularityNote, bucketWidth(window.bucketMs()))))
        .append("</p>\n");
    sources(page, alert, colored);
    page.append("<footer>").append(Html.escape(Product.NAME + " " + Product.version() + ", alert " + alert.getAlertId()
        + ", last message: " + alert.getStatus())).append("</footer>\n</body>\n</html>\n");
    return page.toString();
  }

  /** The name(s) of the alert, old before new. */
  static List<String> names(Alert alert) {
    return alert.getPreviousDomain() == null ? List.of(alert.getDomain()) : List.of(alert.getPreviousDomain(), alert.getDomain());
  }

  /**
   * Every source the alert lists, each in a colour of its own (the palette holds as many as an alert
   * lists), then whoever else looked the names up most, up to {@value #COLOURED_AT_LEAST} colours.
   */
  static List<String> colored(Alert alert, List<TimelineChart.Lane> lanes) {
    Set<String> out = new LinkedHashSet<>();
    alert.getSources().forEach(s -> out.add(s.getSource()));
    Map<String, Long> totals = new HashMap<>();
    lanes.forEach(lane -> lane.bySource().forEach((source, counts) ->
        totals.merge(source, Arrays.stream(counts).sum(), Long::sum)));
    totals.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .map(Map.Entry::getKey)
        .filter(source -> !out.contains(source))
        .limit(Math.max(0, COLOURED_AT_LEAST - out.size()))
        .forEach(out::add);
    return List.copyOf(out);
  }

  private static List<TimelineChart.Span> spans(Alert alert, ReportWindow window) {
    long start = alert.getWindowStart().toEpochMilli();
    long end = alert.getWindowEnd().toEpochMilli();
    if (AlertKind.RENAME_FOLLOW.name().equals(alert.getKind())) {
      return List.of(new TimelineChart.Span(start, end, "new name's first window", WINDOW_FILL));
    }
    return List.of(
        new TimelineChart.Span(window.baselineFrom(), start, String.format(Locale.ROOT, "baseline: %,d lookups by %,d sources",
            alert.getBaselineQueries(), alert.getBaselineSources()), BASELINE_FILL),
        new TimelineChart.Span(start, end, String.format(Locale.ROOT, "alert window: %,d lookups by %,d sources",
            alert.getQueries(), alert.getDistinctSources()), WINDOW_FILL));
  }

  /** For a rename: the old name went dark the lag before the new name's first lookup (to the hour). */
  private static List<TimelineChart.Marker> markers(Alert alert, LookupCounts counts) {
    if (alert.getPreviousDomain() == null) {
      return List.of();
    }
    long start = alert.getWindowStart().toEpochMilli();
    long firstLookup = counts.firstHour(alert.getDomain(), start).orElse(start);
    return List.of(new TimelineChart.Marker(firstLookup - alert.getLagSeconds() * 1000,
        alert.getPreviousDomain() + " went dark (to the hour)"));
  }

  private static void facts(StringBuilder page, Alert alert) {
    boolean rename = alert.getPreviousDomain() != null;
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"alert id", alert.getAlertId()});
    rows.add(new String[] {"kind", alert.getKind()});
    String status = alert.getStatus();
    rows.add(new String[] {"status", AlertStatus.CLOSED.label().equals(status) ? status + ": " + alert.getCloseReason() : status});
    if (rename) {
      rows.add(new String[] {"old name", alert.getPreviousDomain()});
      rows.add(new String[] {"new name", alert.getDomain()});
    } else {
      rows.add(new String[] {"name", alert.getDomain()});
    }
    rows.add(new String[] {"window", TIME.format(alert.getWindowStart()) + " .. " + TIME.format(alert.getWindowEnd()) + " UTC"});
    rows.add(new String[] {"severity", String.format(Locale.ROOT, "%s (score %.2f)", alert.getSeverity(), alert.getScore())});
    rows.add(new String[] {"in the window", String.format(Locale.ROOT, "%,d lookups by %,d source(s)", alert.getQueries(), alert.getDistinctSources())});
    rows.add(new String[] {rename ? "old name, before" : "baseline", String.format(Locale.ROOT, "%,d lookups by %,d source(s)",
        alert.getBaselineQueries(), alert.getBaselineSources())});
    if (rename) {
      rows.add(new String[] {"lag", AlertText.human(Duration.ofSeconds(alert.getLagSeconds()))
          + " from the old name going dark to the new name's first lookup"});
      rows.add(new String[] {"first lookup of the new name", Boolean.TRUE.equals(alert.getFirstQuerierShared())
          ? "by one of the old name's sources" : "by another source"});
    }
    if (!alert.getSharedAnswers().isEmpty()) {
      rows.add(new String[] {"shared answers", String.join(", ", alert.getSharedAnswers())});
    }
    page.append("<table class=\"facts\">\n");
    rows.forEach(r -> page.append("<tr><th>").append(Html.escape(r[0])).append("</th><td>").append(Html.escape(r[1])).append("</td></tr>\n"));
    page.append("</table>\n");
  }

  private static void sources(StringBuilder page, Alert alert, List<String> colored) {
    page.append("<h2>").append(alert.getPreviousDomain() == null ? "The few sources" : "Shared sources").append("</h2>\n")
        .append("<table class=\"sources\">\n<tr><th>source</th><th>lookups</th><th>share</th></tr>\n");
    alert.getSources().stream().sorted(Comparator.comparingLong(SourceShare::getQueries).reversed()).forEach(s -> {
      int c = colored.indexOf(s.getSource());
      String colour = c >= 0 ? TimelineChart.PALETTE.get(c) : TimelineChart.OTHERS_COLOUR;
      page.append(String.format(Locale.ROOT, "<tr><td><span class=\"swatch\" style=\"background:%s\"></span>%s</td>"
          + "<td class=\"num\">%,d</td><td class=\"num\">%.1f%%</td></tr>%n", colour, Html.escape(s.getSource()), s.getQueries(),
          s.getShare() * 100));
    });
    page.append("</table>\n");
  }

  /** A bucket width: whole hours below a day, else whole days. */
  private static String bucketWidth(long millis) {
    Duration d = Duration.ofMillis(millis);
    return d.toHours() < 24 ? d.toHours() + (d.toHours() == 1 ? " hour" : " hours") : d.toDays() + (d.toDays() == 1 ? " day" : " days");
  }
}
