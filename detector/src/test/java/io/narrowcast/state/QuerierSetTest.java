package io.narrowcast.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class QuerierSetTest {
  private final BinarySerde<QuerierSet> serde = BinarySerde.querierSets();

  QuerierSet roundTrip(QuerierSet set) {
    return serde.deserializer().deserialize("t", serde.serializer().serialize("t", set));
  }

  @Test
  void countsSourcesLookupsNxdomainsAndTheFirstSource() {
    QuerierSet set = new QuerierSet(8);
    set.add("10.0.0.2", 200, Outcome.ANSWERED, List.of("192.0.2.1"));
    set.add("10.0.0.1", 100, Outcome.NXDOMAIN, List.of());
    set.add("10.0.0.2", 300, Outcome.ANSWERED, List.of("192.0.2.1", "192.0.2.2"));
    assertThat(set.queries()).isEqualTo(3);
    assertThat(set.nxdomain()).isEqualTo(1);
    assertThat(set.distinctSources()).isEqualTo(2);
    assertThat(set.firstSource()).isEqualTo("10.0.0.1");
    assertThat(set.firstSeen()).isEqualTo(100);
    assertThat(set.sourceCounts()).containsExactly(new SourceCount("10.0.0.2", 2), new SourceCount("10.0.0.1", 1));
    assertThat(set.answers()).containsExactly("192.0.2.1", "192.0.2.2");
    assertThat(set.answered()).isTrue();
    assertThat(set.turnedNxdomain()).isFalse(); // answered at 200 and 300, after the NXDOMAIN at 100
  }

  @Test
  void aNameTurnsNxdomainWhenNothingIsAnsweredAfterTheFirstNxdomain() {
    QuerierSet set = new QuerierSet(8);
    set.add("10.0.0.1", 100, Outcome.ANSWERED, List.of("192.0.2.1"));
    set.add("10.0.0.1", 200, Outcome.NXDOMAIN, List.of());
    set.add("10.0.0.2", 300, Outcome.NXDOMAIN, List.of());
    set.add("10.0.0.2", 250, Outcome.OTHER, List.of());
    assertThat(set.turnedNxdomain()).isTrue();
    assertThat(set.firstTrailingNxdomain()).isEqualTo(200);
    QuerierSet back = roundTrip(set);
    assertThat(back.turnedNxdomain()).isTrue();
    assertThat(back.firstTrailingNxdomain()).isEqualTo(200);
    assertThat(back.lastSeenOrFirst()).isEqualTo(300);
  }

  @Test
  void aNameThatResolvedAgainBetweenNxdomainsFailsFromTheNxdomainAfterItsLastAnswer() {
    QuerierSet set = new QuerierSet(8);
    set.add("10.0.0.1", 100, Outcome.NXDOMAIN, List.of());               // a hiccup
    set.add("10.0.0.1", 200, Outcome.ANSWERED, List.of("192.0.2.1"));    // resolves again
    set.add("10.0.0.1", 300, Outcome.NXDOMAIN, List.of());               // failing from here
    set.add("10.0.0.2", 400, Outcome.NXDOMAIN, List.of());
    for (QuerierSet read : List.of(set, roundTrip(set))) {
      assertThat(read.nxdomain()).isEqualTo(3);
      assertThat(read.trailingNxdomain()).isEqualTo(2);
      assertThat(read.firstTrailingNxdomain()).isEqualTo(300);
      assertThat(read.turnedNxdomain()).isTrue();
      assertThat(read.stoppedResolving()).isTrue();
    }
  }

  @Test
  void aLoneNxdomainAfterTheLastAnswerIsNotStoppingToResolveWhateverCameBefore() {
    QuerierSet set = new QuerierSet(8);
    set.add("10.0.0.1", 100, Outcome.NXDOMAIN, List.of());
    set.add("10.0.0.1", 200, Outcome.ANSWERED, List.of("192.0.2.1"));
    set.add("10.0.0.1", 300, Outcome.NXDOMAIN, List.of());
    assertThat(set.trailingNxdomain()).isEqualTo(1);              // two NXDOMAINs, one after the answer
    assertThat(set.stoppedResolving()).isFalse();
  }

  @Test
  void anAnswerArrivingLateAmongFailuresKeepsThoseAfterItInEventTime() {
    QuerierSet set = new QuerierSet(8);
    set.add("10.0.0.1", 300, Outcome.NXDOMAIN, List.of());
    set.add("10.0.0.1", 400, Outcome.NXDOMAIN, List.of());
    set.add("10.0.0.1", 100, Outcome.ANSWERED, List.of("192.0.2.1")); // before both: changes nothing
    assertThat(set.trailingNxdomain()).isEqualTo(2);
    assertThat(set.firstTrailingNxdomain()).isEqualTo(300);
    set.add("10.0.0.2", 350, Outcome.ANSWERED, List.of("192.0.2.1")); // between them: only the one at 400 is left
    assertThat(set.trailingNxdomain()).isEqualTo(1);
    assertThat(set.firstTrailingNxdomain()).isEqualTo(400);
    set.add("10.0.0.2", 250, Outcome.NXDOMAIN, List.of());             // before the last answer: not trailing
    assertThat(set.trailingNxdomain()).isEqualTo(1);
    set.add("10.0.0.2", 500, Outcome.ANSWERED, List.of("192.0.2.1")); // after all of them
    assertThat(set.turnedNxdomain()).isFalse();
    assertThat(set.firstTrailingNxdomain()).isEqualTo(Long.MAX_VALUE);
  }

  /** Version 1 bytes (before the trailing NXDOMAINs were kept), written as that release did. */
  @Test
  void readsVersion1() {
    ByteWriter out = new ByteWriter(32);
    out.writeByte(1);
    out.writeVarLong(8);            // cap
    out.writeVarLong(3);            // lookups
    out.writeVarLong(2);            // NXDOMAINs
    out.writeVarLong(1);            // one exact source
    out.writeString("10.0.0.1");
    out.writeVarLong(3);
    out.writeVarLong(2);            // the first source is exact source 0
    out.writeVarLong(1_000);        // first lookup
    out.writeVarLong(200);          // last lookup at 1200
    out.writeVarLong(1);            // last answer at 1000
    out.writeVarLong(101);          // first NXDOMAIN at 1100
    out.writeVarLong(0);            // no answer values
    out.writeByte(0);               // no sketch
    QuerierSet set = QuerierSet.fromBytes(out.toByteArray());
    assertThat(set.queries()).isEqualTo(3);
    assertThat(set.trailingNxdomain()).isEqualTo(2);
    assertThat(set.firstTrailingNxdomain()).isEqualTo(1_100);
    assertThat(set.stoppedResolving()).isTrue();
    assertThat(QuerierSet.fromBytes(set.toBytes()).firstTrailingNxdomain()).isEqualTo(1_100);
  }

  @Test
  void roundTripsExactly() {
    QuerierSet set = new QuerierSet(8);
    for (int i = 0; i < 20; i++) {
      set.add("10.0.0." + (i % 5), 1000 - i, i % 3 == 0 ? Outcome.NXDOMAIN : Outcome.ANSWERED, List.of("a" + (i % 7)));
    }
    QuerierSet back = roundTrip(set);
    assertThat(back.sourceCounts()).isEqualTo(set.sourceCounts());
    assertThat(back.queries()).isEqualTo(20);
    assertThat(back.nxdomain()).isEqualTo(7);
    assertThat(back.firstSource()).isEqualTo(set.firstSource());
    assertThat(back.firstSeen()).isEqualTo(981);
    assertThat(back.answers()).hasSize(QuerierSet.MAX_ANSWERS).isEqualTo(set.answers());
    assertThat(back.isExact()).isTrue();
  }

  @Test
  void beyondTheCapTheSketchEstimatesDistinctSources() {
    QuerierSet set = new QuerierSet(16);
    for (int i = 0; i < 5_000; i++) {
      set.add("10.0." + (i / 256) + "." + (i % 256), i, Outcome.ANSWERED, List.of());
    }
    assertThat(set.isExact()).isFalse();
    assertThat(set.sourceCounts()).hasSize(16);
    assertThat(set.distinctSources()).isBetween(4_700L, 5_300L); // lgK 10: about 3% error
    QuerierSet back = roundTrip(set);
    assertThat(back.distinctSources()).isEqualTo(set.distinctSources());
    assertThat(back.isExact()).isFalse();
  }

  @Test
  void aLongTailNameStaysSmall() {
    QuerierSet set = new QuerierSet(QuerierSet.DEFAULT_EXACT_CAP);
    set.add("203.0.113.254", 1_462_352_400_000L, Outcome.ANSWERED, List.of("198.51.100.200"));
    assertThat(serde.serializer().serialize("t", set)).hasSizeLessThanOrEqualTo(48);
  }

  @Test
  void corruptOrForeignBytesAreRefused() {
    byte[] good = serde.serializer().serialize("t", new QuerierSet(4));
    byte[] wrongVersion = good.clone();
    wrongVersion[0] = 99;
    assertThatThrownBy(() -> serde.deserializer().deserialize("t", wrongVersion))
        .isInstanceOf(SerializationException.class).hasMessageContaining("version 99");
    byte[] trailing = java.util.Arrays.copyOf(good, good.length + 1);
    assertThatThrownBy(() -> serde.deserializer().deserialize("t", trailing)).isInstanceOf(SerializationException.class);
    assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[] {1, (byte) 0xff}))
        .isInstanceOf(SerializationException.class);
  }

  @Test
  void capMustBePositive() {
    assertThatThrownBy(() -> new QuerierSet(0)).hasMessageContaining("at least 1, was 0");
  }
}
