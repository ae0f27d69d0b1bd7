package io.narrowcast.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.narrowcast.avro.DnsEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class BindQueryParserTest {
  static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
  static final String QUERY = "client @0x7f8a1c0a3d50 217.12.96.15#53535 (mail1.trump-email.com): "
      + "query: mail1.trump-email.com IN A -E(0)DC (66.216.133.10)";

  private final BindQueryParser parser = new BindQueryParser("ns1", Clock.fixed(NOW, ZoneOffset.UTC));

  static DnsEvent parsed(ParseResult result) {
    assertThat(result).isInstanceOf(ParseResult.Parsed.class);
    return ((ParseResult.Parsed) result).event();
  }

  @Nested
  class Prefixes {
    @Test
    void bindPrintTimeWithCategoryAndSeverity() {
      DnsEvent event = parsed(parser.parse("23-Sep-2016 14:02:03.217 queries: info: " + QUERY));
      assertThat(event.getEventTime()).isEqualTo(Instant.parse("2016-09-23T14:02:03.217Z"));
      assertThat(event.getSourceIp()).isEqualTo("217.12.96.15");
      assertThat(event.getSourcePort()).isEqualTo(53535);
      assertThat(event.getQuery()).isEqualTo("mail1.trump-email.com");
      assertThat(event.getQtype()).isEqualTo(1);
      assertThat(event.getRcode()).isNull();
      assertThat(event.getAnswers()).isEmpty();
      assertThat(event.getTransport()).isEqualTo("udp");
      assertThat(event.getSensor()).isEqualTo("ns1");
    }

    @Test
    void iso8601PrintTime() {
      assertThat(parsed(parser.parse("2016-09-23T14:02:03.217Z " + QUERY)).getEventTime())
          .isEqualTo(Instant.parse("2016-09-23T14:02:03.217Z"));
      assertThat(parsed(parser.parse("2016-09-23T16:02:03.217+02:00 ns1 named[811]: " + QUERY)).getEventTime())
          .isEqualTo(Instant.parse("2016-09-23T14:02:03.217Z"));
    }

    @Test
    void syslogTakesTheYearOfTheClockOrTheYearBefore() {
      assertThat(parsed(parser.parse("Nov 27 10:15:01 ns1 named[1234]: " + QUERY)).getEventTime())
          .isEqualTo(Instant.parse("2026-11-27T10:15:01Z"));
      assertThat(parsed(parser.parse("Dec 31 23:59:59 ns1 named[1234]: " + QUERY)).getEventTime())
          .isEqualTo(Instant.parse("2025-12-31T23:59:59Z")); // a year ahead of the clock: last year's line
      assertThat(parsed(parser.parse("Nov  3 01:02:03 ns1 named[1234]: " + QUERY)).getEventTime())
          .isEqualTo(Instant.parse("2026-11-03T01:02:03Z"));
    }

    @Test
    void noPrefixMeansTheTimeOfReading() {
      assertThat(parsed(parser.parse(QUERY)).getEventTime()).isEqualTo(NOW);
    }
  }

  @Test
  void olderBindWithoutClientObjectAndWithView() {
    DnsEvent event = parsed(parser.parse(
        "client 2001:db8::5#41000: view external: query: Example.ORG IN AAAA +T (2001:db8::53)"));
    assertThat(event.getSourceIp()).isEqualTo("2001:db8::5");
    assertThat(event.getQuery()).isEqualTo("Example.ORG");
    assertThat(event.getQtype()).isEqualTo(28);
    assertThat(event.getTransport()).isEqualTo("tcp");
  }

  @Test
  void numericTypesAreRead() {
    assertThat(parsed(parser.parse(QUERY.replace(" IN A ", " IN TYPE65 "))).getQtype()).isEqualTo(65);
  }

  @Test
  void chaosClassAndOtherMessagesAreSkipped() {
    assertThat(parser.parse("client @0x1 10.0.0.1#5000 (version.bind): query: version.bind CH TXT + (10.0.0.53)"))
        .isEqualTo(new ParseResult.Skipped("class CH"));
    assertThat(parser.parse("23-Sep-2016 14:02:03.217 general: info: zone example.com/IN: loaded serial 7"))
        .isEqualTo(new ParseResult.Skipped("not a query"));
    assertThat(parser.parse("")).isEqualTo(ParseResult.META);
  }

  @Test
  void garbageIsUnparsable() {
    assertThat(parser.parse("random words without structure"))
        .isEqualTo(new ParseResult.Rejected(RejectReason.UNPARSABLE, "not a BIND log line"));
    assertThat(parser.parse("client @0x1 10.0.0.1 (x): query: broken"))
        .isEqualTo(new ParseResult.Rejected(RejectReason.UNPARSABLE, "not a BIND query line"));
    assertThat(parser.parse("yesterday-ish " + QUERY))
        .isEqualTo(new ParseResult.Rejected(RejectReason.UNPARSABLE, "no time in the prefix \"yesterday-ish\""));
    assertThat(parser.parse("31-Feb-2016 14:02:03.217 " + QUERY)).isInstanceOf(ParseResult.Rejected.class);
    assertThat(parser.parse(QUERY.replace("#53535", "#99999")))
        .isEqualTo(new ParseResult.Rejected(RejectReason.UNPARSABLE, "port out of range: 99999"));
  }
}
