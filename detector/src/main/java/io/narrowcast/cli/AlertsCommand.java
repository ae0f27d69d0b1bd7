package io.narrowcast.cli;

import io.narrowcast.alert.AlertJson;
import io.narrowcast.alert.AlertKind;
import io.narrowcast.alert.AlertTable;
import io.narrowcast.runtime.AlertReader;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** narrowcast alerts: the alert topic of any cluster, as a table or as the JSON line contract. */
@Command(name = "alerts", mixinStandardHelpOptions = true,
    description = {"Show the alerts on dns.alerts (committed messages only), oldest first, as a table or as JSON lines.",
        "TIME is the event time at which the detector sent each message."})
final class AlertsCommand implements Callable<Integer> {
  /** Longest a stopped --follow holds the JVM to close its consumer. */
  private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(10);

  @Mixin
  KafkaOptions kafka;

  @Option(names = "--json", description = "One alert a line in the JSON contract of replay --alerts-out.")
  boolean json;

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
    PrintStream out = System.out;
    CountDownLatch closed = new CountDownLatch(1);
    try (AlertReader reader = new AlertReader(kafka.clientConfig(), since)) {
      if (!json) {
        out.println(AlertTable.header());
      }
      Consumer<AlertReader.Message> print = message -> {
        if (kind == null || kind.name().equals(message.alert().getKind())) {
          out.println(json ? AlertJson.write(message.alert()) : AlertTable.row(message.alert(), message.time()));
          out.flush();
        }
      };
      reader.readToEnd(print);
      if (follow) {
        // only Ctrl-C or SIGTERM end it: the hook wakes the reader up and holds the JVM until it is closed
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          reader.wakeup();
          awaitQuietly(closed);
        }, "alerts-shutdown"));
        reader.follow(print);
      }
    } finally {
      closed.countDown();
    }
    return 0;
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
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
