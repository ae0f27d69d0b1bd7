package io.narrowcast.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.narrowcast.alert.AlertJson;
import io.narrowcast.avro.Alert;
import io.narrowcast.embedded.TopicContents;
import io.narrowcast.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.kafka.common.IsolationLevel;

/**
 * dns.alerts and dns.alerts.ocsf as a read_committed consumer sees them, each record as one line
 * "key @timestamp value" (alerts in their JSON contract form), sorted: two runs that sent the same
 * messages give equal lists, whatever the partitions' interleaving.
 *
 * @param alerts the records of dns.alerts
 * @param findings the records of dns.alerts.ocsf
 */
record AlertTopics(List<String> alerts, List<String> findings) {
  static AlertTopics read(String bootstrap) {
    return new AlertTopics(
        lines(bootstrap, Topics.ALERTS.name(), value -> AlertJson.write(decode(value))),
        lines(bootstrap, Topics.ALERTS_OCSF.name(), value -> new String(value, StandardCharsets.UTF_8)));
  }

  private static List<String> lines(String bootstrap, String topic, Function<byte[], String> value) {
    return TopicContents.readAll(bootstrap, topic).stream()
        .map(r -> r.key() + " @" + r.timestamp() + " " + value.apply(r.value()))
        .sorted().toList();
  }

  private static Alert decode(byte[] value) {
    return Topics.ALERTS.valueSerde().deserializer().deserialize(Topics.ALERTS.name(), value);
  }

  /** Exactly the records of {@code expected} (ids, kinds, names, sources, statuses and every other field), none twice. */
  void assertSameAs(AlertTopics expected) {
    assertThat(alerts).as("dns.alerts").doesNotHaveDuplicates().containsExactlyElementsOf(expected.alerts);
    assertThat(findings).as("dns.alerts.ocsf").doesNotHaveDuplicates().containsExactlyElementsOf(expected.findings);
  }

  /**
   * Records on dns.alerts that a read_committed consumer never sees: what aborted transactions (of a
   * killed or fenced detector) had written. Shows that a fault hit the detector while it was sending.
   */
  static int abortedAlerts(String bootstrap) {
    return TopicContents.readAll(bootstrap, Topics.ALERTS.name(), IsolationLevel.READ_UNCOMMITTED).size()
        - TopicContents.readAll(bootstrap, Topics.ALERTS.name()).size();
  }

  /** Alert messages by kind and status, for logs and reports: {QUERIER_COLLAPSE new=1, ...}. */
  Map<String, Long> counts() {
    Map<String, Long> counts = new TreeMap<>();
    for (String line : alerts) {
      Alert alert = AlertJson.read(line.substring(line.indexOf(" {") + 1));
      counts.merge(alert.getKind() + " " + alert.getStatus(), 1L, Long::sum);
    }
    return counts;
  }
}
