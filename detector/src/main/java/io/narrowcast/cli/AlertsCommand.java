package io.narrowcast.cli;

import io.narrowcast.alert.AlertJson;
import io.narrowcast.alert.AlertKind;
import io.narrowcast.alert.AlertTable;
import io.narrowcast.alert.Alerts;
import io.narrowcast.alert.OcsfFinding;
import io.narrowcast.avro.Alert;
import io.narrowcast.runtime.TopicReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * narrowcast alerts: the alert topic of any cluster, as a table or as the JSON line contract, or its
 * OCSF findings; or a file of alerts as replay writes them.
 */
@Command(name = "alerts", mixinStandardHelpOptions = true,
    description = {"Show the alerts on dns.alerts (committed messages only), oldest first, as a table or as JSON lines.",
        "TIME is the event time at which the detector sent each message (from --file, the window's end: a file keeps no "
            + "send time)."})
final class AlertsCommand implements Callable<Integer> {
  /** The flags of reading from Kafka, which a --file cannot take. */
  private static final List<String> KAFKA_ONLY = List.of("--bootstrap-servers", "--kafka-config", "--follow", "--ocsf");

  @Spec
  CommandSpec spec;

  @Mixin
  KafkaOptions kafka;

  @Option(names = "--file", paramLabel = "FILE",
      description = "Read alert JSON lines from this file (as replay --alerts-out writes them) instead of Kafka.")
  Path file;

  @Option(names = "--json", description = "One alert a line in the JSON contract of replay --alerts-out.")
  boolean json;

  @Option(names = "--ocsf", description = "Show the OCSF Detection Findings on dns.alerts.ocsf instead, one JSON object a line, "
      + "as a SIEM receives them.")
  boolean ocsf;

  @Option(names = "--follow", description = "Keep showing alerts as they come, until Ctrl-C.")
  boolean follow;

  @Option(names = "--since", converter = SinceConverter.class, paramLabel = "TIME|DURATION",
      description = "Only alerts sent at or after this date, ISO-8601 instant, or this long ago (7d, 12h).")
  Instant since;

  @Option(names = "--kind", converter = KindConverter.class, paramLabel = "KIND",
      description = "Only QUERIER_COLLAPSE (collapse) or RENAME_FOLLOW (rename) alerts.")
  AlertKind kind;

  @Override
  public Integer call() {
    checkUsage();
    if (ocsf) {
      TopicView.show(TopicReader.ocsfFindings(kafka.clientConfig()), follow, message -> {
        if (wanted(OcsfFinding.kind(message.value()), message)) {
          print(message.value().toString());
        }
      });
      return 0;
    }
    Consumer<TopicReader.Message<Alert>> show = message -> {
      Alert alert = message.value();
      if (wanted(alert.getKind(), message)) {
        print(json ? AlertJson.write(alert) : AlertTable.row(alert, message.time()));
      }
    };
    // the source opened before the header: one that cannot be read is an error line alone
    if (file != null) {
      List<TopicReader.Message<Alert>> messages = readFile();
      printHeader();
      messages.forEach(show);
    } else {
      TopicReader<Alert> reader = TopicReader.alerts(kafka.clientConfig());
      printHeader();
      TopicView.show(reader, follow, show);
    }
    return 0;
  }

  private void checkUsage() {
    if (ocsf && json) {
      throw new UserException("--ocsf shows the findings' own JSON: leave out --json, the alert contract's");
    }
    if (file != null) {
      // flags only: a cluster named in the environment or --config is a default, not a contradiction
      for (String flag : KAFKA_ONLY) {
        if (spec.commandLine().getParseResult().hasMatchedOption(flag)) {
          throw new UserException("--file and " + flag + " cannot be combined: --file reads alert JSON lines from a file, "
              + "without Kafka");
        }
      }
    }
  }

  private void printHeader() {
    if (!json) {
      print(AlertTable.header());
    }
  }

  /**
   * The alerts of --file, oldest first (by window end: a file keeps no send time); a line that is no
   * alert is skipped with a warning naming it, as alerts skips what is no alert on the topic.
   */
  private List<TopicReader.Message<Alert>> readFile() {
    List<TopicReader.Message<Alert>> messages = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      long number = 0;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        number++;
        try {
          Alert alert = AlertJson.read(line);
          messages.add(new TopicReader.Message<>(Alerts.sentAt(alert, Long.MIN_VALUE), alert));
        } catch (IllegalArgumentException e) {
          System.err.println("alerts: " + file + ":" + number + ": skipped, " + e.getMessage());
        }
      }
    } catch (IOException e) {
      throw new UserException("cannot read --file " + file + OutputFile.why(e));
    }
    messages.sort(Comparator.comparingLong(TopicReader.Message::time));
    return messages;
  }

  /** Whether a message of an alert of kind {@code alertKind} passes --kind and --since. */
  private boolean wanted(String alertKind, TopicReader.Message<?> message) {
    return (kind == null || kind.name().equals(alertKind)) && TopicView.since(since, message);
  }

  /** A line at once: --follow shows each as it comes. */
  private static void print(String line) {
    System.out.println(line);
    System.out.flush();
  }

  /** A date (midnight UTC), an ISO-8601 instant, or a duration back from now. */
  static final class SinceConverter implements ITypeConverter<Instant> {
    private final Clock clock;

    SinceConverter() {
      this(Clock.systemUTC());
    }

    SinceConverter(Clock clock) {
      this.clock = clock;
    }

    @Override
    public Instant convert(String value) {
      try {
        return clock.instant().minus(Durations.parse(value));
      } catch (Durations.NotADuration notADuration) {
        try {
          return new IngestCommand.InstantConverter().convert(value);
        } catch (TypeConversionException notATime) {
          throw new TypeConversionException("'" + value + "' is not a time or a duration: use 2016-05-01, "
              + "2016-05-01T09:00:00Z, 12h or 7d");
        }
      }
    }
  }

  /** QUERIER_COLLAPSE or RENAME_FOLLOW in any case, or the table's short names collapse and rename. */
  static final class KindConverter implements ITypeConverter<AlertKind> {
    @Override
    public AlertKind convert(String value) {
      return switch (value.toLowerCase(Locale.ROOT)) {
        case "querier_collapse", "collapse" -> AlertKind.QUERIER_COLLAPSE;
        case "rename_follow", "rename" -> AlertKind.RENAME_FOLLOW;
        default -> throw new TypeConversionException("'" + value + "' is not a kind: use QUERIER_COLLAPSE or RENAME_FOLLOW");
      };
    }
  }
}
