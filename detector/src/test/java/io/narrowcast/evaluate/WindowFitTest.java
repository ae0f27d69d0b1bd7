package io.narrowcast.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.narrowcast.config.DetectionConfig;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WindowFitTest {
  @Test
  void theWindowIsTheLongestRoundLengthTheStretchHoldsTwentyTimes() {
    assertThat(WindowFit.choose(Duration.ofMinutes(23).plusSeconds(27))).isEqualTo(Duration.ofMinutes(1));
    assertThat(WindowFit.choose(Duration.ofMinutes(20))).isEqualTo(Duration.ofMinutes(1));
    assertThat(WindowFit.choose(Duration.ofMinutes(20).minusSeconds(1))).isEqualTo(Duration.ofSeconds(30));
    assertThat(WindowFit.choose(Duration.ofHours(24))).isEqualTo(Duration.ofHours(1));
    assertThat(WindowFit.choose(Duration.ofDays(7).plusHours(3))).isEqualTo(Duration.ofHours(6));
    assertThat(WindowFit.choose(Duration.ofSeconds(252))).isEqualTo(Duration.ofSeconds(10));
    assertThat(WindowFit.choose(Duration.ofDays(200))).isEqualTo(Duration.ofDays(1));
  }

  @Test
  void aStretchShorterThanTwentyOfTheShortestWindowsIsAMistake() {
    assertThatThrownBy(() -> WindowFit.choose(Duration.ofSeconds(199))).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the log's busiest stretch lasts 199s, too short for 20 windows of 10s: give a log of at least 200s of "
            + "traffic, or a --window");
  }

  @Test
  void theOtherDurationsFollowTheWindowAsTheDefaultsFollowADay() {
    WindowFit fit = WindowFit.of(Duration.ofMinutes(23), DetectionConfig.defaults(), Set.of());
    DetectionConfig config = fit.config();
    assertThat(fit.windowChosen()).isTrue();
    assertThat(config.window()).isEqualTo(Duration.ofMinutes(1));
    assertThat(config.grace()).as("the least default grace").isEqualTo(Duration.ofMinutes(1));
    assertThat(config.darkAfter()).isEqualTo(Duration.ofMinutes(3));
    assertThat(config.renameMaxLag()).isEqualTo(Duration.ofMinutes(7));
    assertThat(config.newNameLookback()).as("a quarter of 23 windows").isEqualTo(Duration.ofMinutes(5));
    assertThat(config.lifecycleTtl()).isEqualTo(Duration.ofMinutes(10));
    assertThat(fit.derived()).containsExactly("grace 1m", "dark-after 3m", "rename-max-lag 7m", "new-name-lookback 5m",
        "lifecycle-ttl 10m");
    assertThat(config.baselineWindows()).isEqualTo(14);
  }

  @Test
  void aLongLogKeepsTheDefaultsOfADay() {
    DetectionConfig config = WindowFit.of(Duration.ofDays(400), DetectionConfig.defaults(), Set.of()).config();
    assertThat(config).isEqualTo(DetectionConfig.defaults());
  }

  @Test
  void whatTheUserGaveStays() {
    DetectionConfig settings = DetectionConfig.defaults().toBuilder().window(Duration.ofMinutes(2)).darkAfter(Duration.ofMinutes(9))
        .build();
    WindowFit fit = WindowFit.of(Duration.ofHours(1), settings, Set.of(WindowFit.WINDOW, WindowFit.DARK_AFTER));
    assertThat(fit.windowChosen()).isFalse();
    assertThat(fit.config().window()).isEqualTo(Duration.ofMinutes(2));
    assertThat(fit.config().darkAfter()).isEqualTo(Duration.ofMinutes(9));
    // 30 windows of 2m: a lookback of 7 windows; the time-to-live twice the longer of it and dark-after
    assertThat(fit.derived()).containsExactly("grace 1m", "rename-max-lag 14m", "new-name-lookback 14m", "lifecycle-ttl 28m");
  }
}
