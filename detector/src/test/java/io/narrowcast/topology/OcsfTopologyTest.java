package io.narrowcast.topology;

import static io.narrowcast.topology.CollapseTopologyTest.DOMAIN;
import static io.narrowcast.topology.CollapseTopologyTest.closeDay;
import static io.narrowcast.topology.CollapseTopologyTest.day;
import static io.narrowcast.topology.CollapseTopologyTest.few;
import static io.narrowcast.topology.CollapseTopologyTest.manySources;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.narrowcast.avro.Alert;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dns.alerts.ocsf carries one finding per alert message, keyed by domain, timed by the detector's event time. */
class OcsfTopologyTest {
  static final ObjectMapper MAPPER = new ObjectMapper();
  @TempDir
  Path stateDir;

  @Test
  void everyAlertMessageIsAFindingAtTheEventTimeItWasSent() throws Exception {
    List<Alert> alerts;
    List<TestRecord<String, String>> findings;
    try (DetectorDriver d = new DetectorDriver(CollapseTopologyTest.ONE_WINDOW, stateDir)) {
      // given: a collapse that opens on day 14, then 3 days without lookups (dark after 3 days closes it)
      manySources(d, 0, 14, 12);
      few(d, 14, 3, 12);
      closeDay(d, 14);
      d.tick(day(19, 0).plus(Duration.ofMinutes(10)));
      alerts = d.alerts();
      findings = d.findings();
    }

    assertThat(alerts).extracting(Alert::getStatus).containsExactly("new", "closed");
    assertThat(findings).hasSize(2).allSatisfy(r -> assertThat(r.key()).isEqualTo(DOMAIN));
    JsonNode created = MAPPER.readTree(findings.get(0).value());
    JsonNode closed = MAPPER.readTree(findings.get(1).value());
    assertThat(created.at("/finding_info/uid").asText()).isEqualTo(alerts.get(0).getAlertId());
    assertThat(closed.at("/finding_info/uid").asText()).isEqualTo(alerts.get(0).getAlertId());
    assertThat(created.get("activity_id").asInt()).isEqualTo(1);
    assertThat(closed.get("activity_id").asInt()).isEqualTo(3);
    // the new alert goes out when its window (day 14) closes; the close at the time it was due, dark-after
    // (3 days) past the end of the last window with lookups
    assertThat(created.get("time").asLong()).isEqualTo(day(15, 0).toEpochMilli()).isEqualTo(findings.get(0).timestamp());
    assertThat(closed.get("time").asLong()).isEqualTo(day(18, 0).toEpochMilli()).isEqualTo(findings.get(1).timestamp());
  }
}
