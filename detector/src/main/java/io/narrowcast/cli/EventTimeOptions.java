package io.narrowcast.cli;

import io.narrowcast.normalize.TimeRange;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import picocli.CommandLine.Option;

/** Which event times are believed, the same for ingest and the detector: others are dead letters, "time out of range". */
final class EventTimeOptions {
  @Option(names = "--min-time", converter = IngestCommand.InstantConverter.class, defaultValue = "1970-01-01",
      paramLabel = "TIME", description = "Refuse events before this date or ISO-8601 instant (default: ${DEFAULT-VALUE}).")
  Instant minTime;

  @Option(names = "--max-future", converter = Durations.class, defaultValue = "30m", paramLabel = "DURATION",
      description = "Refuse events further than this ahead of the clock (default: ${DEFAULT-VALUE}).")
  Duration maxFuture;

  TimeRange range() {
    return new TimeRange(minTime, maxFuture, Clock.systemUTC());
  }
}
