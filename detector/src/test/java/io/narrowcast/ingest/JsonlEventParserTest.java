package io.narrowcast.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.narrowcast.avro.Answer;
import io.narrowcast.avro.DnsEvent;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonlEventParserTest {
  private final JsonlEventParser parser = new JsonlEventParser("default-sensor");

  @Test
  void whatTheWriterWritesTheParserReads() {
    DnsEvent event = DnsEvent.newBuilder()
        .setEventTime(Instant.parse("2016-09-27T07:00:00.123Z")).setSensor("sim-ns1").setSourceIp("217.12.96.15")
        .setSourcePort(40000).setQuery("trump1.contact-client.com").setQtype(1).setRcode(3)
        .setAnswers(List.of(new Answer("A", 300L, "66.216.133.29"))).setTransport("udp").build();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonlEventWriter writer = new JsonlEventWriter(out)) {
      writer.write(event);
    }
    String line = out.toString(StandardCharsets.UTF_8);
    assertThat(line).endsWith("\n").contains("\"rcode\":\"NXDOMAIN\"").contains("\"qtype\":\"A\"");
    assertThat(parser.parse(line.strip())).isEqualTo(new ParseResult.Parsed(event));
  }

  @Test
  void numbersEpochMillisAndDefaults() {
    ParseResult result = parser.parse("{\"event_time\":1000,\"source_ip\":\"::1\",\"query\":\"a.example\",\"qtype\":28,\"rcode\":0}");
    DnsEvent event = ((ParseResult.Parsed) result).event();
    assertThat(event.getEventTime()).isEqualTo(Instant.ofEpochMilli(1000));
    assertThat(event.getQtype()).isEqualTo(28);
    assertThat(event.getSensor()).isEqualTo("default-sensor");
    assertThat(event.getAnswers()).isEmpty();
  }

  /** The event a line with these qtype and rcode values makes, or why it is refused. */
  private ParseResult withCodes(String qtype, String rcode) {
    return parser.parse("{\"event_time\":1,\"source_ip\":\"::1\",\"query\":\"a\",\"qtype\":" + qtype + ",\"rcode\":" + rcode + "}");
  }

  @Test
  void aQtypeFitsIn16BitsAndAnRcodeIn12() {
    DnsEvent widest = ((ParseResult.Parsed) withCodes("65535", "\"4095\"")).event();
    assertThat(widest.getQtype()).isEqualTo(65_535);
    assertThat(widest.getRcode()).isEqualTo(4_095);
    DnsEvent named = ((ParseResult.Parsed) withCodes("\"TYPE65\"", "\"BADCOOKIE\"")).event();
    assertThat(named.getQtype()).isEqualTo(65);
    assertThat(named.getRcode()).isEqualTo(23);
    assertThat(withCodes("65536", "0")).isEqualTo(new ParseResult.Rejected(RejectReason.UNPARSABLE, "qtype out of range: 65536"));
    assertThat(withCodes("1", "4096")).isEqualTo(new ParseResult.Rejected(RejectReason.UNPARSABLE, "rcode out of range: 4096"));
    assertThat(withCodes("1", "\"70000\"")).isEqualTo(new ParseResult.Rejected(RejectReason.UNPARSABLE, "rcode out of range: 70000"));
  }

  @Test
  void badLines() {
    assertThat(((ParseResult.Rejected) parser.parse("{\"source_ip\":\"::1\",\"query\":\"a\"}")).reason())
        .isEqualTo(RejectReason.MISSING_FIELD);
    assertThat(((ParseResult.Rejected) parser.parse("{\"event_time\":\"soon\",\"source_ip\":\"::1\",\"query\":\"a\"}")).reason())
        .isEqualTo(RejectReason.UNPARSABLE);
    assertThat(((ParseResult.Rejected) parser.parse("{\"event_time\":1,\"source_ip\":\"::1\",\"query\":\"a\",\"qtype\":\"BOGUS\"}")).reason())
        .isEqualTo(RejectReason.UNPARSABLE);
    assertThat(((ParseResult.Rejected) parser.parse("{\"event_time\":1,\"source_ip\":\"::1\",\"query\":\"a\",\"answers\":[{}]}")).reason())
        .isEqualTo(RejectReason.MISSING_FIELD);
    assertThat(((ParseResult.Rejected) parser.parse("not json")).reason()).isEqualTo(RejectReason.UNPARSABLE);
  }
}
