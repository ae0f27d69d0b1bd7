package io.narrowcast.eventtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TimersTest {
  final Timers timers = new Timers();

  @Test
  void dueTimersComeEarliestFirstAndKeysInOrderWithinATime() {
    timers.schedule("b", 100);
    timers.schedule("a", 100);
    timers.schedule("c", 50);
    assertThat(timers.next()).isEqualTo(50);
    assertThat(timers.poll(49)).isNull();
    assertThat(timers.poll(100)).isEqualTo(new Timers.Due("c", 50));
    assertThat(timers.poll(100)).isEqualTo(new Timers.Due("a", 100));
    assertThat(timers.poll(100)).isEqualTo(new Timers.Due("b", 100));
    assertThat(timers.poll(Long.MAX_VALUE)).isNull();
    assertThat(timers.next()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void aKeyHasOneTimerThatCanMoveOrGo() {
    timers.schedule("a", 100);
    timers.schedule("a", 300);
    timers.schedule("b", 200);
    timers.cancel("b");
    assertThat(timers.poll(250)).isNull();
    assertThat(timers.poll(300)).isEqualTo(new Timers.Due("a", 300));
  }
}
