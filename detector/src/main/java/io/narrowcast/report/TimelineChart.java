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
 * grey; below them, when asked, a lane per name with its lookups and distinct sources per detector
 * window as two step lines on a log scale, so that many sources giving way to a few is seen at a
 * glance. Plain SVG with no script, font or link, so the page that holds it fetches nothing.
 */
final class TimelineChart {
  /**
   * Okabe-Ito's colours, told apart with colour blindness too, then Paul Tol's muted ones: as many as an
   * alert lists sources, none of them the grey of the other sources.
   */
  static final List<String> PALETTE = List.of("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000",
      "#CC6677", "#332288", "#DDCC77", "#117733", "#88CCEE", "#882255", "#44AA99", "#999933", "#AA4499");
  static final String OTHERS_COLOUR = "#BBBBBB";
  static final String OTHERS = "other sources";
  static final String SOURCES_LINE = "distinct sources per window";
  static final String LOOKUPS_LINE = "lookups per window";
  private static final String SOURCES_STROKE = "#000000";
  private static final String LOOKUPS_STROKE = "#777777";
  private static final String LOOKUPS_DASH = "5 3";
  private static final int COUNT_LANE_HEIGHT = 110;
  /** Decades below 1 that the log scale reaches down to: 1 is drawn that far above the axis. */
  private static final double LOG_FLOOR = 0.3;
  private static final int WIDTH = 960;
  private static final int LEFT = 64;
  private static final int RIGHT = 16;
  private static final int TOP = 40;
  private static final int LABEL_ROW = 12;
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
  private final List<LookupCounts.WindowSeries> perWindow;
  private final StringBuilder svg = new StringBuilder();

  /**
   * @param colored sources with their own colour, bottom of each stack first (at most the palette's size)
   * @param perWindow names whose lookups and distinct sources per window get a lane of their own, below the bars
   */
  TimelineChart(ReportWindow window, List<Lane> lanes, List<String> colored, List<Span> spans, List<Marker> markers,
      List<LookupCounts.WindowSeries> perWindow) {
    if (colored.size() > PALETTE.size()) {
      throw new IllegalArgumentException("at most " + PALETTE.size() + " sources get a colour, not " + colored.size());
    }
    this.window = window;
    this.lanes = List.copyOf(lanes);
    this.colored = List.copyOf(colored);
    this.spans = List.copyOf(spans);
    this.markers = List.copyOf(markers);
    this.perWindow = List.copyOf(perWindow);
  }

  String svg() {
    int barsBottom = TOP + lanes.size() * (LANE_HEIGHT + LANE_GAP) - LANE_GAP;
    int lanesBottom = barsBottom + perWindow.size() * (LANE_GAP + COUNT_LANE_HEIGHT);
    int legendRows = (legendEntries() + legendColumns() - 1) / legendColumns();
    int height = lanesBottom + AXIS_HEIGHT + legendRows * LEGEND_ROW + 8;
    svg.setLength(0);
    svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"timeline\" width=\"%d\" height=\"%d\""
        + " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\" role=\"img\">%n", WIDTH, height, WIDTH, height));
    for (int i = 0; i < lanes.size(); i++) {
      lane(lanes.get(i), TOP + i * (LANE_HEIGHT + LANE_GAP), i == 0);
    }
    for (int i = 0; i < perWindow.size(); i++) {
      countLane(perWindow.get(i), barsBottom + LANE_GAP + i * (COUNT_LANE_HEIGHT + LANE_GAP));
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
    shade(top, LANE_HEIGHT, first);
    long[] totals = new long[window.buckets()];
    lane.bySource().values().forEach(counts -> addInto(totals, counts));
    long max = niceCeiling(Arrays.stream(totals).max().orElse(0));
    long all = Arrays.stream(totals).sum();
    text(LEFT, top - 4, lane.name() + "  (" + String.format(Locale.ROOT, "%,d", all) + " lookups)", "start", "#000");
    frame(top, bottom);
    text(LEFT - 4, top + 10, String.format(Locale.ROOT, "%,d", max), "end", "#555");
    text(LEFT - 4, bottom, "0", "end", "#555");
    bars(lane, bottom, max);
  }

  /** The spans across a lane, labelled above it when it is the first, the last span's label nearest (a narrow span's label runs on). */
  private void shade(int top, int height, boolean first) {
    for (int i = 0; i < spans.size(); i++) {
      Span span = spans.get(i);
      double from = x(Math.max(span.from(), window.from()));
      double to = x(Math.min(span.to(), window.to()));
      svg.append(String.format(Locale.ROOT, "<rect class=\"span\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>%n",
          from, top, Math.max(0, to - from), height, span.fill()));
      if (first) {
        label(from, to, top - 16 - (spans.size() - 1 - i) * LABEL_ROW, span.label());
      }
    }
  }

  private void frame(int top, int bottom) {
    svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#999\"/>%n", LEFT, top, LEFT, bottom));
    svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#999\"/>%n", LEFT, bottom, WIDTH - RIGHT, bottom));
  }

  /**
   * A name's lookups and distinct sources per window, a step each window, on a log scale: a baseline of
   * one lookup by each of many sources and a window of many lookups by three sources are both in view.
   */
  private void countLane(LookupCounts.WindowSeries series, int top) {
    int bottom = top + COUNT_LANE_HEIGHT;
    shade(top, COUNT_LANE_HEIGHT, false);
    text(LEFT, top - 4, series.name() + ": " + LOOKUPS_LINE + " and " + SOURCES_LINE + " (log scale)", "start", "#000");
    frame(top, bottom);
    long ceiling = 10;
    while (ceiling < Arrays.stream(series.lookups()).max().orElse(0)) {
      ceiling *= 10;
    }
    for (long tick = 1; tick <= ceiling; tick *= 10) {
      double y = logY(tick, ceiling, bottom);
      text(LEFT - 4, y + 4, String.format(Locale.ROOT, "%,d", tick), "end", "#555");
      svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#DDD\"/>%n",
          LEFT, y, WIDTH - RIGHT, y));
    }
    steps(series, series.lookups(), "lookups", ceiling, bottom, LOOKUPS_STROKE, LOOKUPS_DASH);
    steps(series, series.sources(), "sources", ceiling, bottom, SOURCES_STROKE, null);
  }

  /** One horizontal stroke per window with a count, titled with the window and the count. */
  private void steps(LookupCounts.WindowSeries series, long[] values, String what, long ceiling, int bottom, String stroke,
      String dash) {
    for (int w = 0; w < values.length; w++) {
      long start = series.from() + w * series.windowMs();
      if (values[w] == 0 || start + series.windowMs() <= window.from() || start >= window.to()) {
        continue;
      }
      double y = logY(values[w], ceiling, bottom);
      svg.append(String.format(Locale.ROOT, "<line class=\"%s\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\""
              + " stroke-width=\"2.5\"%s><title>%s, window from %s: %d %s</title></line>%n",
          what, x(Math.max(start, window.from())), y, x(Math.min(start + series.windowMs(), window.to())), y, stroke,
          dash == null ? "" : " stroke-dasharray=\"" + dash + "\"", Html.escape(series.name()),
          MINUTE.format(Instant.ofEpochMilli(start)), values[w], what));
    }
  }

  /** Height of {@code value} (at least 1) on a log scale up to {@code ceiling}, 1 a little above the axis to be seen. */
  private static double logY(long value, long ceiling, int bottom) {
    return bottom - (Math.log10(value) + LOG_FLOOR) / (Math.log10(ceiling) + LOG_FLOOR) * COUNT_LANE_HEIGHT;
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

  /** A swatch for each coloured source and the others; a stroke for each line of the count lanes. */
  private void legend(int top) {
    for (int c = 0; c < legendEntries(); c++) {
      int x = LEFT + (c % legendColumns()) * LEGEND_COLUMN;
      int y = top + (c / legendColumns()) * LEGEND_ROW;
      if (c <= colored.size()) {
        String fill = c == colored.size() ? OTHERS_COLOUR : PALETTE.get(c);
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>%n", x, y, fill));
        text(x + 17, y + 10, c == colored.size() ? OTHERS : colored.get(c), "start", "#000");
      } else {
        boolean sources = c == colored.size() + 1;
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2.5\"%s/>%n",
            x, y + 6, x + 12, y + 6, sources ? SOURCES_STROKE : LOOKUPS_STROKE,
            sources ? "" : " stroke-dasharray=\"" + LOOKUPS_DASH + "\""));
        text(x + 17, y + 10, sources ? SOURCES_LINE : LOOKUPS_LINE, "start", "#000");
      }
    }
  }

  private int legendEntries() {
    return colored.size() + 1 + (perWindow.isEmpty() ? 0 : 2);
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
