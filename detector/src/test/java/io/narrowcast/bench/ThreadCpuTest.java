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

class ThreadCpuTest {
  @Test
  void aThreadsCpuIsItsUserAndSystemTicksWhateverItsName() {
    String stat = "4711 (C2 CompilerThre) S 1 4700 4700 0 -1 4194368 2301 0 0 0 873 41 0 0 20 0 24 0 1203 0 0";
    assertThat(ThreadCpu.cpuTicks(stat)).isEqualTo(914);
    String odd = "4712 (a) b (c) R 1 4700 4700 0 -1 4194368 2301 0 0 0 5 7 0 0 20 0 24 0 1203 0 0";
    assertThat(ThreadCpu.cpuTicks(odd)).isEqualTo(12);
  }

  @Test
  void onlyTheCompilerThreadsAreTheJit() {
    assertThat(ThreadCpu.isJitThread("C2 CompilerThre")).isTrue();
    assertThat(ThreadCpu.isJitThread("C1 CompilerThre")).isTrue();
    assertThat(ThreadCpu.isJitThread("bench-detector-")).isFalse();
    assertThat(ThreadCpu.isJitThread("GC Thread#0")).isFalse();
  }

  @Test
  void theCollectorsAreTheGcAndG1Threads() {
    assertThat(ThreadCpu.isGcThread("GC Thread#1")).isTrue();
    assertThat(ThreadCpu.isGcThread("G1 Conc#0")).isTrue();
    assertThat(ThreadCpu.isGcThread("G1 Refine#0")).isTrue();
    assertThat(ThreadCpu.isGcThread("G1 Main Marker")).isTrue();
    assertThat(ThreadCpu.isGcThread("C2 CompilerThre")).isFalse();
    assertThat(ThreadCpu.isGcThread("VM Thread")).isFalse();
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
