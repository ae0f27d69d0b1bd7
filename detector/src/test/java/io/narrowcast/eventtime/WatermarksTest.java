package io.narrowcast.eventtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

class WatermarksTest {
  final KeyValueStore<String, Long> store = MemoryStores.of(Serdes.Long());
  final Watermarks marks = new Watermarks(store, 3);

  @Test
  void theWatermarkIsTheLeastOfEveryOriginsLatestMark() {
    assertThat(marks.take(Mark.progress(0, 500))).isFalse();
    assertThat(marks.take(Mark.progress(2, 300))).isFalse(); // origin 1 has not said anything yet
    assertThat(marks.current()).isEqualTo(Long.MIN_VALUE);
    assertThat(marks.take(Mark.progress(1, 400))).isTrue();
    assertThat(marks.current()).isEqualTo(300);
    assertThat(marks.take(Mark.progress(2, 700))).isTrue();
    assertThat(marks.current()).isEqualTo(400);
    assertThat(marks.take(Mark.progress(1, 200))).as("a mark behind an earlier one of its origin").isFalse();
    assertThat(marks.current()).isEqualTo(400);
  }

  @Test
  void anIdleOriginHoldsNothingBackUntilItSendsProgressAgain() {
    marks.take(Mark.progress(0, 500));
    marks.take(Mark.progress(1, 900));
    assertThat(marks.take(Mark.idle(2))).isTrue();
    assertThat(marks.current()).isEqualTo(500);
    // back with older times: the watermark stays where it was, it never moves back
    assertThat(marks.take(Mark.progress(2, 100))).isFalse();
    assertThat(marks.current()).isEqualTo(500);
    marks.take(Mark.progress(0, 1_000));
    assertThat(marks.current()).as("origin 2 holds it back again").isEqualTo(500);
    assertThat(marks.take(Mark.progress(2, 800))).isTrue();
    assertThat(marks.current()).isEqualTo(800);
  }

  @Test
  void whenEveryOriginIsIdleNothingMoves() {
    marks.take(Mark.progress(0, 500));
    marks.take(Mark.progress(1, 600));
    marks.take(Mark.progress(2, 700));
    marks.take(Mark.idle(0));
    marks.take(Mark.idle(1));
    assertThat(marks.current()).isEqualTo(700);
    assertThat(marks.take(Mark.idle(2))).isFalse();
    assertThat(marks.current()).isEqualTo(700);
  }

  @Test
  void aRestartGoesOnFromTheStore() {
    marks.take(Mark.progress(0, 500));
    marks.take(Mark.progress(1, 600));
    marks.take(Mark.idle(2));
    Watermarks restarted = new Watermarks(store, 3);
    assertThat(restarted.current()).isEqualTo(500);
    assertThat(restarted.take(Mark.progress(0, 650))).isTrue();
    assertThat(restarted.current()).isEqualTo(600);
  }

  @Test
  void anOriginBeyondTheExpectedCountIsWaitedForToo() {
    Watermarks one = new Watermarks(MemoryStores.of(Serdes.Long()), 1);
    assertThat(one.take(Mark.progress(0, 500))).isTrue();
    assertThat(one.take(Mark.progress(1, 300))).as("the input gained a partition").isFalse();
    assertThat(one.take(Mark.progress(0, 900))).isFalse();
    assertThat(one.current()).isEqualTo(500);
    assertThat(one.take(Mark.progress(1, 700))).isTrue();
    assertThat(one.current()).isEqualTo(700);
  }

  @Test
  void aMarkTravelsInItsHeader() {
    assertThat(Mark.of(Mark.progress(3, -86_400_000L).headers())).contains(Mark.progress(3, -86_400_000L));
    assertThat(Mark.of(Mark.idle(7).headers())).contains(Mark.idle(7));
    assertThat(Mark.of(new RecordHeaders())).isEmpty();
  }
}
