package io.narrowcast.cli;

import io.narrowcast.alert.AlertJson;
import io.narrowcast.avro.Alert;
import io.narrowcast.config.DetectionConfig;
import io.narrowcast.ingest.Format;
import io.narrowcast.ingest.IngestSummary;
import io.narrowcast.replay.Replay;
import io.narrowcast.replay.ReplayRequest;
import io.narrowcast.replay.ReplayResult;
import io.narrowcast.topics.DeadLetter;
import io.narrowcast.replay.ShortInput;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/** narrowcast replay: the forensic mode over log files. */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = {"Replay DNS logs through the detector on an embedded Kafka broker and write the alerts.",
        "Alerts go to --alerts-out as JSON lines, or to standard output; progress and the summary go to standard error."})
final class ReplayCommand implements Callable<Integer> {
  @Option(names = "--format", required = true, converter = FormatConverter.class, paramLabel = "FORMAT",
      description = "Input format: zeek (TSV), zeek-json, suricata, bind, dnstap, jsonl; files plain or gzip.")
  Format format;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Log files, replayed in the order given.")
  List<Path> files;

  @Option(names = "--alerts-out", paramLabel = "FILE", description = "Write alerts here as JSON lines.")
  Path alertsOut;

  @Option(names = "--dlq-out", paramLabel = "FILE",
      description = "Write the replay's dead letters here as JSON lines, as dlq --json shows them.")
  Path dlqOut;

  @Option(names = "--report-dir", paramLabel = "DIR",
      description = "Also write an HTML report per alert here: its facts and a timeline of lookups per source.")
  Path reportDir;

  @Option(names = "--partitions", defaultValue = "1", paramLabel = "N",
      description = "Partitions of the topics on the embedded broker (default: ${DEFAULT-VALUE}).")
  int partitions;

  @Mixin
  DetectionOptions detection;

  @Override
  public Integer call() throws IOException, InterruptedException {
    long started = System.nanoTime();
    for (Path file : files) {
      if (!Files.isReadable(file) || Files.isDirectory(file)) {
        throw new UserException("cannot read " + file);
      }
    }
    var config = detection.toConfig();
    if (reportDir != null) {
      OutputFile.requireDirectory(reportDir, "--report-dir");
    }
    try (OutputFile out = alertsOut == null ? null : OutputFile.open(alertsOut, "--alerts-out", files);
        OutputFile dlq = dlqOut == null ? null : OutputFile.open(dlqOut, "--dlq-out", files)) {
      if (out != null && dlq != null && dlq.sameFile(out)) {
        throw new UserException("--dlq-out " + dlqOut + " is --alerts-out " + alertsOut + ": one would replace the other");
      }
      Consumer<Alert> sink = out == null ? alert -> System.out.println(AlertJson.write(alert))
          : alert -> writeLine(out, AlertJson.write(alert));
      Consumer<DeadLetter> deadLetterSink = dlq == null ? null : letter -> writeLine(dlq, letter.json());
      ReplayResult result = Replay.run(
          new ReplayRequest(files, format, config, partitions, sink, System.err, reportDir, deadLetterSink));
      int status = Summary.status(result.ingest());
      boolean written = out != null && status == 0; // an input refused whole leaves an earlier --alerts-out as it was
      if (written) {
        out.commit();
      }
      if (dlq != null) {
        dlq.commit(); // what was refused is worth looking at most when everything was
      }
      Summary.print(System.err, result, format, config, written ? alertsOut : null, dlqOut,
          Duration.ofNanos(System.nanoTime() - started));
      return status;
    }
  }

  private static void writeLine(OutputFile out, String line) {
    try {
      out.stream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static final class FormatConverter implements ITypeConverter<Format> {
    @Override
    public Format convert(String value) {
      try {
        return Format.fromCliName(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** The closing lines of a replay, and the input line that ingest shares. */
  static final class Summary {
    private Summary() {}

    /**
     * @param inAll the whole command, which a load can make far longer than ingest and detection: the
     *     broker's start, topics, reports, the broker's stop
     */
    static void print(PrintStream out, ReplayResult result, Format format, DetectionConfig config, Path alertsOut,
        Path dlqOut, Duration inAll) {
      printInput(out, result.ingest(), format);
      out.printf("detector: %,d events, %,d late (after their window closed), %,d alerts%s%n",
          result.eventsDetected(), result.lateDropped(), result.alerts().size(),
          alertsOut == null ? "" : " written to " + alertsOut);
      if (dlqOut != null) {
        out.printf("dead letters: %,d written to %s%n", result.deadLetters(), dlqOut);
      }
      ShortInput.notes(config, result.ingest().firstAcceptedTime(), result.ingest().lastEventTime())
          .forEach(note -> out.println("note: " + note));
      out.printf("time: %.1f s in all (broker start %.1f s, ingest and detection %.1f s); "
          + "%,.0f events/s through ingest and detection%n", seconds(inAll), seconds(result.brokerStart()),
          seconds(result.elapsed()), result.eventsPerSecond());
      printReports(out, "", result.reports());
    }

    private static double seconds(Duration duration) {
      return duration.toMillis() / 1000.0;
    }

    /**
     * The exit status once the input is read: a usage error when records were refused and none was
     * accepted, as with the wrong --format; an input of records to skip alone, or of none, is no error.
     */
    static int status(IngestSummary ingest) {
      return ingest.refusedAndNoneAccepted() ? Main.USAGE_ERROR : 0;
    }

    /**
     * What became of the input, and which inputs broke off (the rest of each is lost); when nothing
     * could be parsed, a hint that the format may be wrong (it is not guessed).
     */
    static void printInput(PrintStream out, IngestSummary ingest, Format format) {
      out.println("input: " + ingest.describe());
      List<String> cutShort = ingest.cutShort();
      cutShort.forEach(input -> out.println("cut short: " + input));
      if (ingest.cutShortCount() > cutShort.size()) {
        out.printf("cut short: %,d more%n", ingest.cutShortCount() - cutShort.size());
      }
      if (ingest.nothingParsed()) {
        out.println("hint: every record was refused; is --format " + format + " right for this input?");
      }
    }

    static void printReports(PrintStream out, String indent, List<Path> reports) {
      if (!reports.isEmpty()) {
        out.printf("%sreports: %d written to %s%n", indent, reports.size(), reports.get(0).getParent());
      }
    }
  }
}
