package io.narrowcast.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import io.narrowcast.alert.AlertKind;
import io.narrowcast.avro.Alert;
import io.narrowcast.config.DetectionConfig;
import io.narrowcast.replay.GoldenAlerts;
import io.narrowcast.replay.Replay;
import io.narrowcast.simulate.BackgroundOptions;
import io.narrowcast.simulate.InjectedScenario;
import io.narrowcast.simulate.Scenarios;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Detection quality as a test: the injected scenario (12 collapses, 10 renames, 10 classes of benign
 * look-alikes) replayed at default settings, with less background than `evaluate` for speed. And what
 * `evaluate` replays at seeds 1 and 5 sends the alert messages recorded in golden-alerts.
 */
class EvaluationIT {
  @Test
  void everyInjectedAnomalyIsFoundAndNoLookAlikeAlerts() throws Exception {
    InjectedScenario scenario = new InjectedScenario(11, new BackgroundOptions(600, 1_000, 800));
    List<Alert> messages = new ArrayList<>();
    Replay.scenario(scenario, DetectionConfig.defaults(), 2, messages::add, null);

    Evaluation evaluation = new Evaluation();
    evaluation.add(scenario, messages);
    for (AlertKind kind : AlertKind.values()) {
      Evaluation.Score score = evaluation.score(kind);
      assertThat(score.expected()).as("%s labels", kind).isGreaterThanOrEqualTo(10);
      assertThat(score.misses()).as("%s misses", kind).isEmpty();
      assertThat(score.precision()).as("%s precision; false alarms %s", kind, score.falseAlarms()).isGreaterThanOrEqualTo(0.95);
    }
  }

  static Stream<Arguments> evaluateReplays() {
    return Stream.of(1L, 5L).flatMap(seed -> Scenarios.NAMES.stream().map(name -> Arguments.of(seed, name)));
  }

  /**
   * Each replay of {@code evaluate --seed N} at its defaults (EvaluateCommand: the default background,
   * default detection settings, one partition) against golden-alerts/evaluate-seed-N-SCENARIO.txt. The
   * demo replays alfa at seed 1 so too: DemoIT holds what it prints to the same file.
   */
  @ParameterizedTest(name = "evaluate --seed {0}: {1}")
  @MethodSource("evaluateReplays")
  void evaluateSendsTheRecordedAlerts(long seed, String scenario) throws Exception {
    var result = Replay.scenario(Scenarios.byName(scenario, seed, BackgroundOptions.DEFAULT), DetectionConfig.defaults(), 1,
        alert -> { }, null);

    GoldenAlerts.assertMatches("evaluate-seed-" + seed + "-" + scenario, result.messages());
  }
}
