package io.narrowcast.cli;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.narrowcast.config.DetectionConfig;
import io.narrowcast.embedded.EmbeddedKafka;
import io.narrowcast.metrics.DetectorMeters;
import io.narrowcast.metrics.DetectorMetrics;
import io.narrowcast.metrics.WarmUp;
import io.narrowcast.normalize.EventNormalizer;
import io.narrowcast.privacy.HmacPseudonymizer;
import io.narrowcast.privacy.SourcePseudonymizer;
import io.narrowcast.query.BearerToken;
import io.narrowcast.query.QueryServer;
import io.narrowcast.query.StreamsQuerierSets;
import io.narrowcast.runtime.ClusterException;
import io.narrowcast.runtime.LocalState;
import io.narrowcast.runtime.StreamsSettings;
import io.narrowcast.runtime.TopicAdmin;
import io.narrowcast.topics.Control;
import io.narrowcast.topics.Topics;
import io.narrowcast.topology.DetectorTopology;
import io.narrowcast.topology.TopologyOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.state.HostInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * narrowcast run: the long-running detector on a Kafka cluster (or an embedded broker), with the
 * HTTP endpoint for health, readiness, metrics and querier-set queries. Runs until stopped (SIGTERM
 * or Ctrl-C, which close Kafka Streams cleanly) or until Kafka Streams fails (exit status 1).
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Run the detector on a Kafka cluster, or on an embedded broker when none is given.",
        "Options come from flags, else NARROWCAST_<OPTION> environment variables (NARROWCAST_BOOTSTRAP_SERVERS), "
            + "else the --config properties file (bootstrap-servers=...), else their defaults."})
final class RunCommand implements Callable<Integer> {
  /**
   * A task with no input for this long (wall clock) no longer holds back rename matching on every
   * other partition: a partition that no sensor's names hash to would otherwise stop it for good.
   */
  static final Duration IDLE_AFTER = Duration.ofMinutes(5);
  /** How long a shutdown may take before the JVM exits anyway. */
  static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
  /** Streams settings that run's own options set; the same keys in --kafka-config are overridden. */
  private static final Set<String> OWN_STREAMS_SETTINGS = Set.of(StreamsConfig.APPLICATION_ID_CONFIG,
      StreamsConfig.STATE_DIR_CONFIG, StreamsConfig.APPLICATION_SERVER_CONFIG, StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG,
      StreamsConfig.NUM_STREAM_THREADS_CONFIG);

  @Option(names = "--config", paramLabel = "FILE",
      description = "Properties file of option values, keys as the long option names (bootstrap-servers=...).")
  Path config;

  @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
      description = "The Kafka cluster. Without it (nor bootstrap.servers in --kafka-config) an embedded broker runs "
          + "in this process, with its data under --data-dir.")
  String bootstrapServers;

  @Option(names = "--kafka-config", paramLabel = "FILE",
      description = "Kafka client properties for every client (security.protocol, ssl.*, sasl.*, ...); Kafka Streams "
          + "settings too.")
  Path kafkaConfig;

  @Option(names = "--application-id", defaultValue = "narrowcast", paramLabel = "ID",
      description = "Kafka Streams application id: instances with the same id share the work (default: ${DEFAULT-VALUE}).")
  String applicationId;

  @Option(names = "--data-dir", defaultValue = "narrowcast-data", paramLabel = "DIR",
      description = "State stores (DIR/state) and the embedded broker's data (DIR/broker) (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--embedded-broker-port", defaultValue = "9092", paramLabel = "PORT",
      description = "Port of the embedded broker on 127.0.0.1, its controller on the next one; 0 for any "
          + "(default: ${DEFAULT-VALUE}).")
  int embeddedBrokerPort;

  @Option(names = "--partitions", paramLabel = "N",
      description = "Partitions of the topics the detector creates (default: the broker's); they bound parallelism.")
  Integer partitions;

  @Option(names = "--replication-factor", paramLabel = "N",
      description = "Replication of the topics the detector and Kafka Streams create (default: the broker's).")
  Short replicationFactor;

  @Option(names = "--create-topics", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Create missing topics; --no-create-topics only checks that they exist (default: ${DEFAULT-VALUE}).")
  boolean createTopics;

  @Option(names = "--standby-replicas", defaultValue = "0", paramLabel = "N",
      description = "Warm copies of each state store on other instances, for fast fail-over (default: ${DEFAULT-VALUE}).")
  int standbyReplicas;

  @Option(names = "--stream-threads", defaultValue = "1", paramLabel = "N",
      description = "Processing threads in this instance (default: ${DEFAULT-VALUE}).")
  int streamThreads;

  @Option(names = "--http-bind", defaultValue = "127.0.0.1:8080", converter = Endpoint.class, paramLabel = "HOST:PORT",
      description = "Where the HTTP endpoint listens (default: ${DEFAULT-VALUE}). Any address other than loopback "
          + "needs --http-token-file.")
  HostInfo httpBind;

  @Option(names = "--http-advertise", converter = Endpoint.class, paramLabel = "HOST:PORT",
      description = "How other instances reach this one's endpoint (default: --http-bind; bound to every address, "
          + "this host's name if it resolves beyond loopback, else its first IPv4 address on an interface).")
  HostInfo httpAdvertise;

  @Option(names = "--http-token-file", paramLabel = "FILE",
      description = "File holding the bearer token that /metrics and /api/ require (the same on every instance).")
  Path httpTokenFile;

  @Option(names = "--pseudonymize-sources", paramLabel = "KEYFILE",
      description = "Replace source addresses by keyed HMAC pseudonyms before anything is stored or emitted.")
  Path pseudonymizeSources;

  @Option(names = "--control-key-file", paramLabel = "KEYFILE",
      description = "Key that signs ticks (control records that advance event time) on dns.events; without it "
          + "every tick is refused as a dead letter.")
  Path controlKeyFile;

  @Mixin
  EventTimeOptions eventTimes;

  @Mixin
  DetectionOptions detection;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException, InterruptedException {
    checkRanges();
    DetectionConfig config = detection.toConfig();
    Optional<BearerToken> token = token();
    AdvertisedEndpoint advertise = AdvertisedEndpoint.choose(httpAdvertise, httpBind, AdvertisedEndpoint.SYSTEM);
    SourcePseudonymizer pseudonymizer = pseudonymizer();
    Control control = controlKeyFile == null ? null : KeyFiles.read(controlKeyFile, "--control-key-file", Control::fromKeyFile);
    Map<String, Object> kafka = kafkaProperties();
    OutputFile.requirePrivateDirectory(dataDir, "--data-dir"); // the last check: it creates the directory
    PrintStream out = System.err;
    String bootstrap = bootstrapServers != null ? bootstrapServers : (String) kafka.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
    describe(out, kafka, bootstrap);
    Shutdown shutdown = Shutdown.install();
    try {
      try (EmbeddedKafka embedded = bootstrap == null ? startEmbedded(out) : null) {
        String servers = embedded == null ? bootstrap : embedded.bootstrapServers();
        Map<String, Object> client = new HashMap<>(kafka);
        client.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, servers);
        int inputPartitions = prepareTopics(client);
        TopologyOptions options = TopologyOptions.defaults().withInputPartitions(inputPartitions)
            .withTimes(eventTimes.range()).withControl(control).withPseudonymizer(pseudonymizer).withIdleAfter(IDLE_AFTER);
        serve(out, config, options, token, advertise, client, shutdown);
      }
      // before done(): once the shutdown hook returns, the JVM ends without waiting for this thread
      out.println("narrowcast run: stopped");
    } finally {
      shutdown.done();
    }
    return 0;
  }

  private void serve(PrintStream out, DetectionConfig config, TopologyOptions options, Optional<BearerToken> token,
      AdvertisedEndpoint advertise, Map<String, Object> client, Shutdown shutdown) throws IOException, InterruptedException {
    DetectorMetrics metrics = new DetectorMetrics();
    Topology topology = DetectorTopology.build(config, options, metrics);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    InetSocketAddress bind = new InetSocketAddress(httpBind.host(), httpBind.port());
    try (QueryServer http = new QueryServer(bind, token); LocalState local = localState(out)) {
      HostInfo advertised = advertise.at(http.address().getPort());
      try (KafkaStreams streams = new KafkaStreams(topology, streamsProperties(client, advertised));
          DetectorMeters meters = DetectorMeters.bind(registry, metrics, streams, stores(topology))) {
        DetectorMeters.bindWarmUp(registry, metrics, config);
        List<WarmUp> warmUp = WarmUp.of(config);
        EventNormalizer names = new EventNormalizer(config.sourceGranularity(), config.domainGranularity());
        http.start(new QueryServer.Backend(streams::state, registry::scrape,
            new StreamsQuerierSets(streams, advertised, config.window()), names::domainKey,
            () -> warmUp.stream().map(rule -> rule.describe(metrics.watchedSince(), metrics.eventTime())).toList()));
        streams.setStateListener((now, before) -> {
          if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING) {
            shutdown.request();
          }
        });
        AtomicReference<Throwable> failure = new AtomicReference<>();
        streams.setUncaughtExceptionHandler(e -> {
          failure.compareAndSet(null, e);
          return StreamThreadExceptionResponse.SHUTDOWN_CLIENT; // as without a handler: a supervisor restarts the process
        });
        streams.start();
        // the host as given: bound to 0.0.0.0, the socket reports the IPv6 wildcard, 0:0:0:0:0:0:0:0, which is no URL
        out.printf(Locale.ROOT, "narrowcast run: application %s on %s; HTTP on http://%s:%d, advertised to other "
            + "instances as %s:%d (%s)%n", applicationId, client.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG),
            httpBind.host(), http.address().getPort(), advertised.host(), advertised.port(), advertise.why());
        // a fresh detector learns before it can alert: say how long, in event time (GET /ready says from when)
        warmUp.forEach(rule -> out.println("narrowcast run: " + rule.describe(metrics.watchedSince(), metrics.eventTime())));
        shutdown.await();
        KafkaStreams.State state = streams.state();
        if (state != KafkaStreams.State.ERROR) {
          out.println("narrowcast run: stopping on a signal: committing and leaving the group");
        }
        // leave the group: the others take over this instance's tasks now, not after the session timeout
        boolean closed = streams.close(CloseOptions.timeout(CLOSE_TIMEOUT)
            .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
        if (state == KafkaStreams.State.ERROR) {
          throw new ClusterException("Kafka Streams failed" + (failure.get() == null ? "" : " on " + firstLine(failure.get()))
              + " (the log above says more); stopped");
        }
        if (!closed) {
          out.printf("narrowcast run: Kafka Streams did not close within %d s; stopping anyway%n", CLOSE_TIMEOUT.toSeconds());
        } else {
          local.stoppedCleanly();
        }
      }
    }
  }

  /** The state directory for this process; after a stop that was not clean, its stores deleted first. */
  private LocalState localState(PrintStream out) throws IOException {
    try {
      LocalState local = LocalState.open(dataDir, stateDir().resolve(applicationId));
      if (local.rebuilt()) {
        out.println("narrowcast run: the last run on this --data-dir did not stop cleanly: its local stores were deleted "
            + "and are rebuilt from the changelogs");
      }
      return local;
    } catch (LocalState.InUse e) {
      throw new UserException("--data-dir: " + e.getMessage() + "; give each instance a --data-dir of its own");
    }
  }

  private Path stateDir() {
    return dataDir.resolve("state");
  }

  /** What failed, in one line: a Streams exception may carry a stack trace in its message. */
  private static String firstLine(Throwable e) {
    String text = e.getClass().getSimpleName() + ": " + e.getMessage();
    int end = text.indexOf('\n');
    return end < 0 ? text : text.substring(0, end);
  }

  private void checkRanges() {
    Checks.atLeast("--stream-threads", streamThreads, 1);
    Checks.atLeast("--standby-replicas", standbyReplicas, 0);
    if (partitions != null) {
      Checks.atLeast("--partitions", partitions, 1);
    }
    if (replicationFactor != null) {
      Checks.atLeast("--replication-factor", replicationFactor, 1);
    }
    if (embeddedBrokerPort != 0) {
      Checks.controllerPort("--embedded-broker-port", embeddedBrokerPort);
    }
  }

  /** The token, required when the endpoint listens beyond loopback. */
  private Optional<BearerToken> token() throws IOException {
    if (httpTokenFile == null) {
      if (!isLoopback(httpBind.host())) {
        throw new UserException("--http-bind " + httpBind.host() + ":" + httpBind.port() + " is not a loopback address: "
            + "give --http-token-file so that the endpoint requires a bearer token");
      }
      return Optional.empty();
    }
    return Optional.of(KeyFiles.read(httpTokenFile, "--http-token-file", BearerToken::fromFile));
  }

  private static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      throw new UserException("--http-bind: unknown host " + host);
    }
  }

  private SourcePseudonymizer pseudonymizer() throws IOException {
    if (pseudonymizeSources == null) {
      return SourcePseudonymizer.NONE;
    }
    return KeyFiles.read(pseudonymizeSources, "--pseudonymize-sources", HmacPseudonymizer::fromKeyFile);
  }

  private Map<String, Object> kafkaProperties() throws IOException {
    Map<String, Object> kafka = new TreeMap<>();
    if (kafkaConfig != null) {
      KeyFiles.requireReadable(kafkaConfig, "--kafka-config");
      Properties properties = new Properties();
      try (Reader reader = Files.newBufferedReader(kafkaConfig, StandardCharsets.UTF_8)) {
        properties.load(reader);
      } catch (IllegalArgumentException e) {
        throw new UserException("--kafka-config " + kafkaConfig + ": " + e.getMessage());
      }
      properties.stringPropertyNames().forEach(key -> kafka.put(key, properties.getProperty(key)));
    }
    return kafka;
  }

  /**
   * The effective configuration, secrets masked, and settings that look like mistakes; with a cluster
   * ({@code bootstrap} not null) the embedded broker's port is marked unused, as no broker starts.
   */
  private void describe(PrintStream out, Map<String, Object> kafka, String bootstrap) {
    ConfigDefaults defaults = spec.commandLine().getDefaultValueProvider() instanceof ConfigDefaults d ? d : null;
    Map<String, String> unused = bootstrap == null ? Map.of() : Map.of("embedded-broker-port",
        (bootstrapServers != null ? "bootstrap-servers" : CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG) + " is set");
    out.println("narrowcast run: effective configuration");
    EffectiveConfiguration.describe(spec, defaults, detection.derivedDefaults(), kafka, "kafka-config " + kafkaConfig,
        unused).forEach(out::println);
    if (defaults != null) {
      defaults.unknownKeys(spec.options()).forEach(key ->
          out.printf("warning: '%s' in %s is not an option of run; ignored%n", key, defaults.file().orElseThrow()));
    }
    new TreeSet<>(kafka.keySet()).stream().filter(OWN_STREAMS_SETTINGS::contains).forEach(key ->
        out.printf("warning: %s in --kafka-config is set by run's own options; ignored%n", key));
  }

  private EmbeddedKafka startEmbedded(PrintStream out) {
    Path brokerDir = dataDir.resolve("broker");
    EmbeddedKafka kafka = embeddedBrokerPort == 0
        ? EmbeddedKafka.start(brokerDir)
        : EmbeddedKafka.start(brokerDir, embeddedBrokerPort, embeddedBrokerPort + 1);
    out.printf("narrowcast run: embedded Kafka broker on %s, data in %s%n", kafka.bootstrapServers(), brokerDir);
    return kafka;
  }

  /** Creates or checks the topics; returns the partitions of dns.events. */
  private int prepareTopics(Map<String, Object> client) throws InterruptedException {
    try (Admin admin = Admin.create(client)) {
      if (createTopics) {
        TopicAdmin.ensure(admin, Topics.ALL, Optional.ofNullable(partitions), Optional.ofNullable(replicationFactor));
      } else {
        TopicAdmin.requireExisting(admin, Topics.ALL);
      }
      return TopicAdmin.partitions(admin, Topics.EVENTS.name());
    }
  }

  Properties streamsProperties(Map<String, Object> client, HostInfo advertised) {
    Map<String, Object> overrides = new HashMap<>(client);
    overrides.keySet().removeAll(OWN_STREAMS_SETTINGS);
    overrides.put(StreamsConfig.APPLICATION_SERVER_CONFIG, advertised.host() + ":" + advertised.port());
    overrides.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, standbyReplicas);
    overrides.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, streamThreads);
    if (replicationFactor != null) {
      overrides.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) replicationFactor);
    }
    return StreamsSettings.detector(applicationId, (String) client.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG),
        stateDir(), overrides);
  }

  /** Every state store of the topology, for the store-size metrics. */
  private static Set<String> stores(Topology topology) {
    Set<String> stores = new TreeSet<>();
    for (TopologyDescription.Subtopology sub : topology.describe().subtopologies()) {
      for (TopologyDescription.Node node : sub.nodes()) {
        if (node instanceof TopologyDescription.Processor processor) {
          stores.addAll(processor.stores());
        }
      }
    }
    return stores;
  }

  /** HOST:PORT, as Kafka Streams' application.server has it. */
  static final class Endpoint implements ITypeConverter<HostInfo> {
    @Override
    public HostInfo convert(String value) {
      try {
        HostInfo endpoint = HostInfo.buildFromEndpoint(value);
        if (endpoint == null) {
          throw new TypeConversionException("'" + value + "' is not HOST:PORT");
        }
        if (endpoint.port() > Checks.MAX_PORT) {
          throw new TypeConversionException("'" + value + "': the port must be from 0 (any) to " + Checks.MAX_PORT);
        }
        return endpoint;
      } catch (ConfigException e) {
        throw new TypeConversionException("'" + value + "' is not HOST:PORT");
      }
    }
  }

  /**
   * Stops the command on SIGTERM or Ctrl-C, or when Kafka Streams stops by itself, and holds the JVM's
   * exit until everything is closed.
   */
  private static final class Shutdown {
    private final CountDownLatch requested = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook = new Thread(this::onSignal, "narrowcast-shutdown");

    static Shutdown install() {
      Shutdown shutdown = new Shutdown();
      Runtime.getRuntime().addShutdownHook(shutdown.hook);
      return shutdown;
    }

    private void onSignal() {
      requested.countDown();
      try {
        finished.await(CLOSE_TIMEOUT.toSeconds() * 2, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    void request() {
      requested.countDown();
    }

    void await() throws InterruptedException {
      requested.await();
    }

    void done() {
      finished.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // the JVM is already shutting down: the hook is running and now returns
      }
    }
  }
}
