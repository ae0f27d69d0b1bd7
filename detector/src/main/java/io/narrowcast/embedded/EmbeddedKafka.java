package io.narrowcast.embedded;

import io.narrowcast.privacy.OwnerOnly;
import io.narrowcast.runtime.ClusterException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * A single-node Kafka (KRaft, combined broker and controller) in this JVM, listening on 127.0.0.1
 * only. Its data lives in a directory of the caller's; starting again on a formatted directory with
 * the same ports brings back the same cluster. Broker internals stay inside this class.
 */
public final class EmbeddedKafka implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
  private static final String HOST = "127.0.0.1";
  private static final int START_ATTEMPTS = 3;
  /** The broker's own log, in its data directory: kept off the console, where an error is one line. */
  private static final String LOG_FILE = "broker.log";
  /**
   * Thread-context key holding the broker's log file: set on this thread while the broker is built,
   * started and stopped, and inherited by every thread the broker makes, it sends their events to
   * that file (log4j2.xml).
   */
  private static final String LOG_CONTEXT_KEY = "narrowcast.broker.log";
  /** How long the broker holds a transaction's first batches while the coordinator ends the previous one. */
  private static final int TXN_JOIN_WAIT_MS = 10_000;

  private final Path dataDir;
  private final int brokerPort;
  private final KafkaRaftServer server;
  private final Path log;
  private boolean closed;

  private EmbeddedKafka(Path dataDir, int brokerPort, KafkaRaftServer server, Path log) {
    this.dataDir = dataDir;
    this.brokerPort = brokerPort;
    this.server = server;
    this.log = log;
  }

  /** Starts a broker on free loopback ports with its data under {@code dataDir} (created, formatted if new). */
  public static EmbeddedKafka start(Path dataDir) {
    RuntimeException last = null;
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      try {
        return start(dataDir, freePort(), freePort());
      } catch (RuntimeException e) {
        last = e; // another process took a port between probing and binding: try new ones
        LOG.warn("embedded broker start attempt {} failed: {}", attempt, e.getMessage());
      }
    }
    throw last;
  }

  /** Starts a broker on the given ports; use the same ports to restart on an existing data directory. */
  public static EmbeddedKafka start(Path dataDir, int brokerPort, int controllerPort) {
    requireFree(brokerPort, "its port");
    requireFree(controllerPort, "its controller's port");
    Properties props = config(dataDir, brokerPort, controllerPort);
    Path log = dataDir.resolve(LOG_FILE).toAbsolutePath();
    KafkaRaftServer server;
    try (MDC.MDCCloseable broker = MDC.putCloseable(LOG_CONTEXT_KEY, log.toString())) {
      prepare(dataDir, props);
      server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
      try {
        server.startup();
      } catch (RuntimeException e) {
        stop(server, log);
        throw e;
      }
    }
    LOG.info("embedded Kafka broker on {}:{} with data in {}", HOST, brokerPort, dataDir);
    return new EmbeddedKafka(dataDir, brokerPort, server, log);
  }

  private static void prepare(Path dataDir, Properties props) {
    try {
      OwnerOnly.createDirectories(dataDir);
      Path configFile = dataDir.resolve("server.properties");
      try (OutputStream out = Files.newOutputStream(configFile)) {
        props.store(out, "Narrowcast embedded broker");
      }
      if (!Files.exists(dataDir.resolve("logs").resolve("meta.properties"))) {
        format(configFile);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare broker directory " + dataDir, e);
    }
  }

  private static Properties config(Path dataDir, int brokerPort, int controllerPort) {
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", "1");
    p.put("controller.quorum.voters", "1@" + HOST + ":" + controllerPort);
    p.put("listeners", "PLAINTEXT://" + HOST + ":" + brokerPort + ",CONTROLLER://" + HOST + ":" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("log.dirs", dataDir.resolve("logs").toString());
    p.put("num.partitions", "1");
    p.put("auto.create.topics.enable", "false");
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "1");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "1");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    p.put("log.cleaner.dedupe.buffer.size", String.valueOf(2 * 1024 * 1024));
    // Under transactions v2 a producer's next transaction starts while the coordinator still writes the
    // last one's markers, and the broker holds its first batches until the partitions can join it, for
    // 100 ms by default; on a busy machine the markers take longer, the first batch comes back
    // CONCURRENT_TRANSACTIONS and the batches sent after it (sequence > 0) are refused as out of order,
    // each logged as an ERROR. Well below the clients' request.timeout.ms (30 s), so none times out.
    p.put("add.partitions.to.txn.retry.backoff.max.ms", String.valueOf(TXN_JOIN_WAIT_MS));
    // Replays carry event times from years ago; time-based retention would delete them (and the
    // changelogs built from them) while they are being read. Nothing here is kept for long anyway.
    // A topic's own retention.ms would still apply, so the check must never run:
    // besides its interval, the broker runs it once log.initial.task.delay.ms (30 s) after start.
    p.put("log.retention.ms", "-1");
    p.put("log.retention.check.interval.ms", String.valueOf(Long.MAX_VALUE / 2));
    p.put("log.initial.task.delay.ms", String.valueOf(Long.MAX_VALUE / 2));
    return p;
  }

  private static void format(Path configFile) {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    int status = StorageTool.execute(new String[] {
        "format", "--cluster-id", Uuid.randomUuid().toString(), "--config", configFile.toString()},
        new PrintStream(output, true, StandardCharsets.UTF_8));
    if (status != 0) {
      throw new IllegalStateException("formatting the broker storage failed: " + output.toString(StandardCharsets.UTF_8));
    }
  }

  /**
   * Fails in one line when another process holds {@code port}: Kafka would log its bind failure with
   * stack traces, and the controller's fault handler halts the JVM.
   */
  private static void requireFree(int port, String which) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true); // as Kafka binds, so that a port just released by a broker passes
      socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
    } catch (IOException e) {
      throw new ClusterException("the embedded broker cannot listen on " + HOST + ":" + port + " (" + which + "): " + e.getMessage(), e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on " + HOST, e);
    }
  }

  /** host:port for clients. */
  public String bootstrapServers() {
    return HOST + ":" + brokerPort;
  }

  public Path dataDir() {
    return dataDir;
  }

  /** The broker's own log (WARN and above unless NARROWCAST_KAFKA_LOG_LEVEL says otherwise). */
  public Path logFile() {
    return log;
  }

  /** Stops the broker; only the first call does, so that a shutdown hook and the code that started it can both close it. */
  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      stop(server, log);
    }
  }

  private static void stop(KafkaRaftServer server, Path log) {
    try (MDC.MDCCloseable broker = MDC.putCloseable(LOG_CONTEXT_KEY, log.toString())) {
      server.shutdown();
      server.awaitShutdown();
    } catch (RuntimeException e) {
      LOG.warn("embedded broker did not shut down cleanly: {}", e.toString());
    }
  }
}
