package io.narrowcast.ingest;

import io.narrowcast.avro.Answer;
import io.narrowcast.avro.DnsEvent;
import io.narrowcast.normalize.DomainNames;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xbill.DNS.Type;

/**
 * The columns of a Zeek dns.log row that Narrowcast uses, whatever the writer (TSV or JSON), and
 * the one mapping from them to a {@link DnsEvent}.
 */
record ZeekFields(
    String ts, String origH, String origP, String respP, String proto, String query,
    String qtype, String qtypeName, String rcode, List<String> answers, List<String> ttls) {

  ParseResult toResult(String sensor) {
    String other = Ports.nonDnsProtocol(respP);
    if (other != null) {
      return new ParseResult.Skipped(other);
    }
    try {
      return new ParseResult.Parsed(toEvent(sensor));
    } catch (InvalidRecordException e) {
      return ParseResult.rejected(e);
    }
  }

  private DnsEvent toEvent(String sensor) throws InvalidRecordException {
    require(ts, "ts");
    require(origH, "id.orig_h");
    if (query == null) {
      throw new InvalidRecordException(RejectReason.MISSING_FIELD, "no query");
    }
    Integer type = qtype == null ? null : Numbers.qtype(qtype);
    return DnsEvent.newBuilder()
        .setEventTime(Instant.ofEpochMilli(Times.epochSecondsToMillis(ts)))
        .setSensor(sensor)
        .setSourceIp(origH)
        .setSourcePort(origP == null ? null : Numbers.port(origP))
        .setQuery(query.isEmpty() ? DomainNames.ROOT : query) // Zeek's name for the root: the empty string, (empty) in TSV
        .setQtype(type == null ? 0 : type)
        .setRcode(rcode == null ? null : Numbers.rcode(rcode))
        .setAnswers(answerRecords(type))
        .setTransport(proto == null ? null : proto.toLowerCase(Locale.ROOT))
        .build();
  }

  private List<Answer> answerRecords(Integer type) {
    if (answers == null || answers.isEmpty()) {
      return List.of();
    }
    List<Answer> out = new ArrayList<>(answers.size());
    for (int i = 0; i < answers.size(); i++) {
      String data = answers.get(i);
      Long ttl = ttls != null && i < ttls.size() ? Numbers.ttlSeconds(ttls.get(i)) : null;
      out.add(new Answer(AnswerTypes.guess(data, qtypeName, type), ttl, data));
    }
    return out;
  }

  private static void require(String value, String field) throws InvalidRecordException {
    if (value == null || value.isEmpty()) {
      throw new InvalidRecordException(RejectReason.MISSING_FIELD, "no " + field);
    }
  }

  /** Zeek writes answers without their type; this recovers it from the data and the query type. */
  static final class AnswerTypes {
    private AnswerTypes() {}

    /** {@code qtype} is the asked type's number, within 16 bits, or null when not logged. */
    static String guess(String data, String qtypeName, Integer qtype) {
      if (com.google.common.net.InetAddresses.isInetAddress(data)) {
        return data.indexOf(':') >= 0 ? "AAAA" : "A";
      }
      if (data.startsWith("TXT ")) {
        return "TXT";
      }
      String asked = qtypeName != null ? qtypeName : qtype == null ? null : Type.string(qtype);
      if (asked == null || "A".equals(asked) || "AAAA".equals(asked) || "ANY".equals(asked) || "*".equals(asked)) {
        return "CNAME";
      }
      return asked;
    }
  }
}
