package io.narrowcast.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/** Reading one JSON object a line, shared by the JSON formats. */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  static JsonNode object(String line) throws InvalidRecordException {
    JsonNode node;
    try {
      node = MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      throw new InvalidRecordException(RejectReason.UNPARSABLE, "not JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw new InvalidRecordException(RejectReason.UNPARSABLE, "not a JSON object");
    }
    return node;
  }

  /** The field as text (numbers in their JSON form), or null when absent or null. */
  static String text(JsonNode object, String field) {
    JsonNode value = object.get(field);
    return value == null || value.isNull() ? null : value.isValueNode() ? value.asText() : value.toString();
  }

  /** The first of several spellings of a field that is present. */
  static String text(JsonNode object, String field, String otherSpelling) {
    String value = text(object, field);
    return value != null ? value : text(object, otherSpelling);
  }

  /** The field as text; absent, null or empty is a missing field. */
  static String required(JsonNode object, String field) throws InvalidRecordException {
    String value = text(object, field);
    if (value == null || value.isEmpty()) {
      throw new InvalidRecordException(RejectReason.MISSING_FIELD, "no " + field);
    }
    return value;
  }

  /** A JSON array of scalars as text; an absent field is an empty list. */
  static List<String> texts(JsonNode object, String field) {
    JsonNode value = object.get(field);
    if (value == null || !value.isArray()) {
      return List.of();
    }
    List<String> out = new ArrayList<>(value.size());
    value.forEach(item -> out.add(item.isValueNode() ? item.asText() : item.toString()));
    return out;
  }
}
