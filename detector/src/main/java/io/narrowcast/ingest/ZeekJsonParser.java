package io.narrowcast.ingest;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Zeek dns.log written as JSON, one object a line: Zeek's own dotted keys ({@code id.orig_h}) and the
 * underscore keys of pipelines such as HELK ({@code id_orig_h}). {@code ts} may be epoch seconds or
 * ISO-8601. Objects of another log stream ({@code @stream} or {@code _path} not "dns") are skipped.
 */
public final class ZeekJsonParser extends JsonLineParser {
  public ZeekJsonParser(String sensor) {
    super(sensor);
  }

  @Override
  ParseResult parse(JsonNode object) throws InvalidRecordException {
    String stream = Json.text(object, "@stream", "_path");
    if (stream != null && !"dns".equals(stream)) {
      return new ParseResult.Skipped("not a dns log: " + stream);
    }
    String system = Json.text(object, "@system", "_system_name");
    return new ZeekFields(
        epochSeconds(Json.text(object, "ts")),
        Json.text(object, "id.orig_h", "id_orig_h"), Json.text(object, "id.orig_p", "id_orig_p"),
        Json.text(object, "id.resp_p", "id_resp_p"), Json.text(object, "proto"), Json.text(object, "query"),
        Json.text(object, "qtype"), Json.text(object, "qtype_name"), Json.text(object, "rcode"),
        Json.texts(object, "answers"), Json.texts(object, "TTLs"))
        .toResult(system != null ? system : sensor);
  }

  /** Zeek's JSON writer can log ts as ISO-8601; the shared mapping wants epoch seconds. */
  private static String epochSeconds(String ts) throws InvalidRecordException {
    if (ts == null || ts.indexOf('T') < 0) {
      return ts;
    }
    return Double.toString(Times.isoOrEpochMillis(ts) / 1000.0);
  }
}
