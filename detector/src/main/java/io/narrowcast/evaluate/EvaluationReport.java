package io.narrowcast.evaluate;

import io.narrowcast.alert.AlertKind;
import io.narrowcast.alert.AlertText;
import io.narrowcast.avro.Alert;
import io.narrowcast.simulate.ExpectedAlert;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** An evaluation as lines of text: the table per alert kind, the misses, and the false alarms with their evidence. */
public final class EvaluationReport {
  private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

  private EvaluationReport() {}

  /** Per alert kind: labelled anomalies, how many were found, alerts, recall and precision. */
  public static List<String> table(Evaluation evaluation) {
    List<String> out = new ArrayList<>();
    out.add(String.format("%-18s %9s %6s %7s %8s %10s", "kind", "expected", "found", "alerts", "recall", "precision"));
    for (AlertKind kind : AlertKind.values()) {
      Evaluation.Score score = evaluation.score(kind);
      out.add(String.format(Locale.ROOT, "%-18s %9d %6d %7d %8.3f %10.3f", kind, score.expected(),
          score.expected() - score.misses().size(), score.alerts(), score.recall(), score.precision()));
    }
    return out;
  }

  /** Each labelled anomaly no alert found, or "none". */
  public static List<String> misses(Evaluation evaluation) {
    List<String> out = new ArrayList<>();
    for (AlertKind kind : AlertKind.values()) {
      for (Miss miss : evaluation.score(kind).misses()) {
        ExpectedAlert label = miss.label();
        out.add(String.format("  [%s] %s %s%s, expected a window starting %s .. %s", miss.scenario(), label.kind(),
            label.domain(), label.previousDomain() == null ? "" : " (after " + label.previousDomain() + ")",
            time(label.from()), time(label.until())));
      }
    }
    return out.isEmpty() ? List.of("  none") : out;
  }

  /**
   * Each false alarm: where it fired and the class it fell in, its kind and name(s), score, and the
   * facts of its first message (sources and shares, the baseline or the old name, the lag).
   */
  public static List<String> falseAlarms(Evaluation evaluation) {
    List<String> out = new ArrayList<>();
    for (AlertKind kind : AlertKind.values()) {
      for (FalseAlarm alarm : evaluation.score(kind).falseAlarms()) {
        Alert alert = alarm.alert();
        out.add(String.format(Locale.ROOT, "  [%s] %s: %s, score %.2f (%s)", alarm.scenario(), alarm.why(),
            AlertText.title(alert), alert.getScore(), alert.getSeverity()));
        out.add("    " + AlertText.describe(alert));
      }
    }
    return out.isEmpty() ? List.of("  none") : out;
  }

  /** A time as precisely as it needs: a date at midnight, else to the minute, else to the second (UTC). */
  static String time(Instant time) {
    LocalTime clock = time.atOffset(ZoneOffset.UTC).toLocalTime();
    if (clock.equals(LocalTime.MIDNIGHT)) {
      return time.atOffset(ZoneOffset.UTC).toLocalDate().toString();
    }
    return (clock.getSecond() == 0 && clock.getNano() == 0 ? MINUTE : SECOND).format(time);
  }
}
