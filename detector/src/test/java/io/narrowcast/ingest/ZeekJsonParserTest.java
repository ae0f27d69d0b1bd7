package io.narrowcast.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.narrowcast.avro.Answer;
import io.narrowcast.avro.DnsEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ZeekJsonParserTest {
  private final ZeekJsonParser parser = new ZeekJsonParser("file.log");

  static DnsEvent parsed(ParseResult result) {
    assertThat(result).isInstanceOf(ParseResult.Parsed.class);
    return ((ParseResult.Parsed) result).event();
  }

  @Test
  void zeekDottedKeys() {
    DnsEvent event = parsed(parser.parse("{\"ts\":29.557741,\"uid\":\"CTudTc7oyRltJwU32\",\"id.orig_h\":\"10.0.2.15\","
        + "\"id.orig_p\":54330,\"id.resp_h\":\"147.32.80.9\",\"id.resp_p\":53,\"proto\":\"udp\",\"trans_id\":31185,"
        + "\"query\":\"isatap.felk.cvut.cz\",\"qclass\":1,\"qclass_name\":\"C_INTERNET\",\"qtype\":1,\"qtype_name\":\"A\","
        + "\"rcode\":3,\"rcode_name\":\"NXDOMAIN\",\"AA\":false,\"TC\":false,\"RD\":true,\"RA\":false,\"Z\":0,\"rejected\":false}"));
    assertThat(event.getEventTime()).isEqualTo(Instant.ofEpochMilli(29_558));
    assertThat(event.getSourceIp()).isEqualTo("10.0.2.15");
    assertThat(event.getSourcePort()).isEqualTo(54330);
    assertThat(event.getRcode()).isEqualTo(3);
    assertThat(event.getSensor()).isEqualTo("file.log");
  }

  @Test
  void helkUnderscoreKeysWithAnswersAndNoRcode() {
    DnsEvent event = parsed(parser.parse("{\"@stream\":\"dns\",\"@system\":\"test-nsm\",\"@proc\":\"zeek\","
        + "\"ts\":1588316619.797806,\"uid\":\"CyLse01Jig9yHofDXc\",\"id_orig_h\":\"10.0.1.5\",\"id_orig_p\":55979,"
        + "\"id_resp_h\":\"10.0.0.4\",\"id_resp_p\":53,\"proto\":\"udp\",\"query\":\"ctldl.windowsupdate.com\","
        + "\"qtype\":1,\"qtype_name\":\"A\",\"answers\":[\"a767.dscg3.akamai.net\",\"23.62.7.160\"],\"TTLs\":[899.0,19.0]}"));
    assertThat(event.getSensor()).isEqualTo("test-nsm");
    assertThat(event.getRcode()).isNull();
    assertThat(event.getAnswers()).containsExactly(
        new Answer("CNAME", 899L, "a767.dscg3.akamai.net"), new Answer("A", 19L, "23.62.7.160"));
  }

  @Test
  void isoTimestamps() {
    DnsEvent event = parsed(parser.parse(
        "{\"ts\":\"2020-05-01T07:03:39.797806Z\",\"id.orig_h\":\"10.0.1.5\",\"query\":\"a.example\"}"));
    assertThat(event.getEventTime()).isEqualTo(Instant.parse("2020-05-01T07:03:39.797Z"));
  }

  /** Zeek's JSON writer keeps the root's empty name as it is; a row without the key has no query. */
  @Test
  void anEmptyQueryIsTheRootAndAMissingOneIsMissing() {
    assertThat(parsed(parser.parse("{\"ts\":1.0,\"id.orig_h\":\"10.0.0.1\",\"query\":\"\",\"qtype_name\":\"NS\"}")).getQuery())
        .isEqualTo(".");
    assertThat(parser.parse("{\"ts\":1.0,\"id.orig_h\":\"10.0.0.1\",\"qtype_name\":\"NS\"}"))
        .isEqualTo(new ParseResult.Rejected(RejectReason.MISSING_FIELD, "no query"));
  }

  @Test
  void otherStreamsAndMdnsAreSkipped() {
    assertThat(parser.parse("{\"@stream\":\"conn\",\"ts\":1.0}")).isEqualTo(new ParseResult.Skipped("not a dns log: conn"));
    assertThat(parser.parse("{\"ts\":1.0,\"id.orig_h\":\"10.0.0.1\",\"id.resp_p\":5353,\"query\":\"x.local\"}"))
        .isEqualTo(new ParseResult.Skipped("mdns"));
  }

  @Test
  void anRcodeOver12BitsIsUnparsable() {
    String line = "{\"ts\":1.0,\"id.orig_h\":\"10.0.0.1\",\"query\":\"a.example\",\"rcode\":%d}";
    assertThat(parsed(parser.parse(String.format(line, 4095))).getRcode()).isEqualTo(4_095);
    assertThat(parser.parse(String.format(line, 4096)))
        .isEqualTo(new ParseResult.Rejected(RejectReason.UNPARSABLE, "rcode out of range: 4096"));
  }

  @Test
  void badLines() {
    assertThat(((ParseResult.Rejected) parser.parse("{\"ts\":1.0,")).reason()).isEqualTo(RejectReason.UNPARSABLE);
    assertThat(((ParseResult.Rejected) parser.parse("[1,2]")).reason()).isEqualTo(RejectReason.UNPARSABLE);
    assertThat(((ParseResult.Rejected) parser.parse("{\"ts\":1.0,\"query\":\"a.example\"}")).reason())
        .isEqualTo(RejectReason.MISSING_FIELD);
    assertThat(parser.parse("   ")).isInstanceOf(ParseResult.Meta.class);
  }
}
