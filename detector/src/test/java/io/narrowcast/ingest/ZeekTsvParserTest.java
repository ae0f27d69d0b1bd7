package io.narrowcast.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.narrowcast.avro.Answer;
import io.narrowcast.avro.DnsEvent;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ZeekTsvParserTest {
  static final String FIELDS = "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\ttrans_id\trtt\tquery"
      + "\tqclass\tqclass_name\tqtype\tqtype_name\trcode\trcode_name\tAA\tTC\tRD\tRA\tZ\tanswers\tTTLs\trejected";
  static final List<String> HEADER = List.of(
      "#separator \\x09", "#set_separator\t,", "#empty_field\t(empty)", "#unset_field\t-", "#path\tdns",
      "#open\t2024-04-29-16-00-16", FIELDS,
      "#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tcount\tinterval\tstring\tcount\tstring\tcount\tstring"
          + "\tcount\tstring\tbool\tbool\tbool\tbool\tcount\tvector[string]\tvector[interval]\tbool");

  static ZeekTsvParser parserWithHeader() {
    ZeekTsvParser parser = new ZeekTsvParser("sensor-a");
    HEADER.forEach(line -> assertThat(parser.parse(line)).isInstanceOf(ParseResult.Meta.class));
    return parser;
  }

  static DnsEvent parsed(ParseResult result) {
    assertThat(result).isInstanceOf(ParseResult.Parsed.class);
    return ((ParseResult.Parsed) result).event();
  }

  @Test
  void parsesAnAnsweredLookup() {
    DnsEvent event = parsed(parserWithHeader().parse(
        "1714420815.679485\tCCPE3016qEt5zUnPgb\t10.0.0.238\t53501\t75.75.75.75\t53\tudp\t27785\t0.02\tWww.Example.com"
            + "\t1\tC_INTERNET\t1\tA\t0\tNOERROR\tF\tF\tT\tT\t0\tcdn.example.net,93.184.216.34\t60.000000,3600.000000\tF"));
    assertThat(event.getEventTime()).isEqualTo(Instant.parse("2024-04-29T20:00:15.679Z"));
    assertThat(event.getSensor()).isEqualTo("sensor-a");
    assertThat(event.getSourceIp()).isEqualTo("10.0.0.238");
    assertThat(event.getSourcePort()).isEqualTo(53501);
    assertThat(event.getQuery()).isEqualTo("Www.Example.com"); // normalizing is not the parser's job
    assertThat(event.getQtype()).isEqualTo(1);
    assertThat(event.getRcode()).isEqualTo(0);
    assertThat(event.getTransport()).isEqualTo("udp");
    assertThat(event.getAnswers()).containsExactly(
        new Answer("CNAME", 60L, "cdn.example.net"), new Answer("A", 3600L, "93.184.216.34"));
  }

  @Test
  void unsetFieldsBecomeNullsAndEmptyVectorsNoAnswers() {
    DnsEvent event = parsed(parserWithHeader().parse(
        "1714420815.679485\tC1\t10.0.0.238\t53501\t75.75.75.75\t53\tudp\t27785\t-\tb.f.ip6.arpa"
            + "\t1\tC_INTERNET\t12\tPTR\t-\t-\tF\tF\tT\tF\t0\t-\t-\tF"));
    assertThat(event.getRcode()).isNull();
    assertThat(event.getAnswers()).isEmpty();
    assertThat(event.getQtype()).isEqualTo(12);
  }

  /** A query for the root (a resolver priming its root hints) has the empty name: Zeek writes #empty_field. */
  @Test
  void anEmptyQueryIsTheRootAndAnUnsetOneIsMissing() {
    String row = "1714420815.679485\tC1\t10.0.0.238\t53501\t198.41.0.4\t53\tudp\t27785\t0.02\t%s"
        + "\t1\tC_INTERNET\t2\tNS\t0\tNOERROR\tT\tF\tF\tF\t0\ta.root-servers.net\t518400.000000\tF";
    ZeekTsvParser parser = parserWithHeader();
    assertThat(parsed(parser.parse(String.format(row, "(empty)"))).getQuery()).isEqualTo(".");
    assertThat(parser.parse(String.format(row, "-")))
        .isEqualTo(new ParseResult.Rejected(RejectReason.MISSING_FIELD, "no query"));
    parser.parse("#empty_field\t<none>"); // the header decides what is empty
    assertThat(parsed(parser.parse(String.format(row, "<none>"))).getQuery()).isEqualTo(".");
    assertThat(parsed(parser.parse(String.format(row, "(empty)"))).getQuery()).isEqualTo("(empty)");
  }

  @Test
  void netbiosMdnsAndLlmnrRowsAreSkippedNotRejected() {
    ZeekTsvParser parser = parserWithHeader();
    String row = "1258531680.237254\tC1\t192.168.1.103\t137\t192.168.1.255\t%s\tudp\t32997\t-\tDOMEX"
        + "\t1\tC_INTERNET\t32\tNB\t-\t-\tF\tF\tT\tF\t1\t-\t-\tF";
    assertThat(parser.parse(String.format(row, "137"))).isEqualTo(new ParseResult.Skipped("netbios-ns"));
    assertThat(parser.parse(String.format(row, "5353"))).isEqualTo(new ParseResult.Skipped("mdns"));
    assertThat(parser.parse(String.format(row, "5355"))).isEqualTo(new ParseResult.Skipped("llmnr"));
  }

  @Test
  void outOfOrderTimesAreKeptAsTheyAre() {
    ZeekTsvParser parser = parserWithHeader();
    String row = "%s\tC1\t10.0.0.1\t5000\t10.0.0.53\t53\tudp\t1\t-\ta.example\t1\tC_INTERNET\t1\tA\t0\tNOERROR\tF\tF\tT\tT\t0\t-\t-\tF";
    assertThat(parsed(parser.parse(String.format(row, "1000.5"))).getEventTime()).isEqualTo(Instant.ofEpochMilli(1_000_500));
    assertThat(parsed(parser.parse(String.format(row, "999.0"))).getEventTime()).isEqualTo(Instant.ofEpochMilli(999_000));
  }

  @Test
  void columnsAreFoundByNameNotPosition() {
    ZeekTsvParser parser = new ZeekTsvParser("s");
    parser.parse("#fields\tquery\tid.orig_h\tts\textra");
    DnsEvent event = parsed(parser.parse("example.org\t2001:db8::1\t1.25\twhatever"));
    assertThat(event.getQuery()).isEqualTo("example.org");
    assertThat(event.getSourceIp()).isEqualTo("2001:db8::1");
    assertThat(event.getSourcePort()).isNull();
  }

  @Test
  void aCustomSeparatorFromTheHeaderIsHonoured() {
    ZeekTsvParser parser = new ZeekTsvParser("s");
    parser.parse("#separator \\x7c");
    parser.parse("#set_separator|;");
    parser.parse("#fields|ts|id.orig_h|query|answers");
    DnsEvent event = parsed(parser.parse("10.0|10.1.1.1|x.example|1.2.3.4;5.6.7.8"));
    assertThat(event.getAnswers()).extracting(Answer::getData).containsExactly("1.2.3.4", "5.6.7.8");
  }

  @Nested
  class BadLines {
    @Test
    void dataBeforeTheFieldsHeaderIsUnparsable() {
      ParseResult result = new ZeekTsvParser("s").parse("1.0\tC1\t10.0.0.1");
      assertThat(result).isInstanceOf(ParseResult.Rejected.class)
          .extracting(r -> ((ParseResult.Rejected) r).reason()).isEqualTo(RejectReason.UNPARSABLE);
    }

    @Test
    void theWrongNumberOfFieldsIsUnparsable() {
      ParseResult result = parserWithHeader().parse("1.0\tC1\t10.0.0.1");
      assertThat(((ParseResult.Rejected) result).reason()).isEqualTo(RejectReason.UNPARSABLE);
      assertThat(((ParseResult.Rejected) result).detail()).isEqualTo("expected 24 fields, found 3");
    }

    @Test
    void anUnsetQueryIsAMissingField() {
      ParseResult result = parserWithHeader().parse(
          "1.0\tC1\t10.0.0.1\t5000\t10.0.0.53\t53\tudp\t1\t-\t-\t-\t-\t-\t-\t3\tNXDOMAIN\tF\tF\tT\tT\t0\t-\t-\tF");
      assertThat(((ParseResult.Rejected) result).reason()).isEqualTo(RejectReason.MISSING_FIELD);
    }

    @Test
    void aTimeThatIsNotANumberIsUnparsableAndANegativeOneOutOfRange() {
      String row = "%s\tC1\t10.0.0.1\t5000\t10.0.0.53\t53\tudp\t1\t-\ta.example\t1\tC_INTERNET\t1\tA\t0\tNOERROR\tF\tF\tT\tT\t0\t-\t-\tF";
      ZeekTsvParser parser = parserWithHeader();
      assertThat(((ParseResult.Rejected) parser.parse(String.format(row, "yesterday"))).reason()).isEqualTo(RejectReason.UNPARSABLE);
      assertThat(((ParseResult.Rejected) parser.parse(String.format(row, "-5.0"))).reason()).isEqualTo(RejectReason.TIME_OUT_OF_RANGE);
    }

    @Test
    void aPortOutOfRangeIsUnparsable() {
      ParseResult result = parserWithHeader().parse(
          "1.0\tC1\t10.0.0.1\t70000\t10.0.0.53\t53\tudp\t1\t-\ta.example\t1\tC_INTERNET\t1\tA\t0\tNOERROR\tF\tF\tT\tT\t0\t-\t-\tF");
      assertThat(((ParseResult.Rejected) result).reason()).isEqualTo(RejectReason.UNPARSABLE);
    }

    @Test
    void aQtypeOver16BitsIsUnparsable() {
      ParseResult result = parserWithHeader().parse(
          "1.0\tC1\t10.0.0.1\t5000\t10.0.0.53\t53\tudp\t1\t-\ta.example\t1\tC_INTERNET\t70000\t-\t0\tNOERROR\tF\tF\tT\tT\t0"
              + "\tfoo.example.net\t600.0\tF");
      assertThat(result).isEqualTo(new ParseResult.Rejected(RejectReason.UNPARSABLE, "qtype out of range: 70000"));
    }

    @Test
    void anRcodeOver12BitsIsUnparsable() {
      String row = "1.0\tC1\t10.0.0.1\t5000\t10.0.0.53\t53\tudp\t1\t-\ta.example\t1\tC_INTERNET\t1\tA\t%s\t-\tF\tF\tT\tT\t0\t-\t-\tF";
      ZeekTsvParser parser = parserWithHeader();
      assertThat(parsed(parser.parse(String.format(row, "4095"))).getRcode()).isEqualTo(4_095);
      assertThat(parser.parse(String.format(row, "4096")))
          .isEqualTo(new ParseResult.Rejected(RejectReason.UNPARSABLE, "rcode out of range: 4096"));
    }

    @Test
    void aMalformedSeparatorHeaderKeepsTheTab() {
      ZeekTsvParser parser = new ZeekTsvParser("s");
      parser.parse("#separator \\xZZ");
      parser.parse("#fields\tts\tid.orig_h\tquery");
      assertThat(parser.parse("1.0\t10.0.0.1\ta.example")).isInstanceOf(ParseResult.Rejected.class);
    }
  }
}
