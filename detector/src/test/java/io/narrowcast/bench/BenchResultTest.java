package io.narrowcast.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** `bench --compare` reads the result line of another build's stage, older or newer. */
class BenchResultTest {
  @Test
  void aResultSurvivesItsJsonLine() {
    BenchResult result = new BenchResult("detector", 1_000, 2.5, 1L << 20, 2L << 20, 4_000, 2.0, 0.5, 10, 20, 0.25, 300);
    assertThat(BenchResult.fromJson(result.toJson())).isEqualTo(result);
  }

  @Test
  void anOlderBuildsLineWithoutTheJitTimeReadsAsNone() {
    BenchResult older = BenchResult.fromJson("{\"stage\":\"detector\",\"events\":1000,\"seconds\":2.5,"
        + "\"peakHeapBytes\":1,\"peakRssBytes\":2,\"stateBytes\":3,\"cpuSeconds\":2.0,\"startedAtMs\":10,"
        + "\"endedAtMs\":20,\"brokerCpuSeconds\":0.0,\"internalRecords\":0}");
    assertThat(older.jitCpuSeconds()).isZero();
    assertThat(older.eventsPerCompiledCpuSecond()).isEqualTo(older.eventsPerCpuSecond());
  }

  @Test
  void aNewerBuildsExtraFieldsAreIgnored() {
    BenchResult newer = BenchResult.fromJson("{\"stage\":\"detector\",\"events\":1000,\"seconds\":2.5,"
        + "\"cpuSeconds\":2.0,\"jitCpuSeconds\":0.5,\"gcCpuSeconds\":0.3}");
    assertThat(newer.events()).isEqualTo(1_000);
    assertThat(newer.jitShare()).isEqualTo(0.25);
  }
}
