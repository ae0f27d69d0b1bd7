package io.narrowcast.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.narrowcast.avro.Answer;
import io.narrowcast.avro.DnsEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Narrowcast's own event form, one JSON object a line, with the field names of the {@code DnsEvent}
 * schema. {@code event_time} is ISO-8601 or epoch milliseconds; {@code qtype} and {@code rcode} are
 * numbers or mnemonics (A, NXDOMAIN). This is what {@code simulate} writes.
 */
public final class JsonlEventParser extends JsonLineParser {
  public JsonlEventParser(String sensor) {
    super(sensor);
  }

  @Override
  ParseResult parse(JsonNode object) throws InvalidRecordException {
    return new ParseResult.Parsed(toEvent(object));
  }

  private DnsEvent toEvent(JsonNode object) throws InvalidRecordException {
    String time = Json.required(object, "event_time");
    String port = Json.text(object, "source_port");
    String rcode = Json.text(object, "rcode");
    String qtype = Json.text(object, "qtype");
    String eventSensor = Json.text(object, "sensor");
    return DnsEvent.newBuilder()
        .setEventTime(Instant.ofEpochMilli(Times.isoOrEpochMillis(time)))
        .setSensor(eventSensor != null ? eventSensor : sensor)
        .setSourceIp(Json.required(object, "source_ip"))
        .setSourcePort(port == null ? null : Numbers.port(port))
        .setQuery(Json.required(object, "query"))
        .setQtype(qtype == null ? 0 : Numbers.qtype(qtype))
        .setRcode(rcode == null ? null : Numbers.rcode(rcode))
        .setAnswers(answers(object.get("answers")))
        .setTransport(Json.text(object, "transport"))
        .build();
  }

  private static List<Answer> answers(JsonNode array) throws InvalidRecordException {
    if (array == null || array.isNull()) {
      return List.of();
    }
    if (!array.isArray()) {
      throw new InvalidRecordException(RejectReason.UNPARSABLE, "answers is not an array");
    }
    List<Answer> out = new ArrayList<>(array.size());
    for (JsonNode answer : array) {
      String data = answer.isObject() ? Json.text(answer, "data") : null;
      if (data == null) {
        throw new InvalidRecordException(RejectReason.MISSING_FIELD, "answer without data");
      }
      String type = Json.text(answer, "type");
      String ttl = Json.text(answer, "ttl");
      out.add(new Answer(type == null ? "A" : type, ttl == null ? null : Numbers.ttlSeconds(ttl), data));
    }
    return out;
  }
}
