package io.narrowcast.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.narrowcast.config.DetectionConfig.DomainGranularity;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 20, item 5: the alert stream is a function of the input, not of how it is spread. The
 * {@link Workload} replayed on 1 and on 4 partitions, by name and by registered domain, gives the
 * same messages on both alert topics (keys, values and record timestamps) and no late lookup.
 */
@Tag("reliability")
class PartitionIndependenceIT {
  @ParameterizedTest
  @EnumSource(DomainGranularity.class)
  void oneAndFourPartitionsSendTheSameAlertsAtTheSameTimes(DomainGranularity granularity) throws Exception {
    Uninterrupted.Run one = Uninterrupted.run(1, granularity);
    Uninterrupted.Run four = Uninterrupted.run(4, granularity);

    assertThat(one.late()).as("late on 1 partition").isZero();
    assertThat(four.late()).as("late on 4 partitions").isZero();
    assertThat(one.alerts().counts()).as("collapses and renames open and close").containsKeys(
        "QUERIER_COLLAPSE new", "QUERIER_COLLAPSE closed", "RENAME_FOLLOW new", "RENAME_FOLLOW closed");
    four.alerts().assertSameAs(one.alerts());
  }
}
