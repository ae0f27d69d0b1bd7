package io.narrowcast.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.narrowcast.avro.Alert;
import io.narrowcast.avro.SourceShare;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The alert contract as JSON, one object a line (replay --alerts-out, alerts --json). Field names
 * match the Avro schema; times are ISO-8601 UTC. {@link #read} is the exact inverse of {@link #write}.
 */
public final class AlertJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private AlertJson() {}

  public static String write(Alert alert) {
    ObjectNode out = MAPPER.createObjectNode();
    out.put("alert_id", alert.getAlertId());
    out.put("kind", alert.getKind());
    out.put("domain", alert.getDomain());
    out.put("previous_domain", alert.getPreviousDomain());
    out.put("window_start", alert.getWindowStart().toString());
    out.put("window_end", alert.getWindowEnd().toString());
    ArrayNode sources = out.putArray("sources");
    for (SourceShare share : alert.getSources()) {
      sources.addObject().put("source", share.getSource()).put("queries", share.getQueries()).put("share", share.getShare());
    }
    out.put("distinct_sources", alert.getDistinctSources());
    out.put("queries", alert.getQueries());
    out.put("baseline_sources", alert.getBaselineSources());
    out.put("baseline_queries", alert.getBaselineQueries());
    ArrayNode answers = out.putArray("shared_answers");
    alert.getSharedAnswers().forEach(answers::add);
    out.put("lag_seconds", alert.getLagSeconds());
    out.put("score", alert.getScore());
    out.put("severity", alert.getSeverity());
    out.put("status", alert.getStatus());
    out.put("first_querier_shared", alert.getFirstQuerierShared());
    out.put("close_reason", alert.getCloseReason());
    return out.toString();
  }

  /**
   * Parses one line written by {@link #write}; a line from elsewhere (a file edited by hand) must at
   * least have an alert id, a known kind, ISO-8601 window times and, for a rename, its lag.
   *
   * @throws IllegalArgumentException when the line is not an alert
   */
  public static Alert read(String line) {
    JsonNode in;
    try {
      in = MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
    }
    if (in == null || !in.isObject() || !in.hasNonNull("alert_id")) {
      throw new IllegalArgumentException("not an alert: " + line);
    }
    String kind = in.path("kind").asText();
    if (Arrays.stream(AlertKind.values()).noneMatch(known -> known.name().equals(kind))) {
      throw new IllegalArgumentException("not an alert: kind '" + kind + "' is neither QUERIER_COLLAPSE nor RENAME_FOLLOW");
    }
    if (kind.equals(AlertKind.RENAME_FOLLOW.name()) && !in.hasNonNull("lag_seconds")) {
      throw new IllegalArgumentException("not an alert: a RENAME_FOLLOW without lag_seconds");
    }
    List<SourceShare> sources = new ArrayList<>();
    in.path("sources").forEach(s -> sources.add(
        new SourceShare(s.path("source").asText(), s.path("queries").asLong(), s.path("share").asDouble())));
    List<String> answers = new ArrayList<>();
    in.path("shared_answers").forEach(a -> answers.add(a.asText()));
    return Alert.newBuilder()
        .setAlertId(in.path("alert_id").asText())
        .setKind(kind)
        .setDomain(in.path("domain").asText())
        .setPreviousDomain(in.hasNonNull("previous_domain") ? in.get("previous_domain").asText() : null)
        .setWindowStart(time(in, "window_start"))
        .setWindowEnd(time(in, "window_end"))
        .setSources(sources)
        .setDistinctSources(in.path("distinct_sources").asLong())
        .setQueries(in.path("queries").asLong())
        .setBaselineSources(in.path("baseline_sources").asLong())
        .setBaselineQueries(in.path("baseline_queries").asLong())
        .setSharedAnswers(answers)
        .setLagSeconds(in.hasNonNull("lag_seconds") ? in.get("lag_seconds").asLong() : null)
        .setScore(in.path("score").asDouble())
        .setSeverity(in.path("severity").asText())
        .setStatus(in.path("status").asText(AlertStatus.NEW.label()))
        .setFirstQuerierShared(in.hasNonNull("first_querier_shared") ? in.get("first_querier_shared").asBoolean() : null)
        .setCloseReason(in.hasNonNull("close_reason") ? in.get("close_reason").asText() : null)
        .build();
  }

  private static Instant time(JsonNode in, String field) {
    try {
      return Instant.parse(in.path(field).asText());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("not an alert: " + field + " '" + in.path(field).asText() + "' is no ISO-8601 time", e);
    }
  }
}
