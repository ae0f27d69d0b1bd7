package io.narrowcast.replay;

import io.narrowcast.avro.Alert;
import io.narrowcast.ingest.IngestSummary;
import io.narrowcast.runtime.AlertMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The outcome of a replay.
 *
 * @param ingest what was read, accepted, rejected and skipped
 * @param eventsDetected events the topology took in (normalized, valid)
 * @param lateDropped lookups that arrived after their window closed
 * @param messages every message on dns.alerts, with its key and record timestamp, in the order read
 * @param elapsed ingest and detection: from the start of Kafka Streams until the last alert was committed
 * @param reports the report pages written, one per alert (none unless asked for)
 * @param deadLetters the dead letters handed to {@link ReplayRequest#onDeadLetter()} (none unless asked for)
 * @param brokerStart how long the embedded broker took to start; zero on a running cluster
 */
public record ReplayResult(IngestSummary ingest, long eventsDetected, long lateDropped, List<AlertMessage> messages, Duration elapsed,
    List<Path> reports, long deadLetters, Duration brokerStart) {
  public ReplayResult {
    messages = List.copyOf(messages);
    reports = List.copyOf(reports);
  }

  /** Every alert, in the order read. */
  public List<Alert> alerts() {
    return messages.stream().map(AlertMessage::alert).toList();
  }

  /** This result, its broker having taken {@code duration} to start. */
  public ReplayResult withBrokerStart(Duration duration) {
    return new ReplayResult(ingest, eventsDetected, lateDropped, messages, elapsed, reports, deadLetters, duration);
  }

  /** Events per second through ingest and detection together. */
  public double eventsPerSecond() {
    return ingest.accepted() / Math.max(0.001, elapsed.toMillis() / 1000.0);
  }
}
