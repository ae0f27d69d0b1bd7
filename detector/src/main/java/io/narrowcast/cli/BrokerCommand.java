package io.narrowcast.cli;

import io.narrowcast.embedded.EmbeddedKafka;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * narrowcast broker: the embedded single-node broker as a process of its own, until SIGTERM or
 * Ctrl-C, which shut it down cleanly: a cluster for trying Narrowcast (run, ingest, demo, alerts)
 * without one. Started again with the same data directory and ports it brings back the same cluster,
 * so a test can also stop and restart the broker under a running detector.
 */
@Command(name = "broker", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Run a single-node Kafka broker on 127.0.0.1 for trying Narrowcast without a cluster, until stopped.",
        "KRaft, broker and controller in one process, plaintext, replication 1, and dns.events and the alert topics "
            + "keep records however old (a demo's events are from 2016): not for production.",
        "Ctrl-C or SIGTERM stops it cleanly; started again on the same --data-dir and ports it has the same topics. "
            + "To start afresh, stop it and remove --data-dir.",
        "Exit status 2 for a bad flag or an unusable --data-dir, 1 when it cannot start (a port taken); once "
            + "stopped, 130 (Ctrl-C) or 143 (SIGTERM)."})
final class BrokerCommand implements Callable<Integer> {
  @Option(names = "--data-dir", required = true, paramLabel = "DIR",
      description = "The broker's data (its logs and metadata): created and formatted when new, reused when it exists.")
  Path dataDir;

  @Option(names = "--port", defaultValue = "9092", paramLabel = "PORT",
      description = "Port for clients on 127.0.0.1: --bootstrap-servers 127.0.0.1:PORT (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--controller-port", paramLabel = "PORT",
      description = "Port of the KRaft controller on 127.0.0.1, for the broker itself (default: --port + 1).")
  Integer controllerPort;

  @Override
  public Integer call() throws InterruptedException {
    Checks.port("--port", port);
    int controller = controllerPort == null ? Checks.controllerPort("--port", port) : Checks.port("--controller-port", controllerPort);
    if (controller == port) {
      throw new UserException("--controller-port must differ from --port (" + port + ")");
    }
    OutputFile.requirePrivateDirectory(dataDir, "--data-dir");
    EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, port, controller);
    CountDownLatch stopped = new CountDownLatch(1);
    // the JVM waits for its shutdown hooks: the broker closes its logs cleanly before the process ends
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      kafka.close();
      stopped.countDown();
    }, "narrowcast-broker-shutdown"));
    System.out.printf("narrowcast broker: listening on %s, data in %s; Ctrl-C stops it%n", kafka.bootstrapServers(),
        dataDir);
    System.out.flush();
    stopped.await();
    return 0;
  }
}
