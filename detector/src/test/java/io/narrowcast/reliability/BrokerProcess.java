package io.narrowcast.reliability;

import static org.awaitility.Awaitility.await;

import io.narrowcast.cli.NarrowcastProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded broker as a process of its own ({@code narrowcast broker}), so that a test can stop it
 * under running clients and start it again on the same data directory and ports.
 */
public final class BrokerProcess implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BrokerProcess.class);
  private static final String LISTENING = "narrowcast broker: listening on ";

  private final Path dataDir;
  private final Path logs;
  private final int port = NarrowcastProcess.freePort();
  private final int controllerPort = NarrowcastProcess.freePort();
  private NarrowcastProcess process;
  private int starts;

  private BrokerProcess(Path dataDir, Path logs) {
    this.dataDir = dataDir;
    this.logs = logs;
  }

  /** Starts a broker on free loopback ports with its data in {@code dataDir}, its output in {@code logs}. */
  public static BrokerProcess start(Path dataDir, Path logs) throws IOException {
    BrokerProcess broker = new BrokerProcess(dataDir, Files.createDirectories(logs));
    broker.launch();
    return broker;
  }

  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  /** SIGTERM; returns once the broker has shut down (it must, without being killed). */
  void stop() throws InterruptedException {
    if (!process.stop()) {
      throw new AssertionError("the broker did not stop on SIGTERM:\n" + process.output());
    }
    LOG.info("broker {} stopped", bootstrapServers());
  }

  /** SIGKILL, as a crash ends it: nothing flushed, nothing closed. Returns once it is gone. */
  void kill() throws InterruptedException {
    process.kill();
    LOG.info("broker {} killed", bootstrapServers());
  }

  /** Starts the broker again on its data directory and ports. */
  void restart() throws IOException {
    launch();
  }

  private void launch() throws IOException {
    starts++;
    process = NarrowcastProcess.start(logs.resolve("broker-" + starts + ".log"), port, Map.of(), List.of("broker",
        "--data-dir", dataDir.toString(), "--port", String.valueOf(port), "--controller-port", String.valueOf(controllerPort)));
    await().atMost(NarrowcastProcess.START_TIMEOUT).pollInterval(Duration.ofMillis(100)).until(() -> {
      process.requireAlive();
      return process.output().contains(LISTENING);
    });
    LOG.info("broker {} started as process {} ({}. start)", bootstrapServers(), process.pid(), starts);
  }

  @Override
  public void close() {
    process.close();
  }
}
