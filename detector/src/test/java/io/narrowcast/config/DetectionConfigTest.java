package io.narrowcast.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The durations of the name lifecycle follow the window unless they are set. */
class DetectionConfigTest {
  @Test
  void atDailyWindowsTheDefaultsAreThoseOfTheDesign() {
    DetectionConfig config = DetectionConfig.defaults();
    assertThat(config.grace()).isEqualTo(Duration.ofMinutes(10));
    assertThat(config.newNameLookback()).isEqualTo(Duration.ofDays(30));
    assertThat(config.darkAfter()).isEqualTo(Duration.ofDays(3));
    assertThat(config.renameMaxLag()).isEqualTo(Duration.ofDays(7));
    assertThat(config.lifecycleTtl()).isEqualTo(Duration.ofDays(60));
  }

  @Test
  void unsetDurationsAreTheSameMultiplesOfAnyOtherWindow() {
    DetectionConfig config = DetectionConfig.builder().window(Duration.ofDays(2)).build();
    assertThat(config.grace()).isEqualTo(Duration.ofMinutes(20));
    assertThat(config.newNameLookback()).isEqualTo(Duration.ofDays(60));
    assertThat(config.darkAfter()).isEqualTo(Duration.ofDays(6));
    assertThat(config.renameMaxLag()).isEqualTo(Duration.ofDays(14));
    assertThat(config.lifecycleTtl()).isEqualTo(Duration.ofDays(120));
  }

  @Test
  void theGraceIsAtLeastAMinuteHoweverShortTheWindow() {
    // a 144th of 2h24m is exactly a minute; of an hour it would be 25 s
    assertThat(DetectionConfig.builder().window(Duration.ofMinutes(144)).build().grace()).isEqualTo(Duration.ofMinutes(1));
    assertThat(DetectionConfig.builder().window(Duration.ofMinutes(145)).build().grace())
        .isEqualTo(Duration.ofMinutes(145).dividedBy(144));
    DetectionConfig minutes = DetectionConfig.builder().window(Duration.ofMinutes(1)).build();
    assertThat(minutes.grace()).isEqualTo(Duration.ofMinutes(1));
    assertThat(minutes.newNameLookback()).isEqualTo(Duration.ofMinutes(30));
    assertThat(minutes.darkAfter()).isEqualTo(Duration.ofMinutes(3));
    assertThat(minutes.renameMaxLag()).isEqualTo(Duration.ofMinutes(7));
    assertThat(minutes.lifecycleTtl()).isEqualTo(Duration.ofMinutes(60));
  }

  @Test
  void theTtlFollowsALookbackOrDarkAfterThatIsSet() {
    DetectionConfig lookback = DetectionConfig.builder().window(Duration.ofHours(1)).newNameLookback(Duration.ofHours(3)).build();
    assertThat(lookback.darkAfter()).isEqualTo(Duration.ofHours(3));
    assertThat(lookback.lifecycleTtl()).isEqualTo(Duration.ofHours(6));
    DetectionConfig dark = DetectionConfig.builder().window(Duration.ofHours(1)).darkAfter(Duration.ofHours(40)).build();
    assertThat(dark.newNameLookback()).isEqualTo(Duration.ofHours(30));
    assertThat(dark.lifecycleTtl()).isEqualTo(Duration.ofHours(80));
  }

  @Test
  void setDurationsWinAndAreStillChecked() {
    DetectionConfig config = DetectionConfig.builder().window(Duration.ofMinutes(1)).grace(Duration.ZERO)
        .renameMaxLag(Duration.ofDays(7)).lifecycleTtl(Duration.ofDays(1)).build();
    assertThat(config.grace()).isEqualTo(Duration.ZERO);
    assertThat(config.renameMaxLag()).isEqualTo(Duration.ofDays(7));
    assertThat(config.lifecycleTtl()).isEqualTo(Duration.ofDays(1));
    assertThatThrownBy(() -> DetectionConfig.builder().window(Duration.ofHours(1)).lifecycleTtl(Duration.ofHours(29)).build())
        .hasMessage("lifecycle-ttl (29h) must be at least new-name-lookback (30h) and dark-after (3h): "
            + "a name must be remembered while it matters");
  }
}
