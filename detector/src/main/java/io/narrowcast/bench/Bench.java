package io.narrowcast.bench;

import io.narrowcast.embedded.EmbeddedKafka;
import io.narrowcast.ingest.KafkaEventSink;
import io.narrowcast.privacy.Scratch;
import io.narrowcast.runtime.TopicAdmin;
import io.narrowcast.topics.Topics;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;

/**
 * The benchmark: an embedded broker, the generated feed produced to dns.events, then stages over
 * the same topic, one after the other, each in its own JVM with the same heap: (a) a bare consumer
 * decoding every event, Kafka Streams decoding every event with no state (what Streams itself
 * costs), (b) a plain windowed count, (c) the full detector. Rates on a shared machine drift by
 * several percent from run to run, so the stages can run in rounds and the ratios be taken within
 * each round.
 */
public final class Bench {
  private static final Duration DAY = Duration.ofDays(1);
  /** Extra JVM options for the measured stages, "{stage}" replaced by the stage's name. */
  public static final String JVM_OPTS_ENV = "NARROWCAST_BENCH_JVM_OPTS";

  private Bench() {}

  /**
   * Runs the benchmark and returns its report.
   *
   * @param heap the -Xmx of each stage's JVM, e.g. "512m"
   * @param rounds how many times each stage runs; the count and the detector take turns to go first
   */
  public static BenchReport run(BenchEvents feed, BenchLayout layout, String heap, int rounds, PrintStream progress)
      throws IOException, InterruptedException {
    return withFeed(feed, layout, progress, fed -> {
      List<List<BenchResult>> results = new ArrayList<>();
      BenchResult restore = null;
      for (int round = 1; round <= rounds; round++) {
        List<BenchResult> stages = new ArrayList<>();
        List<String> order = round % 2 == 1 ? List.of("consumer", "decode", "count", "detector")
            : List.of("consumer", "decode", "detector", "count");
        for (String stage : order) {
          progress.printf(rounds == 1 ? "measuring %s ...%n" : "round %2$d of %3$d: measuring %1$s ...%n", stage, round, rounds);
          stages.add(fed.measure(stage, OWN_CLASS_PATH, heap, stage + "-" + round, progress));
          if (stage.equals("detector") && round == rounds) {
            progress.printf("measuring the detector's restore ...%n");
            fed.removeMembers(BenchStage.applicationId(stage)); // else the restore waits out the closed one's session
            restore = fed.measure("restore", OWN_CLASS_PATH, heap, "restore", progress);
          }
          if (!stage.equals("consumer") && round < rounds) {
            fed.forget(BenchStage.applicationId(stage)); // the next round reads the feed from its start
          }
        }
        results.add(stages);
      }
      return new BenchReport(feed, layout, heap, fed.produceSeconds, fed.names, fed.nameWindows, results, restore);
    });
  }

  /**
   * The detector of this build against the one in {@code baseline} (a jar or class path of another
   * build), over one feed: {@code rounds} runs of each, taking turns to go first. Rates on a shared
   * machine drift by several percent between runs; pairs taken back to back compare fairly.
   */
  public static BenchComparison compare(BenchEvents feed, BenchLayout layout, String heap, String baseline, int rounds,
      PrintStream progress) throws IOException, InterruptedException {
    return withFeed(feed, layout, progress, fed -> {
      List<BenchResult> baselineRuns = new ArrayList<>();
      List<BenchResult> ownRuns = new ArrayList<>();
      for (int round = 1; round <= rounds; round++) {
        boolean baselineFirst = round % 2 == 1;
        for (boolean isBaseline : List.of(baselineFirst, !baselineFirst)) {
          progress.printf("round %d of %d: measuring the detector of %s ...%n", round, rounds,
              isBaseline ? baseline : "this build");
          String run = "detector-" + round + (isBaseline ? "-baseline" : "");
          BenchResult result = fed.measure("detector", isBaseline ? baseline : OWN_CLASS_PATH, heap, run, progress);
          (isBaseline ? baselineRuns : ownRuns).add(result);
          fed.forget(BenchStage.applicationId("detector")); // the next run reads the feed from its start
        }
      }
      return new BenchComparison(feed, heap, baseline, baselineRuns, ownRuns);
    });
  }

  private static final String OWN_CLASS_PATH = System.getProperty("java.class.path");

  /** The broker, with the feed produced to dns.events, for the stages to read. */
  private record Fed(EmbeddedKafka kafka, CpuClock brokerCpu, Map<String, Object> client, Path work, long events,
      int streamThreads, double produceSeconds, long names, long nameWindows) {

    /** Runs a stage in a JVM of its own on {@code classPath}, with its state under {@code run}. */
    BenchResult measure(String stage, String classPath, String heap, String run, PrintStream progress)
        throws IOException, InterruptedException {
      BenchResult result = stage(stage, classPath, kafka.bootstrapServers(), events, streamThreads,
          work.resolve("state-" + run), heap, progress);
      String application = BenchStage.applicationId(stage.equals("restore") ? "detector" : stage);
      return result.withBroker(brokerCpu.secondsBetween(result.startedAtMs(), result.endedAtMs()),
          stage.equals("restore") ? 0 : internalRecords(client, application)).withStateBytes(changelogBytes(client, application));
    }

    /** A closed Kafka Streams instance stays a member of its group until its session times out: not so long. */
    void removeMembers(String applicationId) throws InterruptedException {
      try (Admin admin = Admin.create(client)) {
        admin.removeMembersFromConsumerGroup(applicationId, new RemoveMembersFromConsumerGroupOptions()).all().get();
      } catch (ExecutionException e) {
        throw new IllegalStateException("cannot remove the members of " + applicationId, e.getCause());
      }
    }

    /** Deletes a Kafka Streams application's committed offsets and internal topics. */
    void forget(String applicationId) throws InterruptedException {
      removeMembers(applicationId);
      try (Admin admin = Admin.create(client)) {
        admin.deleteConsumerGroups(List.of(applicationId)).all().get();
        Set<String> internal = internalTopics(admin, applicationId);
        admin.deleteTopics(internal).all().get();
        while (!internalTopics(admin, applicationId).isEmpty()) {
          Thread.sleep(100); // deletion completes asynchronously; the next run recreates the topics
        }
      } catch (ExecutionException e) {
        throw new IllegalStateException("cannot reset " + applicationId, e.getCause());
      }
    }
  }

  private interface WithFeed<T> {
    T apply(Fed fed) throws IOException, InterruptedException;
  }

  private static <T> T withFeed(BenchEvents feed, BenchLayout layout, PrintStream progress, WithFeed<T> body)
      throws IOException, InterruptedException {
    Path work = Files.createTempDirectory("narrowcast-bench");
    try (EmbeddedKafka kafka = EmbeddedKafka.start(work.resolve("broker")); CpuClock brokerCpu = new CpuClock()) {
      Map<String, Object> client = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
      try (Admin admin = Admin.create(client)) {
        TopicAdmin.ensure(admin, Topics.ALL, Optional.of(layout.partitions()), Optional.of((short) 1));
      }
      progress.printf("producing %,d events (%,d names, %,d sources, %d days) ...%n",
          feed.events(), feed.names(), feed.sources(), feed.days());
      Set<String> names = new HashSet<>();
      Set<String> nameWindows = new HashSet<>();
      long produceStart = System.nanoTime();
      try (KafkaEventSink sink = new KafkaEventSink(client)) {
        feed.generate(event -> {
          names.add(event.getQuery());
          nameWindows.add(event.getQuery() + '@' + event.getEventTime().toEpochMilli() / DAY.toMillis());
          sink.event(event.getQuery(), event);
        });
        sink.flush();
      }
      double produceSeconds = (System.nanoTime() - produceStart) / 1e9;
      return body.apply(new Fed(kafka, brokerCpu, client, work, feed.events(), layout.streamThreads(), produceSeconds,
          names.size(), nameWindows.size()));
    } finally {
      Scratch.deleteRecursively(work);
    }
  }

  private static BenchResult stage(String stage, String classPath, String bootstrap, long events, int streamThreads,
      Path stateDir, String heap, PrintStream progress) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx" + heap));
    // e.g. NARROWCAST_BENCH_JVM_OPTS="-XX:StartFlightRecording=filename=/tmp/{stage}.jfr" to profile a stage
    String extra = System.getenv().getOrDefault(JVM_OPTS_ENV, "").replace("{stage}", stage).trim();
    if (!extra.isEmpty()) {
      command.addAll(List.of(extra.split("\\s+")));
    }
    command.addAll(List.of("-cp", classPath,
        BenchStage.class.getName(), stage, bootstrap, Long.toString(events), stateDir.toString(),
        Integer.toString(streamThreads)));
    Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String result = null;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.startsWith("{")) {
          result = line; // the result; JVM options may print more (e.g. -XX:+PrintNMTStatistics)
        } else {
          progress.println(line);
        }
      }
    } finally {
      if (process.isAlive()) {
        process.destroyForcibly();
      }
    }
    int status = process.waitFor();
    if (status != 0 || result == null) {
      throw new IllegalStateException("the " + stage + " stage failed (exit status " + status + ")");
    }
    return BenchResult.fromJson(result);
  }

  /** Records in the internal topics (changelogs, repartition topics) of a Kafka Streams application. */
  private static long internalRecords(Map<String, Object> client, String applicationId)
      throws InterruptedException {
    try (Admin admin = Admin.create(client)) {
      Set<String> internal = internalTopics(admin, applicationId);
      return admin.listOffsets(TopicAdmin.latest(admin, internal)).all().get().values().stream()
          .mapToLong(ListOffsetsResultInfo::offset).sum();
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot read the internal topics of " + applicationId, e.getCause());
    }
  }

  /** Bytes of a Kafka Streams application's changelog topics on the broker: the state a restore reads. */
  private static long changelogBytes(Map<String, Object> client, String applicationId) throws InterruptedException {
    try (Admin admin = Admin.create(client)) {
      List<Integer> brokers = admin.describeCluster().nodes().get().stream().map(Node::id).toList();
      long bytes = 0;
      for (Map<String, LogDirDescription> dirs : admin.describeLogDirs(brokers).allDescriptions().get().values()) {
        for (LogDirDescription dir : dirs.values()) {
          for (Map.Entry<TopicPartition, ReplicaInfo> replica : dir.replicaInfos().entrySet()) {
            String topic = replica.getKey().topic();
            if (topic.startsWith(applicationId + "-") && topic.endsWith("-changelog")) {
              bytes += replica.getValue().size();
            }
          }
        }
      }
      return bytes;
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot read the changelogs of " + applicationId, e.getCause());
    }
  }

  private static Set<String> internalTopics(Admin admin, String applicationId)
      throws InterruptedException, ExecutionException {
    Set<String> internal = new HashSet<>(admin.listTopics().names().get());
    internal.removeIf(topic -> !topic.startsWith(applicationId + "-"));
    return internal;
  }

  /**
   * This process's CPU time, sampled against the wall clock: while a stage runs, this process is
   * the broker serving it (fetches, and for Streams the changelogs and transactions).
   */
  private static final class CpuClock implements AutoCloseable {
    private static final long SAMPLE_MS = 20;
    private final ConcurrentSkipListMap<Long, Long> cpuNanosAt = new ConcurrentSkipListMap<>();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "cpu-clock");
      thread.setDaemon(true);
      return thread;
    });

    CpuClock() {
      sampler.scheduleAtFixedRate(() -> cpuNanosAt.put(System.currentTimeMillis(), BenchStage.processCpuNanos()), 0,
          SAMPLE_MS, TimeUnit.MILLISECONDS);
    }

    double secondsBetween(long fromMs, long toMs) {
      var from = cpuNanosAt.floorEntry(fromMs);
      var to = cpuNanosAt.floorEntry(toMs);
      return from == null || to == null ? 0 : (to.getValue() - from.getValue()) / 1e9;
    }

    @Override
    public void close() {
      sampler.shutdownNow();
    }
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
