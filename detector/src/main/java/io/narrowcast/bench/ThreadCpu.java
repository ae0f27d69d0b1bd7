package io.narrowcast.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * CPU time of this process's threads by their part in it: the Java threads named so, and the JVM's
 * own JIT compiler and garbage collector threads, which only /proc shows (Linux only; 0 elsewhere).
 */
final class ThreadCpu {
  /** Units of the times in /proc: USER_HZ, which the kernel fixes at 100 for user space on Linux. */
  private static final double TICKS_PER_SECOND = 100;
  private static final Path TASKS = Path.of("/proc/self/task");

  private ThreadCpu() {}

  /** Seconds of CPU the JIT compiler threads now alive have used. */
  static double jitSeconds() {
    return nativeSeconds(ThreadCpu::isJitThread);
  }

  /** Seconds of CPU the garbage collector's threads now alive have used. */
  static double gcSeconds() {
    return nativeSeconds(ThreadCpu::isGcThread);
  }

  /** Seconds of CPU the live Java threads with a name that {@code names} accepts have used (nanosecond clock). */
  static double javaSeconds(Predicate<String> names) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long nanos = 0;
    for (ThreadInfo thread : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (thread != null && names.test(thread.getThreadName())) {
        nanos += Math.max(0, threads.getThreadCpuTime(thread.getThreadId())); // -1: ended meanwhile
      }
    }
    return nanos / 1e9;
  }

  private static double nativeSeconds(Predicate<String> names) {
    if (!Files.isDirectory(TASKS)) {
      return 0;
    }
    long ticks = 0;
    try (Stream<Path> tasks = Files.list(TASKS)) {
      for (Path task : tasks.toList()) {
        try {
          if (names.test(Files.readString(task.resolve("comm")).trim())) {
            ticks += cpuTicks(Files.readString(task.resolve("stat")));
          }
        } catch (IOException e) {
          // the thread ended while being read: its time is lost either way
        }
      }
    } catch (IOException e) {
      return 0;
    }
    return ticks / TICKS_PER_SECOND;
  }

  /** HotSpot names them "C1 CompilerThread0", "C2 CompilerThread1", ..., cut to 15 characters. */
  static boolean isJitThread(String name) {
    return name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre");
  }

  /**
   * HotSpot's collectors: the parallel workers of G1, Parallel and Serial ("GC Thread#0"), G1's
   * concurrent ones ("G1 Conc#0", "G1 Refine#0", "G1 Main Marker", "G1 Service").
   */
  static boolean isGcThread(String name) {
    return name.startsWith("GC Thread") || name.startsWith("G1 ");
  }

  /**
   * User plus system time of a thread from its /proc stat line. The name in parentheses may hold
   * spaces and parentheses itself, so the fields are counted from its last closing one.
   */
  static long cpuTicks(String stat) {
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    // after the name: state (field 3) ... utime is field 14 and stime field 15 of the whole line
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }
}
