package io.narrowcast.cli;

import io.narrowcast.avro.DnsEvent;
import io.narrowcast.config.DetectionConfig.DomainGranularity;
import io.narrowcast.follow.FileFollower;
import io.narrowcast.follow.Follow;
import io.narrowcast.follow.PositionStore;
import io.narrowcast.framestream.FrameStreamServer;
import io.narrowcast.framestream.ListenAddress;
import io.narrowcast.ingest.DnstapDecoder;
import io.narrowcast.ingest.DnstapFrames;
import io.narrowcast.ingest.EventSink;
import io.narrowcast.ingest.EventsOnlySink;
import io.narrowcast.ingest.FileIngestor;
import io.narrowcast.ingest.Format;
import io.narrowcast.ingest.Gzip;
import io.narrowcast.ingest.IngestSummary;
import io.narrowcast.ingest.KafkaEventSink;
import io.narrowcast.ingest.RecordRouter;
import io.narrowcast.normalize.EventNormalizer;
import io.narrowcast.runtime.TopicAdmin;
import io.narrowcast.topics.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/** narrowcast ingest: DNS logs, growing files or a dnstap socket into dns.events. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = {"Parse DNS logs and produce them to dns.events (bad records to dns.events.dlq with their reason).",
        "Reads whole files (or - for standard input), follows growing files (--follow), or listens for dnstap (--listen).",
        "The summary (read = accepted + rejected + skipped) goes to standard error at the end, or on Ctrl-C."})
final class IngestCommand implements Callable<Integer> {
  private static final String STDIN = "-";
  private static final Duration TOPIC_CHECK_TIMEOUT = Duration.ofSeconds(30);
  /** How often a listener releases queries that waited in vain for their response. */
  private static final Duration LIVE_FLUSH = Duration.ofSeconds(1);

  /** Counted down once the summary is printed; a shutdown hook waits for it. */
  private final CountDownLatch finished = new CountDownLatch(1);

  @Option(names = "--format", required = true, converter = ReplayCommand.FormatConverter.class, paramLabel = "FORMAT",
      description = "Input format: zeek, zeek-json, suricata, bind, dnstap, jsonl.")
  Format format;

  @Parameters(arity = "0..*", paramLabel = "FILE", description = "Log files (plain or gzip), or - for standard input.")
  List<String> files = new ArrayList<>();

  @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
      description = "Kafka to produce to; its topics must exist (see deploy/kafka/topics.yaml).")
  String bootstrapServers;

  @Option(names = "--dry-run", description = "Parse, normalize and count, but send nothing (no Kafka needed).")
  boolean dryRun;

  @Option(names = "--follow", description = "Keep reading the files as they grow, through rotation, until stopped; "
      + "resume where the last run stopped.")
  boolean follow;

  @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = "${user.home}/.narrowcast/follow",
      description = "Where --follow keeps the position of each file (default: ${DEFAULT-VALUE}).")
  Path stateDir;

  @Option(names = "--listen", converter = ListenConverter.class, paramLabel = "ADDRESS",
      description = "With --format dnstap: accept Frame Streams writers on tcp://HOST:PORT or unix:/path.")
  ListenAddress listen;

  @Option(names = "--sensor", paramLabel = "NAME",
      description = "Sensor name for events whose format names none (default: the file name, or the listen address).")
  String sensor;

  @Mixin
  EventTimeOptions eventTimes;

  @Option(names = "--domain-granularity", converter = DetectionOptions.DomainGranularityConverter.class,
      defaultValue = "name", paramLabel = "name|registered-domain",
      description = "Place each event in the partition of its name or of its registered domain: where a detector "
          + "at that --domain-granularity counts it without re-keying (default: ${DEFAULT-VALUE}).")
  DomainGranularity placement;

  @Override
  public Integer call() throws IOException, InterruptedException {
    checkUsage();
    EventSink sink = openSink(); // before the summary is due: a cluster refused is one line, not a count of nothing
    IngestSummary summary = new IngestSummary();
    try (sink) {
      RecordRouter router = new RecordRouter(sink, summary,
          EventNormalizer.exact().within(eventTimes.range()));
      if (listen != null) {
        listenForDnstap(router);
      } else if (follow) {
        followFiles(router);
      } else {
        readFiles(router);
      }
    } finally {
      ReplayCommand.Summary.printInput(System.err, summary, format);
      finished.countDown();
    }
    return ReplayCommand.Summary.status(summary);
  }

  private void checkUsage() throws IOException {
    if (bootstrapServers == null && !dryRun) {
      throw new UserException("give --bootstrap-servers HOST:PORT, or --dry-run to only parse and count");
    }
    if (listen != null && format != Format.DNSTAP) {
      throw new UserException("--listen receives dnstap: use it with --format dnstap");
    }
    if (listen != null && (follow || !files.isEmpty())) {
      throw new UserException("--listen takes no files and no --follow");
    }
    if (listen == null && files.isEmpty()) {
      throw new UserException("nothing to read: give files, - for standard input, or --listen");
    }
    if (follow && (!format.isLines() || files.contains(STDIN))) {
      throw new UserException("--follow reads files of a line format, not " + (files.contains(STDIN) ? "standard input" : format));
    }
    for (String file : files) {
      Path path = Path.of(file);
      if (file.equals(STDIN) || follow && !Files.exists(path)) {
        continue; // --follow waits for a file still to be created
      }
      if (!Files.isReadable(path) || Files.isDirectory(path)) {
        throw new UserException("cannot read " + file);
      }
      if (follow && Gzip.isGzip(path)) {
        throw new UserException(file + " is gzip: --follow reads text files as they grow; ingest it without --follow");
      }
    }
    if (follow && !dryRun) {
      OutputFile.requirePrivateDirectory(stateDir, "--state-dir"); // the last check: it creates the directory
    }
  }

  private EventSink openSink() throws InterruptedException {
    if (dryRun) {
      return new DiscardingSink();
    }
    requireTopics(bootstrapServers);
    return new KafkaEventSink(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), placement, null);
  }

  private void readFiles(RecordRouter router) throws IOException {
    FileIngestor ingestor = new FileIngestor(router);
    for (String file : files) {
      if (file.equals(STDIN)) {
        ingestor.ingest(System.in, format, "stdin", sensor != null ? sensor : "stdin");
      } else {
        Path path = Path.of(file);
        try (var in = FileIngestor.open(path)) {
          ingestor.ingest(in, format, file, sensor != null ? sensor : path.getFileName().toString());
        }
      }
    }
    ingestor.finish(); // only now: a query in one file may find its response in the next
  }

  private void followFiles(RecordRouter router) throws IOException, InterruptedException {
    Follow following = follow(router);
    System.err.println("following " + String.join(", ", files) + "; Ctrl-C stops");
    runUntilShutdown(following::run, following::stop);
  }

  /** The files' followers; a dry run starts where the last real run stopped and saves no position. */
  Follow follow(RecordRouter router) {
    PositionStore positions = dryRun ? PositionStore.readOnly(stateDir) : PositionStore.in(stateDir);
    List<FileFollower> followers = new ArrayList<>();
    for (String file : files) {
      Path path = Path.of(file);
      followers.add(new FileFollower(path, format, sensor != null ? sensor : path.getFileName().toString(), router, positions));
    }
    return new Follow(followers, router, Follow.DEFAULT_POLL);
  }

  private void listenForDnstap(RecordRouter router) throws IOException, InterruptedException {
    String name = sensor != null ? sensor : listen.toString();
    CountDownLatch stop = new CountDownLatch(1);
    ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor();
    try (FrameStreamServer server = FrameStreamServer.start(listen, DnstapDecoder.CONTENT_TYPE,
        new DnstapFrames(new DnstapDecoder(name), router))) {
      // queries whose response never comes are released after a while, not only at the end
      flusher.scheduleWithFixedDelay(router::flush, LIVE_FLUSH.toMillis(), LIVE_FLUSH.toMillis(), TimeUnit.MILLISECONDS);
      System.err.println("listening for dnstap on " + server.address() + "; Ctrl-C stops");
      runUntilShutdown(stop::await, stop::countDown);
    } finally {
      flusher.shutdownNow();
      router.finish();
    }
  }

  /** Work that runs until the process is asked to end. */
  private interface Blocking {
    void run() throws IOException, InterruptedException;
  }

  /**
   * Runs {@code body} on this thread; on SIGINT/SIGTERM calls {@code stop} and holds the JVM until
   * the command has saved its state and printed its summary.
   */
  private void runUntilShutdown(Blocking body, Runnable stop) throws IOException, InterruptedException {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stop.run();
      try {
        finished.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "ingest-shutdown"));
    body.run();
  }

  /** Fails early, with one line, when the cluster is unreachable or lacks the topics. */
  private static void requireTopics(String bootstrap) throws InterruptedException {
    try (Admin admin = Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TOPIC_CHECK_TIMEOUT.toMillis()))) {
      TopicAdmin.requireExisting(admin, List.of(Topics.EVENTS, Topics.DEAD_LETTERS));
    }
  }

  /** --dry-run: counts are kept by the summary; nothing is sent. */
  private static final class DiscardingSink extends EventsOnlySink {
    @Override
    public void event(String key, DnsEvent event) {}
  }

  static final class ListenConverter implements ITypeConverter<ListenAddress> {
    @Override
    public ListenAddress convert(String value) {
      try {
        return ListenAddress.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** A date (midnight UTC) or an ISO-8601 instant. */
  static final class InstantConverter implements ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
      try {
        return value.indexOf('T') < 0 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(value);
      } catch (DateTimeParseException e) {
        throw new TypeConversionException("'" + value + "' is not a time: use 2016-01-01 or 2016-01-01T00:00:00Z");
      }
    }
  }
}
