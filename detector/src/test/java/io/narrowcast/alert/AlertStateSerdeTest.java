package io.narrowcast.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.junit.jupiter.api.Test;

class AlertStateSerdeTest {
  final AlertStateSerde serde = new AlertStateSerde();

  @Test
  void aCollapseKeepsEverySourceOfItsSpan() {
    HllSketch sources = new HllSketch(10, TgtHllType.HLL_4);
    for (int i = 0; i < 23; i++) {
      sources.update("10.99.0." + i);
    }
    AlertState state = new AlertState(AlertFixtures.collapseOpened(), 1, 1_462_406_400_000L, sources);
    AlertState back = serde.deserializer().deserialize("t", serde.serializer().serialize("t", state));
    assertThat(back.last()).isEqualTo(state.last());
    assertThat(back.missedWindows()).isEqualTo(1);
    assertThat(back.lastActiveWindow()).isEqualTo(1_462_406_400_000L);
    assertThat(back.sources().getEstimate()).isEqualTo(sources.getEstimate());
    assertThat(Math.round(back.sources().getEstimate())).isEqualTo(23);
  }

  @Test
  void aRenameHasNone() {
    AlertState state = new AlertState(AlertFixtures.rename(), 0, 1_474_934_400_000L);
    assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", state))).isEqualTo(state);
  }

  /** Version 1, before the sources were kept: a version byte, the two counters, the alert. */
  @Test
  void readsVersion1() {
    byte[] alert = AlertFixtures.SERDE.serialize("t", AlertFixtures.collapseOpened());
    byte[] v1 = ByteBuffer.allocate(1 + 4 + 8 + alert.length).put((byte) 1).putInt(2).putLong(1_462_406_400_000L)
        .put(alert).array();
    AlertState back = serde.deserializer().deserialize("t", v1);
    assertThat(back).isEqualTo(new AlertState(AlertFixtures.collapseOpened(), 2, 1_462_406_400_000L));
    assertThat(back.sources()).isNull();
  }
}
