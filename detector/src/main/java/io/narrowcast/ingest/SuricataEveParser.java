package io.narrowcast.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.narrowcast.avro.Answer;
import io.narrowcast.avro.DnsEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xbill.DNS.Type;

/**
 * Suricata EVE JSON, {@code event_type: dns}, in both DNS logging versions: version 2 (Suricata 7
 * and before: {@code type} query or answer, {@code rrname}/{@code rrtype} on the dns object,
 * {@code answers[]} and/or {@code grouped}) and version 3 (the default since Suricata 8: {@code type}
 * request or response, {@code queries[]}, {@code answers[]}; a response names the responder as
 * {@code src_ip}, so its querier is {@code dest_ip}). Other event types are skipped.
 *
 * <p>Suricata logs a query and its answer as two records; both become {@link ParseResult.Half}s of
 * the transaction (flow, DNS id, name, type), which ingest joins into one event.
 */
public final class SuricataEveParser extends JsonLineParser {
  public SuricataEveParser(String sensor) {
    super(sensor);
  }

  @Override
  ParseResult parse(JsonNode object) throws InvalidRecordException {
    String eventType = Json.text(object, "event_type");
    if (eventType == null) {
      throw new InvalidRecordException(RejectReason.MISSING_FIELD, "no event_type");
    }
    if (!"dns".equals(eventType)) {
      return new ParseResult.Skipped("not dns: " + eventType);
    }
    JsonNode dns = object.get("dns");
    if (dns == null || !dns.isObject()) {
      throw new InvalidRecordException(RejectReason.MISSING_FIELD, "no dns object");
    }
    Kind kind = Kind.of(Json.text(dns, "type"));
    // v3 responses travel from the responder: the querier is the destination
    boolean fromResponder = kind == Kind.RESPONSE;
    String responderPort = Json.text(object, fromResponder ? "src_port" : "dest_port");
    String other = Ports.nonDnsProtocol(responderPort);
    if (other != null) {
      return new ParseResult.Skipped(other);
    }
    JsonNode question = kind.version3 ? firstQuery(dns) : dns;
    String rrname = Json.text(question, "rrname");
    if (rrname == null || rrname.isEmpty()) {
      throw new InvalidRecordException(RejectReason.MISSING_FIELD, "no rrname");
    }
    String rrtype = Json.text(question, "rrtype");
    String port = Json.text(object, fromResponder ? "dest_port" : "src_port");
    String host = Json.text(object, "host");
    String proto = Json.text(object, "proto");
    String rcode = Json.text(dns, "rcode");
    DnsEvent event = DnsEvent.newBuilder()
        .setEventTime(Instant.ofEpochMilli(Times.isoOrEpochMillis(Json.required(object, "timestamp"))))
        .setSensor(host != null ? host : sensor)
        .setSourceIp(Json.required(object, fromResponder ? "dest_ip" : "src_ip"))
        .setSourcePort(port == null ? null : Numbers.port(port))
        .setQuery(rrname)
        .setQtype(rrtype == null ? 0 : Math.max(0, Type.value(rrtype)))
        .setRcode(kind.response && rcode != null ? Numbers.rcode(rcode) : null)
        .setAnswers(kind.response ? answers(dns) : List.of())
        .setTransport(proto == null ? null : proto.toLowerCase(Locale.ROOT))
        .build();
    String transaction = Json.text(object, "flow_id") + "|" + Json.text(dns, "id") + "|"
        + rrname.toLowerCase(Locale.ROOT) + "|" + rrtype;
    return new ParseResult.Half(event, transaction, kind.response);
  }

  /** The record kinds of both versions. */
  private enum Kind {
    QUERY(false, false), ANSWER(true, false), REQUEST(false, true), RESPONSE(true, true);

    final boolean response;
    final boolean version3;

    Kind(boolean response, boolean version3) {
      this.response = response;
      this.version3 = version3;
    }

    static Kind of(String type) throws InvalidRecordException {
      if (type == null) {
        throw new InvalidRecordException(RejectReason.MISSING_FIELD, "no dns.type");
      }
      return switch (type) {
        case "query" -> QUERY;
        case "answer" -> ANSWER;
        case "request" -> REQUEST;
        case "response" -> RESPONSE;
        default -> throw new InvalidRecordException(RejectReason.UNPARSABLE, "unknown dns.type \"" + type + "\"");
      };
    }
  }

  private static JsonNode firstQuery(JsonNode dns) throws InvalidRecordException {
    JsonNode queries = dns.get("queries");
    if (queries == null || !queries.isArray() || queries.isEmpty() || !queries.get(0).isObject()) {
      throw new InvalidRecordException(RejectReason.MISSING_FIELD, "no queries[]");
    }
    return queries.get(0);
  }

  /** The detailed answers[] when logged, else the grouped form; records without rdata (SOA objects) are left out. */
  private static List<Answer> answers(JsonNode dns) {
    List<Answer> out = new ArrayList<>();
    JsonNode detailed = dns.get("answers");
    if (detailed != null && detailed.isArray()) {
      for (JsonNode answer : detailed) {
        String data = answer.isObject() ? Json.text(answer, "rdata") : null;
        if (data != null) {
          String ttl = Json.text(answer, "ttl");
          String type = Json.text(answer, "rrtype");
          out.add(new Answer(type == null ? "A" : type, ttl == null ? null : Numbers.ttlSeconds(ttl), data));
        }
      }
      return out;
    }
    JsonNode grouped = dns.get("grouped");
    if (grouped != null && grouped.isObject()) {
      for (Map.Entry<String, JsonNode> group : grouped.properties()) {
        for (String data : Json.texts(grouped, group.getKey())) {
          out.add(new Answer(group.getKey(), null, data));
        }
      }
    }
    return out;
  }
}
