package io.narrowcast.topology;

import io.narrowcast.alert.AlertKind;
import io.narrowcast.alert.AlertLifecycle;
import io.narrowcast.alert.AlertState;
import io.narrowcast.avro.Alert;
import io.narrowcast.config.DetectionConfig;
import io.narrowcast.detect.RenameMatch;
import io.narrowcast.detect.RenameMatcher;
import io.narrowcast.eventtime.Mark;
import io.narrowcast.eventtime.Pending;
import io.narrowcast.eventtime.Watermarks;
import io.narrowcast.metrics.DetectorMetrics;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Runs keyed by the new name, beside the aggregator (same tasks, same "alert-state" store): turns
 * rename matches into one RENAME_FOLLOW alert per new name, and closes it once rename-max-lag has
 * passed. The same match arrives once per shared source, each with that source's report of how often
 * it takes up new names; merged, the reports decide whether it is a rename at all
 * ({@link RenameMatcher#isEvident}). Only the first rename, or a stronger one, is sent.
 *
 * <p>Matches come from every matching task: they wait ("match-pending") until every one has marked
 * its progress past them, and are then handled in event-time order, with the alerts' closes at their
 * own times in between. So which match opens an alert and which updates it, and when it closes, do
 * not depend on which task ran ahead; every message is stamped with the time it stands for.
 */
final class RenameAlertProcessor implements Processor<String, RenameMatch, String, Alert> {
  private final AlertLifecycle lifecycle;
  private final RenameMatcher matcher;
  private final int origins;
  private final DetectorMetrics metrics;
  private ProcessorContext<String, Alert> context;
  private AlertStore alerts;
  private Pending<RenameMatch> pending;
  private Watermarks watermarks;

  RenameAlertProcessor(DetectionConfig config, int origins, DetectorMetrics metrics) {
    this.lifecycle = new AlertLifecycle(config);
    this.matcher = new RenameMatcher(config);
    this.origins = origins;
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<String, Alert> context) {
    this.context = context;
    this.alerts = new AlertStore(context.getStateStore(DetectorTopology.ALERT_STATE_STORE), metrics,
        AlertKind.RENAME_FOLLOW, lifecycle::dueAt);
    this.pending = new Pending<>(context.getStateStore(DetectorTopology.MATCH_PENDING_STORE));
    this.watermarks = new Watermarks(context.getStateStore(DetectorTopology.MATCH_WATERMARKS_STORE), origins);
  }

  @Override
  public void process(Record<String, RenameMatch> record) {
    if (record.value() != null) {
      RenameMatch match = record.value();
      if (record.timestamp() <= watermarks.current()) {
        apply(match, record.timestamp()); // from a task that was idle: too late to wait
      } else {
        // the same match, once per shared source at the same time: their reports are merged
        pending.merge(record.timestamp(), match.newName() + '|' + match.oldName(), match, RenameMatch::merge);
      }
      return;
    }
    Optional<Mark> mark = Mark.of(record.headers());
    if (mark.isPresent() && watermarks.take(mark.get())) {
      for (Pending.Timed<RenameMatch> due : pending.takeUntil(watermarks.current())) {
        closeDue(due.time());
        apply(due.value(), due.time());
      }
      closeDue(watermarks.current());
    }
  }

  private void apply(RenameMatch match, long time) {
    if (!matcher.isEvident(match)) {
      return;
    }
    String key = AlertState.key(AlertKind.RENAME_FOLLOW, match.newName());
    alerts.apply(key, lifecycle.renameMatch(alerts.get(key), match),
        alert -> context.forward(new Record<>(match.newName(), alert, time)));
  }

  /** Closes (and later forgets) the renames due by {@code upTo}, each at its own time. */
  private void closeDue(long upTo) {
    for (AlertStore.Due due = alerts.pollDue(upTo); due != null; due = alerts.pollDue(upTo)) {
      String domain = due.state().last().getDomain();
      long time = due.time();
      alerts.apply(due.key(), lifecycle.sweep(due.state(), time),
          alert -> context.forward(new Record<>(domain, alert, time)));
    }
  }
}
