package io.narrowcast.alert;

import static io.narrowcast.alert.AlertFixtures.ALFA_1;
import static io.narrowcast.alert.AlertFixtures.ALFA_2;
import static io.narrowcast.alert.AlertFixtures.MAIL1;
import static io.narrowcast.alert.AlertFixtures.SERVER;
import static io.narrowcast.alert.AlertFixtures.SPECTRUM;
import static io.narrowcast.alert.AlertFixtures.TRUMP1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.narrowcast.avro.Alert;
import io.narrowcast.avro.SourceShare;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OcsfFindingTest {
  static final long OPENED_AT = Instant.parse("2016-05-05T00:00:00Z").toEpochMilli();
  static final ObjectMapper MAPPER = new ObjectMapper();

  static JsonNode finding(Alert alert, long time) throws Exception {
    return MAPPER.readTree(OcsfFinding.json(alert, time));
  }

  @Test
  void aFindingReadBackHasItsTimeAndKindAndWhatIsNoFindingIsOneLineSayingWhy() {
    String json = OcsfFinding.json(AlertFixtures.collapseOpened(), OPENED_AT);
    JsonNode read = OcsfFinding.read(json.getBytes(StandardCharsets.UTF_8));

    assertThat(read.toString()).isEqualTo(json);
    assertThat(OcsfFinding.time(read)).isEqualTo(OPENED_AT);
    assertThat(OcsfFinding.kind(read)).isEqualTo("QUERIER_COLLAPSE");
    assertThatThrownBy(() -> OcsfFinding.read("junk".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("not JSON: Unrecognized token 'junk': was expecting "
            + "(JSON String, Number, Array, Object or token 'null', 'true' or 'false')");
    assertThatThrownBy(() -> OcsfFinding.read("{\"time\":\"today\"}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("not an OCSF finding with a time");
    assertThatThrownBy(() -> OcsfFinding.read(null))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("not an OCSF finding with a time");
  }

  @Test
  void aNewCollapseIsACreatedDetectionFinding() throws Exception {
    JsonNode f = finding(AlertFixtures.collapseOpened(), OPENED_AT);

    assertThat(f.get("class_uid").asInt()).isEqualTo(2004);
    assertThat(f.get("category_uid").asInt()).isEqualTo(2);
    assertThat(f.get("activity_id").asInt()).isEqualTo(1);
    assertThat(f.get("activity_name").asText()).isEqualTo("Create");
    assertThat(f.get("type_uid").asInt()).isEqualTo(200401);
    assertThat(f.get("time").asLong()).isEqualTo(OPENED_AT);
    assertThat(f.get("start_time").asLong()).isEqualTo(Instant.parse("2016-05-04T00:00:00Z").toEpochMilli());
    assertThat(f.get("end_time").asLong()).isEqualTo(OPENED_AT);
    assertThat(f.get("severity_id").asInt()).isEqualTo(4);
    assertThat(f.get("severity").asText()).isEqualTo("High");
    assertThat(f.get("status_id").asInt()).isEqualTo(1);
    assertThat(f.get("is_alert").asBoolean()).isTrue();
    assertThat(f.get("confidence_score").asInt()).isEqualTo(91);
    assertThat(f.at("/metadata/version").asText()).isEqualTo("1.7.0");
    assertThat(f.at("/metadata/product/name").asText()).isEqualTo("Narrowcast");
    assertThat(f.at("/metadata/product/vendor_name").asText()).isEqualTo("Narrowcast");
    assertThat(f.at("/metadata/product/version").asText()).matches("\\d+\\.\\d+\\.\\d+.*");

    JsonNode info = f.get("finding_info");
    assertThat(info.get("uid").asText()).isEqualTo("qc-101b682a48db4382");
    assertThat(info.get("title").asText()).isEqualTo("Querier-set collapse: mail1.trump-email.com");
    assertThat(info.get("desc").asText()).isEqualTo("mail1.trump-email.com was looked up 38 times by only 3 source(s)"
        + " from 2016-05-04 00:00 to 2016-05-05 00:00 UTC (217.12.96.15 42.1%, 217.12.97.15 42.1%, 167.73.110.8 15.8%);"
        + " in the baseline before, 35 sources made 38 lookups.");
    assertThat(texts(info.get("types"))).containsExactly("DNS querier-set collapse");
    assertThat(info.at("/analytic/uid").asText()).isEqualTo("QUERIER_COLLAPSE");
    assertThat(info.at("/analytic/type_id").asInt()).isEqualTo(3);
  }

  @Test
  void eachSourceIsAnEvidenceWithItsLookupsAndAnObservableAddress() throws Exception {
    JsonNode f = finding(AlertFixtures.collapseOpened(), OPENED_AT);

    assertThat(f.get("evidences")).hasSize(3);
    JsonNode first = f.get("evidences").get(0);
    assertThat(first.at("/query/hostname").asText()).isEqualTo(MAIL1);
    assertThat(first.at("/src_endpoint/ip").asText()).isEqualTo(ALFA_1);
    assertThat(first.at("/data/lookups").asLong()).isEqualTo(16);
    assertThat(first.at("/data/share").asDouble()).isEqualTo(0.4211);
    assertThat(observables(f)).containsExactly(
        "evidences.query.hostname 1 " + MAIL1,
        "evidences.src_endpoint.ip 2 " + ALFA_1,
        "evidences.src_endpoint.ip 2 " + ALFA_2,
        "evidences.src_endpoint.ip 2 " + SPECTRUM);
  }

  @Test
  void theAnomalyAnalysisSetsTheBaselineAgainstTheWindow() throws Exception {
    JsonNode analysis = finding(AlertFixtures.collapseOpened(), OPENED_AT).get("anomaly_analyses").get(0);

    assertThat(analysis.at("/analysis_target/name").asText()).isEqualTo(MAIL1);
    JsonNode baseline = analysis.at("/baselines/0");
    assertThat(baseline.get("observed_attribute").asText()).isEqualTo("distinct querying sources");
    assertThat(baseline.at("/observations/0/value").asText()).isEqualTo("35"); // 35 sources ...
    assertThat(baseline.at("/observations/0/count").asLong()).isEqualTo(38); // ... made 38 lookups
    JsonNode now = analysis.at("/anomalies/0");
    assertThat(now.get("observed_pattern").asText()).isEqualTo("FEW_SOURCES");
    assertThat(now.at("/observations/0/value").asText()).isEqualTo("3");
    assertThat(now.at("/observations/0/count").asLong()).isEqualTo(38);
    assertThat(now.at("/observations/0/timespan/end_time").asLong()).isEqualTo(OPENED_AT);
  }

  @Test
  void aClosedAlertIsACloseActivityWithItsReason() throws Exception {
    long closedAt = Instant.parse("2016-09-24T00:00:00Z").toEpochMilli();
    JsonNode f = finding(AlertFixtures.collapseClosed(), closedAt);

    assertThat(f.get("activity_id").asInt()).isEqualTo(3);
    assertThat(f.get("type_uid").asInt()).isEqualTo(200403);
    assertThat(f.get("time").asLong()).isEqualTo(closedAt);
    assertThat(f.get("is_alert").asBoolean()).isFalse();
    assertThat(f.get("status_id").asInt()).isEqualTo(99);
    assertThat(f.get("status").asText()).isEqualTo("Closed");
    assertThat(f.get("status_detail").asText()).isEqualTo("the name stopped resolving (NXDOMAIN)");
    assertThat(f.at("/finding_info/uid").asText()).isEqualTo("qc-101b682a48db4382");
    assertThat(f.at("/finding_info/desc").asText()).endsWith(" Closed: the name stopped resolving (NXDOMAIN).");
  }

  @Test
  void anUpdateIsActivityTwo() throws Exception {
    Alert update = Alert.newBuilder(AlertFixtures.collapseOpened()).setStatus("update").build();
    JsonNode f = finding(update, OPENED_AT);
    assertThat(f.get("activity_id").asInt()).isEqualTo(2);
    assertThat(f.get("type_uid").asInt()).isEqualTo(200402);
    assertThat(f.get("status_id").asInt()).isEqualTo(1);
  }

  @Test
  void aRenameNamesBothDomainsTheSharedSourcesAndTheSharedAddress() throws Exception {
    JsonNode f = finding(AlertFixtures.rename(), Instant.parse("2016-09-28T00:00:00Z").toEpochMilli());

    JsonNode info = f.get("finding_info");
    assertThat(info.get("uid").asText()).isEqualTo("rf-cd2f5d28975231c6");
    assertThat(info.get("title").asText()).isEqualTo("Rename following: mail1.trump-email.com -> trump1.contact-client.com");
    assertThat(info.get("desc").asText()).isEqualTo("trump1.contact-client.com was first looked up 3d 18h after"
        + " mail1.trump-email.com went dark, by its sources: 2 of its 2 source(s) also queried the old name, which had 6"
        + " (217.12.96.15 77.8%, 217.12.97.15 22.2%); its first lookup came from one of them; both names resolved to 66.216.133.29.");
    assertThat(texts(info.get("types"))).containsExactly("DNS rename following");
    assertThat(f.get("evidences")).extracting(e -> e.get("name").asText())
        .containsExactly("querying source", "querying source", "previous name", "shared answer");
    assertThat(f.at("/evidences/2/query/hostname").asText()).isEqualTo(MAIL1);
    assertThat(f.at("/evidences/2/data/lag_seconds").asLong()).isEqualTo(326_348);
    assertThat(f.at("/evidences/3/dst_endpoint/ip").asText()).isEqualTo(SERVER);
    assertThat(observables(f)).containsExactly(
        "evidences.query.hostname 1 " + TRUMP1,
        "evidences.query.hostname 1 " + MAIL1,
        "evidences.src_endpoint.ip 2 " + ALFA_1,
        "evidences.src_endpoint.ip 2 " + ALFA_2,
        "evidences.dst_endpoint.ip 2 " + SERVER);
    JsonNode analysis = f.at("/anomaly_analyses/0");
    assertThat(analysis.at("/baselines/0/observed_attribute").asText()).isEqualTo("querying sources of " + MAIL1);
    assertThat(analysis.at("/baselines/0/observations/0/value").asText()).isEqualTo("6");
    assertThat(analysis.at("/anomalies/0/observations/0/value").asText()).isEqualTo("2");
    assertThat(analysis.at("/anomalies/0/observations/0/count").asLong()).isEqualTo(9);
  }

  @Test
  void prefixSourcesAreSubnetsAndRawDataIsTheAlertContract() throws Exception {
    Alert byPrefix = Alert.newBuilder(AlertFixtures.collapseOpened())
        .setSources(List.of(new SourceShare("217.12.96.0/24", 32L, 0.8421), new SourceShare("167.73.110.0/24", 6L, 0.1579)))
        .build();
    JsonNode f = finding(byPrefix, OPENED_AT);

    assertThat(f.at("/evidences/0/src_endpoint").isMissingNode()).isTrue();
    assertThat(f.at("/evidences/0/data/source").asText()).isEqualTo("217.12.96.0/24");
    assertThat(observables(f)).contains("evidences.data.source 12 217.12.96.0/24");
    assertThat(AlertJson.read(f.get("raw_data").asText())).isEqualTo(byPrefix);
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  /** Each observable as "name type_id value". */
  private static List<String> observables(JsonNode finding) {
    List<String> out = new ArrayList<>();
    finding.get("observables").forEach(o ->
        out.add(o.get("name").asText() + " " + o.get("type_id").asInt() + " " + o.get("value").asText()));
    return out;
  }
}
