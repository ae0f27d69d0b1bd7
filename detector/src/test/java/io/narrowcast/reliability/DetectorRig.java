package io.narrowcast.reliability;

import static org.awaitility.Awaitility.await;

import io.narrowcast.cli.NarrowcastProcess;
import io.narrowcast.runtime.CatchUp;
import io.narrowcast.topics.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Detector processes ({@code narrowcast run}, the shaded jar) of one application id on one broker,
 * and what a fault test watches: how far they have committed, whether they caught up. Each instance
 * has its data directory under the work directory, kept across its restarts; each start has its own
 * log under target/reliability. Closing the rig stops every process it started.
 */
final class DetectorRig implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DetectorRig.class);
  static final int PARTITIONS = 4;
  /** Long enough for a session timeout (45 s) and a transaction timeout (60 s) at their defaults, on a busy machine. */
  static final Duration CATCH_UP_TIMEOUT = Duration.ofMinutes(6);
  private final String bootstrap;
  private final String applicationId;
  private final Path work;
  private final Path logs;
  private final Path kafkaConfig;
  private final Path controlKey;
  private final Admin admin;
  private final Map<String, Integer> starts = new HashMap<>();
  private final List<NarrowcastProcess> started = new ArrayList<>();

  /** Detectors at the operator's defaults. */
  DetectorRig(String bootstrap, String applicationId, Path work) throws IOException {
    this(bootstrap, applicationId, work, List.of());
  }

  /** Detectors with {@code kafkaConfig} (lines of --kafka-config) added to the defaults. */
  DetectorRig(String bootstrap, String applicationId, Path work, List<String> kafkaConfig) throws IOException {
    this.bootstrap = bootstrap;
    this.applicationId = applicationId;
    this.work = work;
    this.logs = Files.createDirectories(Path.of("target", "reliability", applicationId));
    this.kafkaConfig = Files.write(work.resolve("kafka.properties"), kafkaConfig);
    // owner-only, as an operator keeps it: run warns on a key others can read
    this.controlKey = Files.write(work.resolve("control.key"), Feed.CONTROL_KEY);
    Files.setPosixFilePermissions(controlKey, PosixFilePermissions.fromString("rw-------"));
    this.admin = Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
  }

  String bootstrap() {
    return bootstrap;
  }

  String applicationId() {
    return applicationId;
  }

  Admin admin() {
    return admin;
  }

  /** The data directory of {@code instance}: state stores under state/. */
  Path dataDir(String instance) {
    return work.resolve(instance);
  }

  /** Starts {@code instance} (again, on its data directory) with {@code flags} added, and waits until it is RUNNING. */
  NarrowcastProcess start(String instance, String... flags) throws IOException {
    int port = NarrowcastProcess.freePort();
    int n = starts.merge(instance, 1, Integer::sum);
    List<String> args = new ArrayList<>(List.of("run", "--bootstrap-servers", bootstrap, "--application-id", applicationId,
        "--data-dir", dataDir(instance).toString(), "--http-bind", "127.0.0.1:" + port,
        "--partitions", String.valueOf(PARTITIONS), "--kafka-config", kafkaConfig.toString(),
        "--control-key-file", controlKey.toString()));
    args.addAll(Arrays.asList(flags));
    NarrowcastProcess process = NarrowcastProcess.start(logs.resolve(instance + "-" + n + ".log"), port,
        Map.of("NARROWCAST_LOG_LEVEL", "INFO", "NARROWCAST_KAFKA_LOG_LEVEL", "WARN"), args);
    started.add(process);
    LOG.info("{} started as process {} ({}. start)", instance, process.pid(), n);
    return process.awaitReady();
  }

  /** Share of the records on dns.events whose processing the application has committed. */
  double progress() throws InterruptedException, ExecutionException {
    Map<TopicPartition, OffsetAndMetadata> committed =
        admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get();
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    for (int p = 0; p < PARTITIONS; p++) {
      latest.put(new TopicPartition(Topics.EVENTS.name(), p), OffsetSpec.latest());
    }
    long done = 0;
    long all = 0;
    for (var end : admin.listOffsets(latest).all().get().entrySet()) {
      OffsetAndMetadata at = committed.get(end.getKey());
      done += at == null ? 0 : at.offset();
      all += end.getValue().offset();
    }
    return all == 0 ? 0 : (double) done / all;
  }

  /** Waits until the application has committed at least {@code share} of dns.events, while {@code running} stay alive. */
  void awaitProgress(double share, NarrowcastProcess... running) {
    await().atMost(CATCH_UP_TIMEOUT).pollInterval(Duration.ofMillis(100)).until(() -> {
      Arrays.stream(running).forEach(NarrowcastProcess::requireAlive);
      return progress() >= share;
    });
    LOG.info("{} committed {} of dns.events", applicationId, share);
  }

  /**
   * Waits until the application has a transaction open, polling often: a kill right after lands inside
   * it unless it commits in between, where a kill at any moment may fall between two transactions.
   */
  void awaitOpenTransaction(NarrowcastProcess... running) {
    await().atMost(CATCH_UP_TIMEOUT).pollInterval(Duration.ofMillis(10)).until(() -> {
      Arrays.stream(running).forEach(NarrowcastProcess::requireAlive);
      return transactions().stream().anyMatch(t -> t.state() == TransactionState.ONGOING);
    });
  }

  /**
   * Waits until the application has processed all its input (repartition topics included) and
   * committed the outputs. A killed instance's open transaction holds the last stable offset of the
   * partitions it wrote to until it times out, and offsets only reach that: so no transaction of the
   * application may be open either (checked first: a dead producer opens no new one).
   */
  void awaitCaughtUp(NarrowcastProcess... running) throws InterruptedException, ExecutionException {
    try {
      await().atMost(CATCH_UP_TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> {
        Arrays.stream(running).forEach(NarrowcastProcess::requireAlive);
        return transactions().stream().noneMatch(t -> t.state() == TransactionState.ONGOING)
            && CatchUp.behind(admin, applicationId, CatchUp.detectorInputs(applicationId)).isEmpty();
      });
    } catch (ConditionTimeoutException e) {
      // what a stall looks like from outside and inside, for whoever reads the build log
      StringBuilder state = new StringBuilder("not caught up after " + CATCH_UP_TIMEOUT + "; behind: "
          + CatchUp.behind(admin, applicationId, CatchUp.detectorInputs(applicationId)) + "; transactions: " + transactions()
          + "; open on partitions: " + openTransactionsByPartition());
      for (NarrowcastProcess detector : running) {
        state.append("\n--- threads of process ").append(detector.pid()).append(":\n").append(threads(detector.pid()));
      }
      throw new AssertionError(state.toString(), e);
    }
  }

  /** Each partition with a transaction open on it: the producer, its epoch and the offset the transaction began at. */
  private Map<String, String> openTransactionsByPartition() throws InterruptedException, ExecutionException {
    List<TopicPartition> partitions = new ArrayList<>();
    admin.describeTopics(admin.listTopics().names().get()).allTopicNames().get().forEach((name, topic) ->
        topic.partitions().forEach(p -> partitions.add(new TopicPartition(name, p.partition()))));
    Map<String, String> open = new TreeMap<>();
    admin.describeProducers(partitions).all().get().forEach((partition, producers) -> producers.activeProducers()
        .forEach(producer -> producer.currentTransactionStartOffset().ifPresent(start -> open.put(partition.toString(),
            "producer " + producer.producerId() + " epoch " + producer.producerEpoch() + " from offset " + start))));
    return open;
  }

  private static String threads(long pid) {
    try {
      Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
          String.valueOf(pid), "Thread.print").redirectErrorStream(true).start();
      String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      jcmd.waitFor(30, TimeUnit.SECONDS);
      return out;
    } catch (IOException | InterruptedException e) {
      return "(no thread dump: " + e + ")";
    }
  }

  /** The application's transactional ids the broker knows, with their state. */
  List<TransactionListing> transactions() throws InterruptedException, ExecutionException {
    return admin.listTransactions().all().get().stream()
        .filter(t -> t.transactionalId().startsWith(applicationId + "-")).toList();
  }

  @Override
  public void close() {
    started.forEach(NarrowcastProcess::close);
    admin.close();
  }
}
