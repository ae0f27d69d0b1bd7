package io.narrowcast.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** `bench --compare` reads the result line of another build's stage, older or newer. */
class BenchResultTest {
  @Test
  void aResultSurvivesItsJsonLine() {
    BenchResult result = new BenchResult("detector", 1_000, 2.5, 1L << 20, 2L << 20, 4_000, 2.0, 0.5, 0.2, 1.1, 10, 20, 0.25,
        300);
    assertThat(BenchResult.fromJson(result.toJson())).isEqualTo(result);
  }

  @Test
  void anOlderBuildsLineWithoutTheThreadTimesReadsAsNone() {
    BenchResult older = BenchResult.fromJson("{\"stage\":\"detector\",\"events\":1000,\"seconds\":2.5,"
        + "\"peakHeapBytes\":1,\"peakRssBytes\":2,\"stateBytes\":3,\"cpuSeconds\":2.0,\"startedAtMs\":10,"
        + "\"endedAtMs\":20,\"brokerCpuSeconds\":0.0,\"internalRecords\":0}");
    assertThat(older.jitCpuSeconds()).isZero();
    assertThat(older.gcCpuSeconds()).isZero();
    assertThat(older.workerCpuSeconds()).isZero();
    assertThat(older.otherCpuSeconds()).isEqualTo(2.0);
    assertThat(older.eventsPerCompiledCpuSecond()).isEqualTo(older.eventsPerCpuSecond());
  }

  @Test
  void aNewerBuildsExtraFieldsAreIgnored() {
    BenchResult newer = BenchResult.fromJson("{\"stage\":\"detector\",\"events\":1000,\"seconds\":2.5,"
        + "\"cpuSeconds\":2.0,\"jitCpuSeconds\":0.5,\"rocksDbCpuSeconds\":0.3}");
    assertThat(newer.events()).isEqualTo(1_000);
    assertThat(newer.jitShare()).isEqualTo(0.25);
  }

  @Test
  void theOtherThreadsAreWhatTheNamedPartsLeaveOfTheProcess() {
    BenchResult result = new BenchResult("count", 2_000, 2.5, 1, 2, 3, 2.0, 0.5, 0.2, 1.1, 10, 20, 0.25, 300);
    assertThat(result.otherCpuSeconds()).isCloseTo(0.2, within(1e-9));
    assertThat(result.microsPerEvent(result.workerCpuSeconds())).isCloseTo(550, within(1e-9));
  }
}
