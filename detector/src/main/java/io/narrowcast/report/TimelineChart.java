package io.narrowcast.report;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Lookups per source over time for one or more names, as inline SVG: one lane of stacked bars per
 * name, all lanes on one time axis, each named source in its own colour in every lane, the rest in
 * grey. Plain SVG with no script, font or link, so the page that holds it fetches nothing.
 */
final class TimelineChart {
  /** Okabe-Ito colours, told apart with colour blindness too; grey is for the other sources. */
  static final List<String> PALETTE = List.of("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000");
  static final String OTHERS_COLOUR = "#BBBBBB";
  static final String OTHERS = "other sources";
  private static final int WIDTH = 960;
  private static final int LEFT = 64;
  private static final int RIGHT = 16;
  private static final int TOP = 28;
  private static final int LANE_HEIGHT = 150;
  private static final int LANE_GAP = 44;
  private static final int AXIS_HEIGHT = 34;
  private static final int LEGEND_ROW = 20;
  private static final int LEGEND_COLUMN = 180;
  private static final int MAX_TICKS = 10;
  private static final List<Duration> TICK_STEPS = List.of(Duration.ofHours(6), Duration.ofHours(12), Duration.ofDays(1),
      Duration.ofDays(2), Duration.ofDays(7), Duration.ofDays(14), Duration.ofDays(28), Duration.ofDays(91));
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter MINUTE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

  /** One name's lookups, per source, one count per bucket. */
  record Lane(String name, Map<String, long[]> bySource) {}

  /** A shaded stretch of time across all lanes, labelled above the first. */
  record Span(long from, long to, String label, String fill) {}

  /** A moment, drawn as a dashed line across all lanes. */
  record Marker(long at, String label) {}

  private final ReportWindow window;
  private final List<Lane> lanes;
  private final List<String> colored;
  private final List<Span> spans;
  private final List<Marker> markers;
  private final StringBuilder svg = new StringBuilder();

  /**
   * @param colored sources with their own colour, bottom of each stack first (at most the palette's size)
   */
  TimelineChart(ReportWindow window, List<Lane> lanes, List<String> colored, List<Span> spans, List<Marker> markers) {
    if (colored.size() > PALETTE.size()) {
      throw new IllegalArgumentException("at most " + PALETTE.size() + " sources get a colour, not " + colored.size());
    }
    this.window = window;
    this.lanes = List.copyOf(lanes);
    this.colored = List.copyOf(colored);
    this.spans = List.copyOf(spans);
    this.markers = List.copyOf(markers);
  }

  String svg() {
    int lanesBottom = TOP + lanes.size() * (LANE_HEIGHT + LANE_GAP) - LANE_GAP;
    int legendRows = (colored.size() + 1 + legendColumns() - 1) / legendColumns();
    int height = lanesBottom + AXIS_HEIGHT + legendRows * LEGEND_ROW + 8;
    svg.setLength(0);
    svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"timeline\" width=\"%d\" height=\"%d\""
        + " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\" role=\"img\">%n", WIDTH, height, WIDTH, height));
    for (int i = 0; i < lanes.size(); i++) {
      lane(lanes.get(i), TOP + i * (LANE_HEIGHT + LANE_GAP), i == 0);
    }
    for (Marker marker : markers) {
      double x = x(marker.at());
      svg.append(String.format(Locale.ROOT, "<line class=\"marker\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#333\""
          + " stroke-dasharray=\"4 3\"/>%n", x, TOP - 6, x, lanesBottom));
      label(x, x, lanesBottom - 4, marker.label());
    }
    axis(lanesBottom);
    legend(lanesBottom + AXIS_HEIGHT);
    return svg.append("</svg>\n").toString();
  }

  private void lane(Lane lane, int top, boolean first) {
    int bottom = top + LANE_HEIGHT;
    for (Span span : spans) {
      double from = x(Math.max(span.from(), window.from()));
      double to = x(Math.min(span.to(), window.to()));
      svg.append(String.format(Locale.ROOT, "<rect class=\"span\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>%n",
          from, top, Math.max(0, to - from), LANE_HEIGHT, span.fill()));
      if (first) {
        label(from, to, top - 16, span.label());
      }
    }
    long[] totals = new long[window.buckets()];
    lane.bySource().values().forEach(counts -> addInto(totals, counts));
    long max = niceCeiling(Arrays.stream(totals).max().orElse(0));
    long all = Arrays.stream(totals).sum();
    text(LEFT, top - 4, lane.name() + "  (" + String.format(Locale.ROOT, "%,d", all) + " lookups)", "start", "#000");
    svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#999\"/>%n", LEFT, top, LEFT, bottom));
    svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#999\"/>%n", LEFT, bottom, WIDTH - RIGHT, bottom));
    text(LEFT - 4, top + 10, String.format(Locale.ROOT, "%,d", max), "end", "#555");
    text(LEFT - 4, bottom, "0", "end", "#555");
    bars(lane, bottom, max);
  }

  /** One stacked bar per bucket: the coloured sources from the bottom, then the others. */
  private void bars(Lane lane, int bottom, long max) {
    long[] others = new long[window.buckets()];
    lane.bySource().forEach((source, counts) -> {
      if (!colored.contains(source)) {
        addInto(others, counts);
      }
    });
    double barWidth = Math.max(1.0, (double) (WIDTH - LEFT - RIGHT) / window.buckets() - 0.5);
    double[] stacked = new double[window.buckets()];
    for (int c = 0; c <= colored.size(); c++) {
      boolean rest = c == colored.size();
      long[] counts = rest ? others : lane.bySource().get(colored.get(c));
      if (counts == null) {
        continue;
      }
      String name = rest ? OTHERS : colored.get(c);
      String fill = rest ? OTHERS_COLOUR : PALETTE.get(c);
      for (int b = 0; b < counts.length; b++) {
        if (counts[b] == 0) {
          continue;
        }
        double h = (double) counts[b] / max * LANE_HEIGHT;
        long start = window.from() + b * window.bucketMs();
        svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\">"
                + "<title>%s by %s, %s: %d lookups</title></rect>%n",
            x(start), bottom - stacked[b] - h, barWidth, h, fill, Html.escape(lane.name()), Html.escape(name),
            MINUTE.format(Instant.ofEpochMilli(start)), counts[b]));
        stacked[b] += h;
      }
    }
  }

  private void axis(int y) {
    long step = TICK_STEPS.stream().mapToLong(Duration::toMillis)
        .filter(s -> (window.to() - window.from()) / s <= MAX_TICKS).findFirst().orElse(TICK_STEPS.get(TICK_STEPS.size() - 1).toMillis());
    DateTimeFormatter format = step < Duration.ofDays(1).toMillis() ? HOUR : DAY;
    for (long t = Math.floorDiv(window.from() + step - 1, step) * step; t <= window.to(); t += step) {
      double x = x(t);
      svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#999\"/>%n", x, y, x, y + 5));
      text(x, y + 17, format.format(Instant.ofEpochMilli(t)), "middle", "#333");
    }
    text(WIDTH - RIGHT, y + 30, "UTC", "end", "#555");
  }

  private void legend(int top) {
    for (int c = 0; c <= colored.size(); c++) {
      int x = LEFT + (c % legendColumns()) * LEGEND_COLUMN;
      int y = top + (c / legendColumns()) * LEGEND_ROW;
      String fill = c == colored.size() ? OTHERS_COLOUR : PALETTE.get(c);
      svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>%n", x, y, fill));
      text(x + 17, y + 10, c == colored.size() ? OTHERS : colored.get(c), "start", "#000");
    }
  }

  private int legendColumns() {
    return (WIDTH - LEFT - RIGHT) / LEGEND_COLUMN;
  }

  /** A label beside [from, to]: to the right of from, or to the left of to near the right edge. */
  private void label(double from, double to, double y, String text) {
    boolean rightHalf = from > LEFT + (WIDTH - LEFT - RIGHT) * 0.6;
    text(rightHalf ? to - 3 : from + 3, y, text, rightHalf ? "end" : "start", "#555");
  }

  private void text(double x, double y, String text, String anchor, String fill) {
    svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" fill=\"%s\">%s</text>%n",
        x, y, anchor, fill, Html.escape(text)));
  }

  private double x(long time) {
    return LEFT + (double) (time - window.from()) / (window.to() - window.from()) * (WIDTH - LEFT - RIGHT);
  }

  /** 1, 2 or 5 times a power of ten, at least {@code value} and at least 1. */
  static long niceCeiling(long value) {
    long power = 1;
    while (true) {
      for (long m : new long[] {1, 2, 5}) {
        if (m * power >= value) {
          return m * power;
        }
      }
      power *= 10;
    }
  }

  private static void addInto(long[] into, long[] counts) {
    for (int b = 0; b < into.length; b++) {
      into[b] += counts[b];
    }
  }
}
