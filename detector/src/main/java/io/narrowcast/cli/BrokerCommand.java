package io.narrowcast.cli;

import io.narrowcast.embedded.EmbeddedKafka;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * narrowcast broker (hidden): the embedded single-node broker as a process of its own, until SIGTERM
 * or Ctrl-C, which shut it down cleanly. Started again with the same data directory and ports it
 * brings back the same cluster, so a test can stop and restart the broker under a running detector.
 */
@Command(name = "broker", hidden = true, mixinStandardHelpOptions = true,
    description = "Run the embedded Kafka broker (KRaft, one node, 127.0.0.1 only) until stopped.")
final class BrokerCommand implements Callable<Integer> {
  @Option(names = "--data-dir", required = true, paramLabel = "DIR",
      description = "The broker's data; formatted when new, reused when it exists.")
  Path dataDir;

  @Option(names = "--port", defaultValue = "9092", paramLabel = "PORT",
      description = "Client port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--controller-port", paramLabel = "PORT", description = "Controller port on 127.0.0.1 (default: --port + 1).")
  Integer controllerPort;

  @Override
  public Integer call() throws InterruptedException {
    Checks.port("--port", port);
    int controller = controllerPort == null ? Checks.controllerPort("--port", port) : Checks.port("--controller-port", controllerPort);
    if (controller == port) {
      throw new UserException("--controller-port must differ from --port (" + port + ")");
    }
    OutputFile.requireDirectory(dataDir, "--data-dir");
    EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, port, controller);
    CountDownLatch stopped = new CountDownLatch(1);
    // the JVM waits for its shutdown hooks: the broker closes its logs cleanly before the process ends
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      kafka.close();
      stopped.countDown();
    }, "narrowcast-broker-shutdown"));
    System.out.printf("narrowcast broker: listening on %s, data in %s%n", kafka.bootstrapServers(), dataDir);
    System.out.flush();
    stopped.await();
    return 0;
  }
}
