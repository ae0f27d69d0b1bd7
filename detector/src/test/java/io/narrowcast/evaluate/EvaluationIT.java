package io.narrowcast.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import io.narrowcast.alert.AlertKind;
import io.narrowcast.avro.Alert;
import io.narrowcast.config.DetectionConfig;
import io.narrowcast.replay.Replay;
import io.narrowcast.simulate.BackgroundOptions;
import io.narrowcast.simulate.InjectedScenario;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Detection quality as a test: the injected scenario (12 collapses, 10 renames, 10 classes of benign
 * look-alikes) replayed at default settings, with less background than `evaluate` for speed.
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
}
