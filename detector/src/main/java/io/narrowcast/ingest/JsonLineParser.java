package io.narrowcast.ingest;

import com.fasterxml.jackson.databind.JsonNode;

/** The common part of the one-JSON-object-a-line formats: blank lines, bad JSON, typed rejections. */
abstract class JsonLineParser implements RecordParser {
  /** Sensor named on the command line or by the file, for formats that do not carry one. */
  protected final String sensor;

  JsonLineParser(String sensor) {
    this.sensor = sensor;
  }

  @Override
  public final ParseResult parse(String line) {
    if (line.isBlank()) {
      return ParseResult.META;
    }
    try {
      return parse(Json.object(line));
    } catch (InvalidRecordException e) {
      return ParseResult.rejected(e);
    }
  }

  /** Maps one JSON object. */
  abstract ParseResult parse(JsonNode object) throws InvalidRecordException;
}
