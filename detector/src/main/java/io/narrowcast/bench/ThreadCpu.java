package io.narrowcast.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** CPU time of this process's JIT compiler threads, from /proc (Linux only; 0 elsewhere). */
final class ThreadCpu {
  /** Units of the times in /proc: USER_HZ, which the kernel fixes at 100 for user space on Linux. */
  private static final double TICKS_PER_SECOND = 100;
  private static final Path TASKS = Path.of("/proc/self/task");

  private ThreadCpu() {}

  /** Seconds of CPU the JIT compiler threads now alive have used. */
  static double jitSeconds() {
    if (!Files.isDirectory(TASKS)) {
      return 0;
    }
    long ticks = 0;
    try (Stream<Path> tasks = Files.list(TASKS)) {
      for (Path task : tasks.toList()) {
        try {
          if (isJitThread(Files.readString(task.resolve("comm")).trim())) {
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
   * User plus system time of a thread from its /proc stat line. The name in parentheses may hold
   * spaces and parentheses itself, so the fields are counted from its last closing one.
   */
  static long cpuTicks(String stat) {
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    // after the name: state (field 3) ... utime is field 14 and stime field 15 of the whole line
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }
}
