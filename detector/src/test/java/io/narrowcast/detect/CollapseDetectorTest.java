package io.narrowcast.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.narrowcast.config.DetectionConfig;
import io.narrowcast.state.Outcome;
import io.narrowcast.state.QuerierSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The baseline of a collapse is what came before the name turned narrow. */
class CollapseDetectorTest {
  final CollapseDetector detector = new CollapseDetector(DetectionConfig.defaults());

  static QuerierSet window(int oneOffs, int fewLookups, int day) {
    QuerierSet set = new QuerierSet(64);
    for (int i = 0; i < oneOffs; i++) {
      set.add("203.0." + day + "." + i, day, Outcome.ANSWERED, List.of());
    }
    for (int i = 0; i < fewLookups; i++) {
      set.add("198.51.100." + (i % 3), day, Outcome.ANSWERED, List.of());
    }
    return set;
  }

  @Test
  void narrowWindowsRightBeforeTheCurrentOneAreNotPartOfItsBaseline() {
    List<QuerierSet> previous = new ArrayList<>();
    for (int day = 0; day < 12; day++) {
      previous.add(window(12, 0, day));        // broad: 12 one-off sources a day
    }
    previous.add(window(0, 1_000, 12));        // the few, already busy for two days
    previous.add(window(0, 1_000, 13));
    var collapse = detector.evaluate(window(0, 30, 14), previous);
    assertThat(collapse).get().satisfies(c -> {
      assertThat(c.baselineSources()).isEqualTo(144);
      assertThat(c.baselineShare()).isZero(); // counted over days 0-11 only; with days 12-13 it would be 0.93
    });
  }

  @Test
  void withFewerThanTheMinimumBaselineWindowsBeforeTheStreakThereIsNoCollapse() {
    List<QuerierSet> previous = new ArrayList<>();
    previous.add(window(12, 0, 0));
    previous.add(window(12, 0, 1));
    for (int day = 2; day < 14; day++) {
      previous.add(window(0, 20, day));
    }
    assertThat(detector.evaluate(window(0, 30, 14), previous)).isEmpty();
  }
}
