package io.narrowcast.cli;

import io.narrowcast.alert.AlertJson;
import io.narrowcast.avro.Alert;
import io.narrowcast.ingest.Format;
import io.narrowcast.ingest.IngestSummary;
import io.narrowcast.replay.Replay;
import io.narrowcast.replay.ReplayRequest;
import io.narrowcast.replay.ReplayResult;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
    for (Path file : files) {
      if (!Files.isReadable(file) || Files.isDirectory(file)) {
        throw new UserException("cannot read " + file);
      }
    }
    var config = detection.toConfig();
    if (reportDir != null) {
      OutputFile.requireDirectory(reportDir, "--report-dir");
    }
    try (OutputFile out = alertsOut == null ? null : OutputFile.open(alertsOut, "--alerts-out", files)) {
      Consumer<Alert> sink = out == null ? alert -> System.out.println(AlertJson.write(alert)) : alert -> writeLine(out, alert);
      ReplayResult result = Replay.run(new ReplayRequest(files, format, config, partitions, sink, System.err, reportDir));
      if (out != null) {
        out.commit();
      }
      Summary.print(System.err, result, format, alertsOut);
    }
    return 0;
  }

  private static void writeLine(OutputFile out, Alert alert) {
    try {
      out.stream().write((AlertJson.write(alert) + "\n").getBytes(StandardCharsets.UTF_8));
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

    static void print(PrintStream out, ReplayResult result, Format format, Path alertsOut) {
      printInput(out, result.ingest(), format);
      out.printf("detector: %,d events, %,d late (after their window closed), %,d alerts%s%n",
          result.eventsDetected(), result.lateDropped(), result.alerts().size(),
          alertsOut == null ? "" : " written to " + alertsOut);
      out.printf("time: %.1f s, %,.0f events/s through ingest and detection%n",
          result.elapsed().toMillis() / 1000.0, result.eventsPerSecond());
      printReports(out, "", result);
    }

    /** What became of the input; when nothing could be parsed, a hint that the format may be wrong (it is not guessed). */
    static void printInput(PrintStream out, IngestSummary ingest, Format format) {
      out.println("input: " + ingest.describe());
      if (ingest.nothingParsed()) {
        out.println("hint: every record was refused; is --format " + format + " right for this input?");
      }
    }

    static void printReports(PrintStream out, String indent, ReplayResult result) {
      if (!result.reports().isEmpty()) {
        out.printf("%sreports: %d written to %s%n", indent, result.reports().size(), result.reports().get(0).getParent());
      }
    }
  }
}
