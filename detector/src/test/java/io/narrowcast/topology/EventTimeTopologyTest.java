package io.narrowcast.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.narrowcast.avro.Alert;
import io.narrowcast.config.DetectionConfig;
import io.narrowcast.detect.RenameCandidate;
import io.narrowcast.detect.RenameCandidate.Side;
import io.narrowcast.eventtime.Mark;
import io.narrowcast.ingest.RejectReason;
import io.narrowcast.state.SourceCount;
import io.narrowcast.topics.Control;
import io.narrowcast.topics.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the detector believes of event time: times it will not take, ticks it will not take, and
 * the progress marks by which the rename stages wait for every task, so that what they send does not
 * depend on which task ran ahead. Tasks of other partitions are played here by their records on the
 * internal topics (the driver runs partition 0 only).
 */
class EventTimeTopologyTest {
  static final Instant DAY0 = Instant.parse("2016-09-01T00:00:00Z");
  static final DetectionConfig CONFIG = DetectionConfig.defaults(); // daily windows, rename-max-lag 7 days
  @TempDir
  Path stateDir;

  static Instant day(int day, int hour) {
    return DAY0.plus(Duration.ofDays(day)).plus(Duration.ofHours(hour));
  }

  @Nested
  class WhatIsRefused {
    @Test
    void anEventFarAheadOfTheClockIsADeadLetterAndClosesNothing() {
      try (DetectorDriver d = new DetectorDriver(CONFIG, stateDir)) {
        d.lookups("a.example.com", "192.0.2.1", day(0, 10), 1);
        d.lookups("b.example.com", "192.0.2.1", Instant.parse("2099-01-01T00:00:00Z"), 1);
        d.lookups("a.example.com", "192.0.2.2", day(0, 11), 1);
        assertThat(d.deadLetters()).singleElement().satisfies(r -> {
          assertThat(DeadLetters.header(r.headers(), DeadLetters.REASON)).isEqualTo("time out of range");
          assertThat(DeadLetters.header(r.headers(), DeadLetters.DETAIL)).startsWith("event time 2099-01-01T00:00:00Z is more than");
        });
        assertThat(d.metrics.lateDropped()).as("the lookup after it is still on time").isZero();
        assertThat(d.metrics.eventsIn()).isEqualTo(2);
      }
    }

    @Test
    void aTickThatIsNotSignedWithTheDetectorsKeyIsADeadLetterAndClosesNothing() {
      try (DetectorDriver d = new DetectorDriver(CONFIG, stateDir)) {
        d.lookups("a.example.com", "192.0.2.1", day(0, 10), 1);
        long far = day(40, 0).toEpochMilli();
        RecordHeaders unsigned = new RecordHeaders();
        unsigned.add(Control.HEADER, Control.TICK.getBytes(StandardCharsets.UTF_8));
        unsigned.add(Control.TIME, Long.toString(far).getBytes(StandardCharsets.UTF_8));
        d.sendRaw(null, null, unsigned, day(40, 0));
        Control other = Control.withKey("some-other-key-0123456789".getBytes(StandardCharsets.UTF_8));
        d.sendRaw(null, null, other.markTick(new RecordHeaders(), 0, far), day(40, 0));
        d.sendRaw(null, null, DetectorDriver.CONTROL.markTick(new RecordHeaders(), 1, far), day(40, 0)); // another partition's
        d.lookups("a.example.com", "192.0.2.2", day(0, 11), 1);

        assertThat(d.deadLetters()).hasSize(3).allSatisfy(r -> assertThat(DeadLetters.header(r.headers(), DeadLetters.DETAIL))
            .isEqualTo("a control record not signed with this detector's control key"));
        assertThat(d.metrics.rejected(RejectReason.UNPARSABLE)).isEqualTo(3);
        assertThat(d.metrics.lateDropped()).as("day 0 is still open").isZero();
      }
    }
  }

  /** OLD, queried by A and B, goes dark; NEW appears on A and B; OLD then resolves again. */
  @Nested
  class RenameStagesWaitForEveryTask {
    static final String OLD = "mail1.old-brand.com";
    static final String NEW = "mail1.new-brand.com";
    static final List<SourceCount> FEW = List.of(new SourceCount("10.0.0.1", 40), new SourceCount("10.0.0.2", 30));
    static final List<String> ANSWER = List.of("198.51.100.7");
    /** OLD went dark at day 8, 12:00, decided when day 8 closed. */
    static final RenameCandidate RETIRED =
        new RenameCandidate(Side.RETIRED, OLD, day(8, 12).toEpochMilli(), day(8, 0).toEpochMilli(),
            day(9, 0).toEpochMilli(), FEW, ANSWER, null);
    /** NEW's first lookup on day 10, from A. */
    static final RenameCandidate BORN =
        new RenameCandidate(Side.BORN, NEW, day(10, 9).toEpochMilli(), day(10, 0).toEpochMilli(),
            day(11, 0).toEpochMilli(), List.of(new SourceCount("10.0.0.1", 3), new SourceCount("10.0.0.2", 2)), ANSWER,
            "10.0.0.1");
    /** OLD answered again on day 12. */
    static final RenameCandidate REVIVED =
        new RenameCandidate(Side.REVIVED, OLD, day(12, 0).toEpochMilli(), day(12, 0).toEpochMilli(),
            day(13, 0).toEpochMilli(), FEW, List.of(), null);

    DetectorDriver twoPartitions() {
      return new DetectorDriver(CONFIG, TopologyOptions.defaults().withInputPartitions(2), stateDir, new Properties());
    }

    /** The candidate from the aggregating task of {@code origin}, to both its sources, decided at its window's end. */
    void send(DetectorDriver d, RenameCandidate candidate) {
      for (SourceCount source : candidate.sources()) {
        d.candidate(source.source(), candidate, Instant.ofEpochMilli(candidate.windowEnd()));
      }
    }

    /** Partition 0's aggregating task has sent everything up to {@code until}. */
    void partition0(DetectorDriver d, Instant until) {
      d.aggregatorMark(Mark.progress(0, until.toEpochMilli()));
    }

    /**
     * Partition 1's aggregating task has sent everything up to {@code until}, and so, once both have,
     * has its matching task (the driver's own, partition 0's, marks its progress itself).
     */
    void partition1(DetectorDriver d, Instant until) {
      d.aggregatorMark(Mark.progress(1, until.toEpochMilli()));
      d.matcherMark(Mark.progress(1, until.toEpochMilli()));
    }

    List<TestRecord<String, Alert>> run(Consumer<DetectorDriver> arrivals) {
      try (DetectorDriver d = twoPartitions()) {
        arrivals.accept(d);
        return d.alertRecords();
      }
    }

    @Test
    void aRenameWhoseOldNameRevivesAfterTheNewOneAppearedIsFoundWhicheverTaskRunsAhead() {
      // OLD's task (partition 0) runs ahead: its revival reaches the sources before NEW's birth does
      List<TestRecord<String, Alert>> oldAhead = run(d -> {
        send(d, RETIRED);
        send(d, REVIVED);
        partition0(d, day(14, 0));
        send(d, BORN);
        partition1(d, day(14, 0));
      });
      // in step: each candidate arrives before either task moves past it
      List<TestRecord<String, Alert>> inStep = run(d -> {
        send(d, RETIRED);
        partition0(d, day(9, 0));
        partition1(d, day(9, 0));
        send(d, BORN);
        partition0(d, day(11, 0));
        partition1(d, day(11, 0));
        send(d, REVIVED);
        partition0(d, day(14, 0));
        partition1(d, day(14, 0));
      });

      assertThat(oldAhead).singleElement().satisfies(r -> {
        assertThat(r.key()).isEqualTo(NEW);
        assertThat(r.timestamp()).as("the time of the later candidate, NEW's first window's end").isEqualTo(day(11, 0).toEpochMilli());
        assertThat(r.value().getPreviousDomain()).isEqualTo(OLD);
        assertThat(r.value().getStatus()).isEqualTo("new");
      });
      assertThat(inStep).usingRecursiveFieldByFieldElementComparator().isEqualTo(oldAhead);
    }

    @Test
    void nothingIsMatchedBeforeEveryTaskHasPassedIt() {
      try (DetectorDriver d = twoPartitions()) {
        send(d, RETIRED);
        send(d, BORN);
        partition0(d, day(30, 0));
        assertThat(d.alertRecords()).as("partition 1 has not said how far it is").isEmpty();
        partition1(d, day(10, 0));
        assertThat(d.alertRecords()).as("nor passed NEW's first window").isEmpty();
        partition1(d, day(11, 0));
        assertThat(d.alertRecords()).extracting(r -> r.value().getStatus()).containsExactly("new");
      }
    }

    @Test
    void aRenameMatchedLateStillClosesAtItsOwnTime() {
      // partition 0 is a month ahead before NEW's partition reports its birth
      try (DetectorDriver d = twoPartitions()) {
        send(d, RETIRED);
        partition0(d, day(40, 0));
        send(d, BORN);
        partition1(d, day(40, 0));
        assertThat(d.alertRecords()).extracting(r -> r.value().getStatus(), TestRecord::timestamp).containsExactly(
            tuple("new", day(11, 0).toEpochMilli()),
            // rename-max-lag (7 days) past the end of NEW's first window
            tuple("closed", day(18, 0).toEpochMilli()));
      }
    }
  }
}
