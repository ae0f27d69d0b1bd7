package io.narrowcast.cli;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The shaded jar run as its own JVM, the way a user starts it (any subcommand: a detector, a
 * broker), with its output in a log file and, for a detector, its HTTP endpoint on a loopback port.
 */
public final class NarrowcastProcess implements AutoCloseable {
  static final Path JAR = Path.of("target", "narrowcast.jar");
  public static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  final Process process;
  final Path log;
  final int port;

  private NarrowcastProcess(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /** Starts {@code java -jar narrowcast.jar ARGS} with {@code env} added; {@code port} is its HTTP endpoint, if any. */
  public static NarrowcastProcess start(Path log, int port, Map<String, String> env, List<String> args) throws IOException {
    return start(log, port, env, List.of(), args);
  }

  /** As {@link #start(Path, int, Map, List)}, with {@code jvmOptions} (-Dname=value, ...) for the JVM. */
  public static NarrowcastProcess start(Path log, int port, Map<String, String> env, List<String> jvmOptions,
      List<String> args) throws IOException {
    // SIGINT as from a terminal: a build started as a background job (nohup, a runner's `&`) has it
    // ignored, every child inherits that, and a JVM never handles a signal it started ignoring
    List<String> command = new ArrayList<>(List.of("env", "--default-signal=INT",
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-XX:+UseSerialGC"));
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", JAR.toString()));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    // options come from the test alone; log levels (NARROWCAST_LOG_LEVEL, ...) may come from outside
    builder.environment().keySet().removeIf(name -> name.startsWith(ConfigDefaults.ENV_PREFIX) && !name.endsWith("LOG_LEVEL"));
    builder.environment().putAll(env);
    return new NarrowcastProcess(builder.start(), log, port);
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String address() {
    return "127.0.0.1:" + port;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public long pid() {
    return process.pid();
  }

  /** Waits until /ready says RUNNING; fails at once, with the log, if the process exits. */
  public NarrowcastProcess awaitReady() {
    await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(250)).until(() -> {
      requireAlive();
      return status("/ready", null) == 200;
    });
    return this;
  }

  /** Throws, with the log, when the process has exited. */
  public void requireAlive() {
    if (!process.isAlive()) {
      throw new AssertionError("the process exited with " + process.exitValue() + ":\n" + output());
    }
  }

  public int status(String path, String authorization) throws InterruptedException {
    try {
      return get(path, authorization).statusCode();
    } catch (IOException e) {
      return -1; // not listening yet
    }
  }

  public HttpResponse<String> get(String path, String authorization) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + address() + path)).timeout(Duration.ofSeconds(30));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The detector's /metrics (Prometheus text) as name{labels} → value, comments left out. */
  public Map<String, Double> metrics(String authorization) throws IOException, InterruptedException {
    Map<String, Double> out = new LinkedHashMap<>();
    for (String line : get("/metrics", authorization).body().split("\n")) {
      int space = line.lastIndexOf(' ');
      if (!line.startsWith("#") && space > 0) {
        out.put(line.substring(0, space), Double.valueOf(line.substring(space + 1)));
      }
    }
    return out;
  }

  public String output() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  /** SIGKILL, as a crash or the OOM killer ends it: no shutdown hook runs. Returns once it is gone. */
  public void kill() throws InterruptedException {
    if (!process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      throw new AssertionError("process " + process.pid() + " survived SIGKILL for " + STOP_TIMEOUT);
    }
  }

  /** Sends a signal by name (INT, as Ctrl-C does; TERM), without waiting. */
  public void signal(String name) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid())).inheritIO().start();
    if (kill.waitFor() != 0) {
      throw new AssertionError("kill -" + name + " " + pid() + " failed");
    }
  }

  /** SIGTERM, as Kubernetes stops a pod, and waits for the exit; returns false when it lingered and had to be killed. */
  public boolean stop() throws InterruptedException {
    process.destroy();
    if (process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      return true;
    }
    kill();
    return false;
  }

  @Override
  public void close() {
    try {
      stop();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
