package io.narrowcast.topology;

import io.narrowcast.alert.Alerts;
import io.narrowcast.alert.OcsfFinding;
import io.narrowcast.avro.Alert;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Renders each alert as an OCSF finding. A processor rather than mapValues: the finding's time comes
 * from the record's timestamp, the event time at which the detector sent the alert.
 */
final class OcsfProcessor implements FixedKeyProcessor<String, Alert, String> {
  private FixedKeyProcessorContext<String, String> context;

  @Override
  public void init(FixedKeyProcessorContext<String, String> context) {
    this.context = context;
  }

  @Override
  public void process(FixedKeyRecord<String, Alert> record) {
    context.forward(record.withValue(OcsfFinding.json(record.value(), Alerts.sentAt(record.value(), record.timestamp()))));
  }
}
