package io.narrowcast.evaluate;

import io.narrowcast.alert.AlertKind;
import io.narrowcast.alert.AlertStatus;
import io.narrowcast.avro.Alert;
import io.narrowcast.simulate.ExpectedAlert;
import io.narrowcast.simulate.LookAlike;
import io.narrowcast.simulate.Scenario;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Precision and recall per alert kind over labelled scenarios. Each alert counts once, by its first
 * ({@code new}) message. An alert is a true positive when a label of its kind names its domain (and,
 * for a rename, its previous domain) and its window starts within the label's range; the label is
 * then found. Any other alert is a false alarm, attributed to a look-alike class when it matches one.
 */
public final class Evaluation {
  private final Map<AlertKind, Tally> tallies = new EnumMap<>(AlertKind.class);

  public Evaluation() {
    for (AlertKind kind : AlertKind.values()) {
      tallies.put(kind, new Tally());
    }
  }

  /** Adds one scenario's alerts (every message, in order) to the tally. */
  public void add(Scenario scenario, List<Alert> messages) {
    Set<ExpectedAlert> found = new HashSet<>();
    for (Alert alert : messages) {
      if (!AlertStatus.NEW.label().equals(alert.getStatus())) {
        continue;
      }
      Tally tally = tallies.get(AlertKind.valueOf(alert.getKind()));
      tally.alerts++;
      ExpectedAlert label = scenario.labels().stream().filter(l -> matches(l, alert)).findFirst().orElse(null);
      if (label != null && found.add(label)) {
        tally.truePositives++;
      } else {
        tally.falseAlarms.add(new FalseAlarm(scenario.name(), alert, label != null ? "duplicate" : why(scenario, alert)));
      }
    }
    for (ExpectedAlert label : scenario.labels()) {
      Tally tally = tallies.get(label.kind());
      tally.expected++;
      if (!found.contains(label)) {
        tally.misses.add(new Miss(scenario.name(), label));
      }
    }
  }

  static boolean matches(ExpectedAlert label, Alert alert) {
    return label.kind().name().equals(alert.getKind())
        && label.domain().equals(alert.getDomain())
        && Objects.equals(label.previousDomain(), alert.getPreviousDomain())
        && label.allows(alert.getWindowStart());
  }

  private static String why(Scenario scenario, Alert alert) {
    return scenario.lookAlikes().stream()
        .filter(lookAlike -> lookAlike.matches(alert.getDomain())
            || alert.getPreviousDomain() != null && lookAlike.matches(alert.getPreviousDomain()))
        .map(LookAlike::lookAlikeClass).findFirst().orElse("background");
  }

  public Score score(AlertKind kind) {
    Tally tally = tallies.get(kind);
    return new Score(kind, tally.expected, tally.truePositives, tally.alerts, List.copyOf(tally.misses),
        List.copyOf(tally.falseAlarms));
  }

  /**
   * One kind's result.
   *
   * @param expected labelled anomalies
   * @param truePositives alerts that found one
   * @param alerts all alerts of the kind
   */
  public record Score(AlertKind kind, int expected, int truePositives, int alerts, List<Miss> misses,
      List<FalseAlarm> falseAlarms) {
    /** Found / expected; 1 when nothing was expected. */
    public double recall() {
      return expected == 0 ? 1.0 : (double) (expected - misses.size()) / expected;
    }

    /** True positives / alerts; 1 when nothing fired. */
    public double precision() {
      return alerts == 0 ? 1.0 : (double) truePositives / alerts;
    }
  }

  private static final class Tally {
    int expected;
    int truePositives;
    int alerts;
    final List<Miss> misses = new ArrayList<>();
    final List<FalseAlarm> falseAlarms = new ArrayList<>();
  }
}
