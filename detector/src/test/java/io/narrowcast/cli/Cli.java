package io.narrowcast.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Runs the command line in this JVM and keeps what it printed. */
final class Cli {
  record Result(int status, String out, String err) {
    List<String> lines() {
      return out.lines().toList();
    }
  }

  private Cli() {}

  static Result run(String... args) {
    return runWith(System.getenv(), args);
  }

  /** As {@link #run}, with {@code env} as the environment that option defaults come from. */
  static Result runWith(Map<String, String> env, String... args) {
    PrintStream originalOut = System.out;
    PrintStream originalErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int status = Main.execute(env, args);
      return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(originalOut);
      System.setErr(originalErr);
    }
  }
}
