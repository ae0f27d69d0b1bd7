package io.narrowcast.topology;

import io.narrowcast.normalize.TimeRange;
import io.narrowcast.privacy.SourcePseudonymizer;
import io.narrowcast.topics.Control;
import java.time.Duration;

/**
 * What the topology needs besides the detection settings.
 *
 * @param inputPartitions partitions of dns.events: the tasks of each stage, whose progress marks the
 *     next stage waits for, and where each domain's events belong
 * @param times the event times believed; others are dead letters
 * @param control the key that signs ticks, or null to refuse every tick
 * @param pseudonymizer what replaces sources before anything is stored
 * @param idleAfter how long (wall clock) a task may go without input before the rename stages stop
 *     waiting for it, or null to wait always (replay: every partition ends with a tick)
 */
public record TopologyOptions(int inputPartitions, TimeRange times, Control control, SourcePseudonymizer pseudonymizer,
    Duration idleAfter) {

  public TopologyOptions {
    if (inputPartitions < 1) {
      throw new IllegalArgumentException("input partitions must be at least 1, was " + inputPartitions);
    }
  }

  /** One partition, the default time range, no ticks, no pseudonyms, never idle. */
  public static TopologyOptions defaults() {
    return new TopologyOptions(1, TimeRange.defaults(), null, SourcePseudonymizer.NONE, null);
  }

  public TopologyOptions withInputPartitions(int value) {
    return new TopologyOptions(value, times, control, pseudonymizer, idleAfter);
  }

  public TopologyOptions withTimes(TimeRange value) {
    return new TopologyOptions(inputPartitions, value, control, pseudonymizer, idleAfter);
  }

  public TopologyOptions withControl(Control value) {
    return new TopologyOptions(inputPartitions, times, value, pseudonymizer, idleAfter);
  }

  public TopologyOptions withPseudonymizer(SourcePseudonymizer value) {
    return new TopologyOptions(inputPartitions, times, control, value, idleAfter);
  }

  public TopologyOptions withIdleAfter(Duration value) {
    return new TopologyOptions(inputPartitions, times, control, pseudonymizer, value);
  }
}
