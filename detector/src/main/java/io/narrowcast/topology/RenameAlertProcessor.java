package io.narrowcast.topology;

import io.narrowcast.alert.AlertKind;
import io.narrowcast.alert.AlertLifecycle;
import io.narrowcast.alert.AlertState;
import io.narrowcast.avro.Alert;
import io.narrowcast.config.DetectionConfig;
import io.narrowcast.detect.RenameMatch;
import io.narrowcast.metrics.DetectorMetrics;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Runs keyed by the new name, beside the aggregator (same tasks, same "alert-state" store): turns
 * rename matches into one RENAME_FOLLOW alert per new name. The same match arrives once per shared
 * source; only the first, or a stronger one, is sent. The aggregator's sweep closes these alerts.
 */
final class RenameAlertProcessor implements Processor<String, RenameMatch, String, Alert> {
  private final AlertLifecycle lifecycle;
  private final DetectorMetrics metrics;
  private ProcessorContext<String, Alert> context;
  private AlertStore alerts;

  RenameAlertProcessor(DetectionConfig config, DetectorMetrics metrics) {
    this.lifecycle = new AlertLifecycle(config);
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<String, Alert> context) {
    this.context = context;
    this.alerts = new AlertStore(context.getStateStore(DetectorTopology.ALERT_STATE_STORE), metrics);
  }

  @Override
  public void process(Record<String, RenameMatch> record) {
    String key = AlertState.key(AlertKind.RENAME_FOLLOW, record.key());
    alerts.apply(key, lifecycle.renameMatch(alerts.get(key), record.value()),
        alert -> context.forward(record.withValue(alert)));
  }
}
