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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The shaded jar run as its own JVM, the way a user starts it, with its output in a log file and
 * its HTTP endpoint on a loopback port.
 */
final class DetectorProcess implements AutoCloseable {
  static final Path JAR = Path.of("target", "narrowcast.jar");
  static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  final Process process;
  final Path log;
  final int port;

  private DetectorProcess(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /** Starts {@code java -jar narrowcast.jar ARGS} with {@code env} added. */
  static DetectorProcess start(Path log, int port, Map<String, String> env, List<String> args) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-XX:+UseSerialGC",
        "-jar", JAR.toString()));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    // options come from the test alone; log levels (NARROWCAST_LOG_LEVEL, ...) may come from outside
    builder.environment().keySet().removeIf(name -> name.startsWith(ConfigDefaults.ENV_PREFIX) && !name.endsWith("LOG_LEVEL"));
    builder.environment().putAll(env);
    return new DetectorProcess(builder.start(), log, port);
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String address() {
    return "127.0.0.1:" + port;
  }

  /** Waits until /ready says RUNNING; fails at once, with the log, if the process exits. */
  DetectorProcess awaitReady() {
    await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(250)).until(() -> {
      if (!process.isAlive()) {
        throw new AssertionError("the detector exited with " + process.exitValue() + ":\n" + output());
      }
      return status("/ready", null) == 200;
    });
    return this;
  }

  int status(String path, String authorization) throws InterruptedException {
    try {
      return get(path, authorization).statusCode();
    } catch (IOException e) {
      return -1; // not listening yet
    }
  }

  HttpResponse<String> get(String path, String authorization) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + address() + path)).timeout(Duration.ofSeconds(30));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  String output() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  /** SIGTERM, as Kubernetes stops a pod; then, if it lingers, kill. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
