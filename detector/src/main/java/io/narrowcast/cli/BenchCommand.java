package io.narrowcast.cli;

import io.narrowcast.bench.Bench;
import io.narrowcast.bench.BenchEvents;
import io.narrowcast.bench.BenchLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** narrowcast bench: the detector's cost per event against the limits of this machine, in one run. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Generate a feed, produce it to an embedded broker, and measure over the same topic, one after the "
        + "other and each in its own JVM: (a) a bare consumer decoding every event, (b) a plain Kafka Streams "
        + "windowed count, (c) the full detector. Prints events/s, the ratios c/b and c/a, peak heap and RSS, and "
        + "state on disk.")
final class BenchCommand implements Callable<Integer> {
  @Option(names = "--events", defaultValue = "2000000", paramLabel = "N", description = "Events (default: ${DEFAULT-VALUE}).")
  long events;

  @Option(names = "--names", defaultValue = "1000000", paramLabel = "N",
      description = "Names with Zipf popularity (default: ${DEFAULT-VALUE}).")
  int names;

  @Option(names = "--sources", defaultValue = "50000", paramLabel = "N", description = "Sources (default: ${DEFAULT-VALUE}).")
  int sources;

  @Option(names = "--days", defaultValue = "30", paramLabel = "N",
      description = "Event-time span in days, one window a day (default: ${DEFAULT-VALUE}).")
  int days;

  @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--partitions", defaultValue = "1", paramLabel = "N",
      description = "Partitions of dns.events (default: ${DEFAULT-VALUE}).")
  int partitions;

  @Option(names = "--threads", defaultValue = "1", paramLabel = "N",
      description = "Stream threads of each Kafka Streams stage; the bare consumer reads with one (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = "--heap", defaultValue = "512m", paramLabel = "SIZE",
      description = "-Xmx of each measured JVM (default: ${DEFAULT-VALUE}).")
  String heap;

  @Option(names = "--compare", paramLabel = "JAR",
      description = "Instead of the three stages, run the detector of this build and of JAR (another build's "
          + "narrowcast.jar) in turns over the same feed, and print their ratio.")
  Path baseline;

  @Option(names = "--rounds", paramLabel = "N",
      description = "Runs of each stage, the count and the detector taking turns to go first; the ratios are "
          + "taken within each round and their median printed (default: 1). With --compare: runs of each build "
          + "(default: 3).")
  Integer rounds;

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (!heap.matches("\\d+[kKmMgG]?")) {
      throw new UserException("--heap wants a JVM size such as 512m or 1g, not '" + heap + "'");
    }
    if (rounds != null) {
      Checks.atLeast("--rounds", rounds, 1);
    }
    Checks.atLeast("--partitions", partitions, 1);
    Checks.atLeast("--threads", threads, 1);
    BenchEvents feed = new BenchEvents(events, names, sources, days, seed);
    BenchLayout layout = new BenchLayout(partitions, threads);
    if (baseline == null) {
      Bench.run(feed, layout, heap, rounds == null ? 1 : rounds, System.err).print(System.out);
      return 0;
    }
    if (threads != 1) {
      // a build before --threads runs one stream thread whatever it is asked: the pairs would not compare
      throw new UserException("--compare runs one stream thread in each build; leave out --threads");
    }
    if (!Files.isRegularFile(baseline)) {
      throw new UserException("--compare wants the jar of another build, and there is no file " + baseline);
    }
    Bench.compare(feed, layout, heap, baseline.toString(), rounds == null ? 3 : rounds, System.err).print(System.out);
    return 0;
  }
}
