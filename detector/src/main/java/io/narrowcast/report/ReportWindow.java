package io.narrowcast.report;

import io.narrowcast.alert.AlertKind;
import io.narrowcast.avro.Alert;
import io.narrowcast.config.DetectionConfig;
import java.time.Duration;
import java.util.List;

/**
 * The stretch of time a report shows, cut into buckets: for a collapse the baseline windows, the
 * alert's windows and one window after; for a rename the same reach back from when the old name went
 * dark, through the new name's first window and one window after.
 *
 * @param from start of the first bucket (epoch milliseconds, on a window and an hour boundary)
 * @param bucketMs width of a bucket, a whole number of hours
 * @param buckets how many
 * @param baselineFrom start of the baseline (collapse) or of the old name's recent past (rename)
 */
public record ReportWindow(long from, long bucketMs, int buckets, long baselineFrom) {
  /** Bucket widths to choose from, finest first. */
  static final List<Duration> WIDTHS = List.of(Duration.ofHours(1), Duration.ofHours(3), Duration.ofHours(6),
      Duration.ofHours(12), Duration.ofDays(1), Duration.ofDays(7));
  /** Most buckets in a chart: enough for office hours over three weeks, few enough for a bar each. */
  static final int MAX_BUCKETS = 200;

  public static ReportWindow of(Alert alert, DetectionConfig config) {
    long start = alert.getWindowStart().toEpochMilli();
    long baseline = config.window().multipliedBy(config.baselineWindows()).toMillis();
    // a rename looks back from when the old name went dark: at the latest the lag before the new window
    long lookBackFrom = AlertKind.RENAME_FOLLOW.name().equals(alert.getKind()) ? start - alert.getLagSeconds() * 1000 : start;
    long baselineFrom = config.windowStart(lookBackFrom) - baseline;
    long from = Math.floorDiv(baselineFrom, LookupCounts.HOUR_MS) * LookupCounts.HOUR_MS;
    long to = alert.getWindowEnd().toEpochMilli() + config.windowMs();
    long width = WIDTHS.stream().mapToLong(Duration::toMillis)
        .filter(w -> (to - from + w - 1) / w <= MAX_BUCKETS).findFirst().orElse(WIDTHS.get(WIDTHS.size() - 1).toMillis());
    return new ReportWindow(from, width, (int) ((to - from + width - 1) / width), baselineFrom);
  }

  /** End of the last bucket. */
  public long to() {
    return from + bucketMs * buckets;
  }
}
