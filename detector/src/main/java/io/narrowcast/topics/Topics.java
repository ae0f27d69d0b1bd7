package io.narrowcast.topics;

import io.narrowcast.avro.Alert;
import io.narrowcast.avro.DnsEvent;
import io.narrowcast.schema.AvroSerde;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;

/** The topics of DESIGN.md: names and serdes are part of the contract with producers and consumers. */
public final class Topics {
  /** DNS events, key = normalized query name, timestamp = event time. */
  public static final Topic<String, DnsEvent> EVENTS =
      new Topic<>("dns.events", Serdes.String(), AvroSerde.of(DnsEvent.class));
  /** Rejected input, the original bytes as value, the reason in {@link DeadLetters} headers. */
  public static final Topic<String, byte[]> DEAD_LETTERS =
      new Topic<>("dns.events.dlq", Serdes.String(), Serdes.ByteArray());
  /** Alerts, key = domain. */
  public static final Topic<String, Alert> ALERTS =
      new Topic<>("dns.alerts", Serdes.String(), AvroSerde.of(Alert.class));

  /** The same alerts as OCSF Detection Findings (JSON text), key = domain, for SIEM connectors. */
  public static final Topic<String, String> ALERTS_OCSF =
      new Topic<>("dns.alerts.ocsf", Serdes.String(), Serdes.String());

  /** Every topic the detector reads or writes, for creation and checks. */
  public static final List<Topic<?, ?>> ALL = List.of(EVENTS, DEAD_LETTERS, ALERTS, ALERTS_OCSF);

  private Topics() {}
}
