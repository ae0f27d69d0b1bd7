package io.narrowcast.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.narrowcast.avro.DnsEvent;
import io.narrowcast.normalize.DomainNames;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class BindQueryParserTest {
  static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
  static final String QUERY = "client @0x7f8a1c0a3d50 217.12.96.15#53535 (mail1.trump-email.com): "
      + "query: mail1.trump-email.com IN A -E(0)DC (66.216.133.10)";
  /** A real line (BIND 9, an open resolver, 2022): its day has no leading zero. */
  static final String REAL = "7-Jul-2022 16:34:13.003 queries: info: client @0x55adcc672cc0 45.231.61.2#80 (pizzaseo.com): "
      + "query: pizzaseo.com IN ANY +E(0) (172.20.101.44)";

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
    void theDayOfBindsPrintTimeWithOrWithoutItsLeadingZero() {
      DnsEvent event = parsed(parser.parse(REAL));
      assertThat(event.getEventTime()).isEqualTo(Instant.parse("2022-07-07T16:34:13.003Z"));
      assertThat(event.getSourceIp()).isEqualTo("45.231.61.2");
      assertThat(event.getSourcePort()).isEqualTo(80);
      assertThat(event.getQuery()).isEqualTo("pizzaseo.com");
      assertThat(event.getQtype()).isEqualTo(255);
      assertThat(parsed(parser.parse(REAL.replace("7-Jul", "07-Jul"))).getEventTime())
          .isEqualTo(Instant.parse("2022-07-07T16:34:13.003Z"));
      assertThat(parser.parse(REAL.replace("7-Jul", "007-Jul"))).isEqualTo(new ParseResult.Rejected(RejectReason.UNPARSABLE,
          "no time in the prefix \"007-Jul-2022 16:34:13.003 queries: info:\""));
      assertThat(parser.parse(REAL.replace("7-Jul", "32-Jul"))).isInstanceOf(ParseResult.Rejected.class);
    }

    /** print-time iso8601 writes local time without a zone, iso8601-utc with Z; an offset may be written either way. */
    @Test
    void iso8601PrintTime() {
      for (String time : List.of("2016-09-23T14:02:03.217", "2016-09-23T14:02:03.217Z", "2016-09-23T16:02:03.217+02:00",
          "2016-09-23T16:02:03.217+0200")) {
        assertThat(parsed(parser.parse(time + " queries: info: " + QUERY)).getEventTime()).as(time)
            .isEqualTo(Instant.parse("2016-09-23T14:02:03.217Z"));
      }
      assertThat(parsed(parser.parse("2016-09-23T16:02:03.217+02:00 ns1 named[811]: " + QUERY)).getEventTime())
          .isEqualTo(Instant.parse("2016-09-23T14:02:03.217Z"));
      assertThat(parser.parse("2016-09-23T14:02:61 " + QUERY)).isInstanceOf(ParseResult.Rejected.class);
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

  /** Names as BIND writes them, escapes and all ({@code dns_name_totext}), through the parser and the normalizer. */
  @Nested
  class EscapedNames {
    /** What ingest keeps of a query for {@code name}, written as in the client's name field too, or why it refuses it. */
    String ingested(String name) {
      ParseResult result = parser.parse(REAL.replace("pizzaseo.com", name));
      if (result instanceof ParseResult.Rejected rejected) {
        return rejected.reason().label() + ": " + rejected.detail();
      }
      try {
        return DomainNames.normalize(parsed(result).getQuery());
      } catch (InvalidRecordException e) {
        return e.reason().label() + ": " + e.getMessage();
      }
    }

    @Test
    void escapedBytesAreDecodedAndTheNameIsJudgedAsAnyOther() {
      assertThat(ingested("\\065\\066C.Example")).isEqualTo("abc.example");
      assertThat(ingested("_dns-sd._udp.example")).isEqualTo("_dns-sd._udp.example");
      assertThat(ingested("b\\195\\188cher.example")).isEqualTo("xn--bcher-kva.example");
      assertThat(ingested("x\\001y.example")).isEqualTo("bad characters: a control character (U+0001) at position 2");
      assertThat(ingested("dr._dns-sd._udp.\\224\\169?\\001"))
          .isEqualTo("bad characters: label \"\\224\\169?\\001\" is not UTF-8 text");
      assertThat(ingested("a\\.b.example.com")).isEqualTo("bad characters: a label holds a dot: \"a\\.b.example.com\"");
    }

    /** The client's name field escapes its parentheses (a Linux host without a domain asks for "name.(none)"). */
    @Test
    void escapedParenthesesInTheClientsNameFieldLeaveTheQueryReadable() {
      assertThat(parsed(parser.parse(REAL.replace("pizzaseo.com", "02l21a0d002.\\(none\\)"))).getQuery())
          .isEqualTo("02l21a0d002.(none)");
      assertThat(ingested("02l21a0d002.\\(none\\)")).isEqualTo("bad characters: '(' (U+0028) at position 13");
      assertThat(parser.parse(REAL.replace("(pizzaseo.com)", "(a(b.example)")))
          .isEqualTo(new ParseResult.Rejected(RejectReason.UNPARSABLE, "not a BIND query line")); // BIND never writes it
    }

    /** BIND writes the root as "." in the query and in the client's name field. */
    @Test
    void theRootIsADot() {
      assertThat(ingested(".")).isEqualTo(DomainNames.ROOT);
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

  /** BIND names the TSIG key of a signed query after the client's port. */
  @Test
  void aSignedQueryIsRead() {
    DnsEvent event = parsed(parser.parse(REAL.replace("#80 ", "#80/key xfr-key.example ")));
    assertThat(event.getSourcePort()).isEqualTo(80);
    assertThat(event.getQuery()).isEqualTo("pizzaseo.com");
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
