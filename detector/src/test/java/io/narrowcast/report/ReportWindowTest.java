package io.narrowcast.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.narrowcast.alert.AlertFixtures;
import io.narrowcast.config.DetectionConfig;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReportWindowTest {
  static long at(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }

  @Test
  void aNewCollapseShowsItsFourteenBaselineDaysItsDayAndTheNextInThreeHourBuckets() {
    ReportWindow window = ReportWindow.of(AlertFixtures.collapseOpened(), DetectionConfig.defaults());
    assertThat(window.baselineFrom()).isEqualTo(at("2016-04-20T00:00:00Z"));
    assertThat(window.from()).isEqualTo(at("2016-04-20T00:00:00Z"));
    assertThat(window.to()).isEqualTo(at("2016-05-06T00:00:00Z"));
    assertThat(window.bucketMs()).isEqualTo(Duration.ofHours(3).toMillis()); // 16 days: 384 hours are too many bars
    assertThat(window.buckets()).isEqualTo(128);
  }

  @Test
  void aCollapseClosedMonthsLaterIsShownInDays() {
    ReportWindow window = ReportWindow.of(AlertFixtures.collapseClosed(), DetectionConfig.defaults());
    assertThat(window.to()).isEqualTo(at("2016-09-24T00:00:00Z"));
    assertThat(window.bucketMs()).isEqualTo(Duration.ofDays(1).toMillis());
    assertThat(window.buckets()).isEqualTo(157);
  }

  @Test
  void aRenameLooksBackFromWhenTheOldNameWentDark() {
    // the new name's window starts 2016-09-27; 3d 18h 39m before that is 2016-09-23 05:20
    ReportWindow window = ReportWindow.of(AlertFixtures.rename(), DetectionConfig.defaults());
    assertThat(window.baselineFrom()).isEqualTo(at("2016-09-09T00:00:00Z"));
    assertThat(window.to()).isEqualTo(at("2016-09-29T00:00:00Z"));
    assertThat(window.bucketMs()).isEqualTo(Duration.ofHours(3).toMillis());
    assertThat(window.buckets()).isEqualTo(160);
  }
}
