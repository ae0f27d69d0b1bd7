package io.narrowcast.eventtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

class PendingTest {
  final Pending<String> pending = new Pending<>(MemoryStores.of(Serdes.String()));

  @Test
  void entriesComeOutInTimeOrderThenByTieBreakOnceDue() {
    pending.add(2_000, "b", "third");
    pending.add(-5, "a", "first, before 1970");
    pending.add(2_000, "a", "second");
    pending.add(9_000, "a", "later");
    assertThat(pending.takeUntil(1_999)).containsExactly(new Pending.Timed<>(-5, "first, before 1970"));
    assertThat(pending.takeUntil(2_000)).containsExactly(new Pending.Timed<>(2_000, "second"),
        new Pending.Timed<>(2_000, "third"));
    assertThat(pending.takeUntil(8_999)).isEmpty();
    assertThat(pending.takeUntil(Long.MAX_VALUE)).containsExactly(new Pending.Timed<>(9_000, "later"));
  }

  @Test
  void theSameTimeAndTieBreakIsKeptOnce() {
    pending.add(1_000, "x", "from source 1");
    pending.add(1_000, "x", "from source 2");
    assertThat(pending.takeUntil(1_000)).containsExactly(new Pending.Timed<>(1_000, "from source 2"));
  }

  @Test
  void mergingKeepsWhatTheSameTimeAndTieBreakHeldAlready() {
    pending.merge(1_000, "x", "source 1", (known, more) -> known + " + " + more);
    pending.merge(1_000, "x", "source 2", (known, more) -> known + " + " + more);
    pending.merge(1_000, "y", "another", (known, more) -> known + " + " + more);
    assertThat(pending.takeUntil(1_000)).containsExactly(new Pending.Timed<>(1_000, "source 1 + source 2"),
        new Pending.Timed<>(1_000, "another"));
  }
}
