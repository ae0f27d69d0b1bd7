package io.narrowcast.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ThreadCpuTest {
  @Test
  void aThreadsCpuIsItsUserAndSystemTicksWhateverItsName() {
    String stat = "4711 (C2 CompilerThre) S 1 4700 4700 0 -1 4194368 2301 0 0 0 873 41 0 0 20 0 24 0 1203 0 0";
    assertThat(ThreadCpu.cpuTicks(stat)).isEqualTo(914);
    String odd = "4712 (a) b (c) R 1 4700 4700 0 -1 4194368 2301 0 0 0 5 7 0 0 20 0 24 0 1203 0 0";
    assertThat(ThreadCpu.cpuTicks(odd)).isEqualTo(12);
  }

  /** HotSpot's thread names as /proc shows them (cut to 15 characters), and which part each is. */
  @ParameterizedTest
  @CsvSource({
      "C2 CompilerThre, true, false",
      "C1 CompilerThre, true, false",
      "GC Thread#1, false, true",
      "GC Thread#0, false, true",
      "G1 Conc#0, false, true",
      "G1 Refine#0, false, true",
      "G1 Main Marker, false, true",
      "bench-detector-, false, false",
      "VM Thread, false, false"})
  void onlyTheCompilerThreadsAreTheJitAndOnlyTheCollectorsTheGc(String name, boolean jit, boolean gc) {
    assertThat(ThreadCpu.isJitThread(name)).as("JIT: %s", name).isEqualTo(jit);
    assertThat(ThreadCpu.isGcThread(name)).as("GC: %s", name).isEqualTo(gc);
  }

  @Test
  void aJavaThreadsTimeIsFoundByItsName() throws InterruptedException {
    Predicate<String> streamThreads = name -> name.contains("-StreamThread-");
    AtomicBoolean spin = new AtomicBoolean(true);
    Thread busy = new Thread(() -> {
      long sink = 0;
      while (spin.get()) {
        sink += Long.toString(sink).length();
      }
      assertThat(sink).isPositive();
    }, "bench-test-StreamThread-1");
    double before = ThreadCpu.javaSeconds(streamThreads);
    busy.start();
    try {
      await().atMost(Duration.ofSeconds(30)).until(() -> ThreadCpu.javaSeconds(streamThreads) >= before + 0.05);
    } finally {
      spin.set(false);
      busy.join();
    }
    assertThat(ThreadCpu.javaSeconds(name -> name.equals("no such thread"))).isZero();
  }

  @Test
  void thisProcessHasCompiledSomethingByNow() {
    assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "Linux only");
    long sink = 0;
    for (int i = 0; i < 2_000_000; i++) {
      sink += Integer.toString(i).hashCode(); // a hot loop, for C2 if nothing before was
    }
    assertThat(sink).isNotZero();
    assertThat(ThreadCpu.jitSeconds()).isPositive();
  }
}
