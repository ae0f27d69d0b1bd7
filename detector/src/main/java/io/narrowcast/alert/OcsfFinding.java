package io.narrowcast.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.net.InetAddresses;
import io.narrowcast.avro.Alert;
import io.narrowcast.avro.SourceShare;
import java.nio.charset.StandardCharsets;

/**
 * An alert message as an OCSF Detection Finding, the value of dns.alerts.ocsf. Targets OCSF schema
 * {@value #SCHEMA_VERSION} (class {@code detection_finding}, https://schema.ocsf.io/1.7.0/classes/detection_finding)
 * and uses only attributes that exist since 1.5.0, where {@code anomaly_analyses} came in.
 *
 * <p>Mapping: the statuses new, update and closed are the activities Create (1), Update (2) and
 * Close (3), and the alert id is {@code finding_info.uid}, so a SIEM folds them into one finding;
 * {@code time} is the event time at which the detector sent the message, {@code start_time} and
 * {@code end_time} the alert's window; the baseline and the window go to {@code anomaly_analyses},
 * each listed source (and, for a rename, the previous name and shared answers) to {@code evidences},
 * names and addresses to {@code observables}, and the alert's own JSON line to {@code raw_data}.
 */
public final class OcsfFinding {
  /** The OCSF schema version the findings follow, also written to {@code metadata.version}. */
  public static final String SCHEMA_VERSION = "1.7.0";
  public static final int CLASS_UID = 2004;
  public static final int CATEGORY_UID = 2;
  static final int OBSERVABLE_HOSTNAME = 1;
  static final int OBSERVABLE_IP_ADDRESS = 2;
  static final int OBSERVABLE_SUBNET = 12;
  static final int STATUS_NEW = 1;
  static final int STATUS_OTHER = 99;
  static final int ANALYTIC_BEHAVIORAL = 2;
  static final int ANALYTIC_STATISTICAL = 3;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private OcsfFinding() {}

  /** The finding for {@code alert}, sent at event time {@code time} (epoch milliseconds), as one line of JSON. */
  public static String json(Alert alert, long time) {
    return render(alert, time).toString();
  }

  /** The finding for {@code alert}, sent at event time {@code time} (epoch milliseconds). */
  public static ObjectNode render(Alert alert, long time) {
    AlertStatus status = AlertStatus.ofLabel(alert.getStatus());
    int activity = activityId(status);
    String activityName = switch (status) {
      case NEW -> "Create";
      case UPDATE -> "Update";
      case CLOSED -> "Close";
    };
    Severity severity = Severity.ofLabel(alert.getSeverity());
    ObjectNode out = MAPPER.createObjectNode()
        .put("class_uid", CLASS_UID).put("class_name", "Detection Finding")
        .put("category_uid", CATEGORY_UID).put("category_name", "Findings")
        .put("activity_id", activity).put("activity_name", activityName)
        .put("type_uid", typeUid(activity)).put("type_name", "Detection Finding: " + activityName)
        .put("time", time)
        .put("start_time", alert.getWindowStart().toEpochMilli())
        .put("end_time", alert.getWindowEnd().toEpochMilli())
        .put("severity_id", severityId(severity))
        .put("severity", severity.name().charAt(0) + severity.label().substring(1))
        .put("confidence_score", Math.round(alert.getScore() * 100))
        .put("is_alert", status != AlertStatus.CLOSED)
        .put("message", AlertText.title(alert));
    if (status == AlertStatus.CLOSED) {
      out.put("status_id", STATUS_OTHER).put("status", "Closed").put("status_detail", alert.getCloseReason());
    } else {
      out.put("status_id", STATUS_NEW).put("status", "New");
    }
    metadata(out.putObject("metadata"));
    findingInfo(out.putObject("finding_info"), alert);
    evidences(out.putArray("evidences"), alert);
    anomalyAnalysis(out.putArray("anomaly_analyses").addObject(), alert);
    observables(out.putArray("observables"), alert);
    out.put("raw_data", AlertJson.write(alert));
    return out;
  }

  /**
   * A finding as dns.alerts.ocsf holds it, read back for a person to see.
   *
   * @throws IllegalArgumentException when {@code value} is no JSON object with a numeric {@code time}
   */
  public static JsonNode read(byte[] value) {
    JsonNode finding;
    try {
      finding = value == null ? null : MAPPER.readTree(new String(value, StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e); // one line: the message without its location
    }
    if (finding == null || !finding.isObject() || !finding.path("time").isIntegralNumber()) {
      throw new IllegalArgumentException("not an OCSF finding with a time");
    }
    return finding;
  }

  /** The time of a finding {@link #read} back: when the detector sent its alert message (epoch milliseconds). */
  public static long time(JsonNode finding) {
    return finding.get("time").asLong();
  }

  /** The kind of alert a finding {@link #read} back stands for ({@link AlertKind#name()}): its analytic's uid. */
  public static String kind(JsonNode finding) {
    return finding.path("finding_info").path("analytic").path("uid").asText();
  }

  /** Create (1), Update (2) or Close (3). */
  public static int activityId(AlertStatus status) {
    return switch (status) {
      case NEW -> 1;
      case UPDATE -> 2;
      case CLOSED -> 3;
    };
  }

  /** class_uid × 100 + activity_id. */
  public static int typeUid(int activityId) {
    return CLASS_UID * 100 + activityId;
  }

  /** OCSF severity_id: Low (2), Medium (3), High (4). */
  public static int severityId(Severity severity) {
    return switch (severity) {
      case LOW -> 2;
      case MEDIUM -> 3;
      case HIGH -> 4;
    };
  }

  private static void metadata(ObjectNode metadata) {
    metadata.put("version", SCHEMA_VERSION);
    metadata.putObject("product").put("name", Product.NAME).put("vendor_name", Product.VENDOR).put("version", Product.version());
  }

  private static void findingInfo(ObjectNode info, Alert alert) {
    AlertKind kind = AlertKind.valueOf(alert.getKind());
    String caption = kind == AlertKind.QUERIER_COLLAPSE ? "DNS querier-set collapse" : "DNS rename following";
    info.put("uid", alert.getAlertId()).put("title", AlertText.title(alert)).put("desc", AlertText.describe(alert));
    info.putArray("types").add(caption);
    info.putObject("analytic").put("uid", kind.name()).put("name", caption)
        .put("type_id", kind == AlertKind.QUERIER_COLLAPSE ? ANALYTIC_STATISTICAL : ANALYTIC_BEHAVIORAL)
        .put("type", kind == AlertKind.QUERIER_COLLAPSE ? "Statistical" : "Behavioral");
    info.put("first_seen_time", alert.getWindowStart().toEpochMilli())
        .put("last_seen_time", alert.getWindowEnd().toEpochMilli());
    info.putArray("data_sources").add("passive DNS");
  }

  /** One evidence per listed source; for a rename also the previous name and each shared answer. */
  private static void evidences(ArrayNode evidences, Alert alert) {
    for (SourceShare share : alert.getSources()) {
      ObjectNode evidence = evidences.addObject().put("name", "querying source");
      evidence.putObject("query").put("hostname", alert.getDomain());
      if (isAddress(share.getSource())) {
        evidence.putObject("src_endpoint").put("ip", share.getSource());
      }
      evidence.putObject("data").put("source", share.getSource()).put("lookups", share.getQueries())
          .put("share", share.getShare());
    }
    if (!AlertText.isRename(alert)) {
      return;
    }
    ObjectNode previous = evidences.addObject().put("name", "previous name");
    previous.putObject("query").put("hostname", alert.getPreviousDomain());
    previous.putObject("data").put("sources", alert.getBaselineSources()).put("lookups", alert.getBaselineQueries())
        .put("lag_seconds", alert.getLagSeconds()).put("first_querier_shared", alert.getFirstQuerierShared());
    for (String answer : alert.getSharedAnswers()) {
      ObjectNode shared = evidences.addObject().put("name", "shared answer");
      shared.putObject("dst_endpoint").put(isAddress(answer) ? "ip" : "hostname", answer);
      shared.putObject("data").put("answer", answer).putArray("names").add(alert.getPreviousDomain()).add(alert.getDomain());
    }
  }

  /** Baseline versus now: how many sources queried the name before, and how few in the alert's window. */
  private static void anomalyAnalysis(ObjectNode analysis, Alert alert) {
    boolean rename = AlertText.isRename(alert);
    analysis.putObject("analysis_target").put("name", alert.getDomain()).put("type", "DNS name");
    String type = rename ? "Association Analysis" : "Distribution Analysis";
    String before = rename ? "querying sources of " + alert.getPreviousDomain() : "distinct querying sources";
    ObjectNode baseline = analysis.putArray("baselines").addObject()
        .put("observation_type", type).put("observed_attribute", before).put("observed_pattern", rename ? "FEW_SOURCES" : "MANY_SOURCES");
    baseline.putArray("observations").addObject()
        .put("value", Long.toString(alert.getBaselineSources())).put("count", alert.getBaselineQueries());

    String now = rename ? "querying sources shared with " + alert.getPreviousDomain() : "distinct querying sources";
    long value = rename ? alert.getSources().size() : alert.getDistinctSources();
    long count = rename ? alert.getSources().stream().mapToLong(SourceShare::getQueries).sum() : alert.getQueries();
    ObjectNode anomaly = analysis.putArray("anomalies").addObject()
        .put("observation_type", type).put("observed_attribute", now).put("observed_pattern", rename ? "SHARED_SOURCES" : "FEW_SOURCES");
    anomaly.putArray("observations").addObject().put("value", Long.toString(value)).put("count", count)
        .putObject("timespan").put("start_time", alert.getWindowStart().toEpochMilli()).put("end_time", alert.getWindowEnd().toEpochMilli());
  }

  /** The names and addresses, pointing at where the evidences carry them. */
  private static void observables(ArrayNode observables, Alert alert) {
    observable(observables, "evidences.query.hostname", OBSERVABLE_HOSTNAME, alert.getDomain());
    if (AlertText.isRename(alert)) {
      observable(observables, "evidences.query.hostname", OBSERVABLE_HOSTNAME, alert.getPreviousDomain());
    }
    for (SourceShare share : alert.getSources()) {
      if (isAddress(share.getSource())) {
        observable(observables, "evidences.src_endpoint.ip", OBSERVABLE_IP_ADDRESS, share.getSource());
      } else {
        observable(observables, "evidences.data.source", OBSERVABLE_SUBNET, share.getSource());
      }
    }
    for (String answer : alert.getSharedAnswers()) {
      if (isAddress(answer)) {
        observable(observables, "evidences.dst_endpoint.ip", OBSERVABLE_IP_ADDRESS, answer);
      } else {
        observable(observables, "evidences.dst_endpoint.hostname", OBSERVABLE_HOSTNAME, answer);
      }
    }
  }

  private static void observable(ArrayNode observables, String name, int typeId, String value) {
    String type = switch (typeId) {
      case OBSERVABLE_HOSTNAME -> "Hostname";
      case OBSERVABLE_IP_ADDRESS -> "IP Address";
      default -> "Subnet";
    };
    observables.addObject().put("name", name).put("type_id", typeId).put("type", type).put("value", value);
  }

  /** A source is an address, or a prefix at source granularity "prefix" (which OCSF calls a subnet). */
  private static boolean isAddress(String text) {
    return InetAddresses.isInetAddress(text);
  }
}
