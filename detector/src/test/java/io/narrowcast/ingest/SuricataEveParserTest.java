package io.narrowcast.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.narrowcast.avro.Answer;
import io.narrowcast.avro.DnsEvent;
import io.narrowcast.normalize.EventNormalizer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SuricataEveParserTest {
  // version 2 (Suricata 7): a query and its answer, the answer with detailed and grouped answers
  static final String V2_QUERY = "{\"timestamp\":\"2021-06-06T16:26:27.431769+0200\",\"flow_id\":1567838537225881,"
      + "\"event_type\":\"dns\",\"src_ip\":\"192.168.1.129\",\"src_port\":35790,\"dest_ip\":\"192.168.1.1\",\"dest_port\":53,"
      + "\"proto\":\"UDP\",\"dns\":{\"type\":\"query\",\"id\":2,\"rrname\":\"WWW.Example.com\",\"rrtype\":\"A\",\"tx_id\":0},"
      + "\"host\":\"sensor-1\"}";
  static final String V2_ANSWER = "{\"timestamp\":\"2021-06-06T16:26:27.442512+0200\",\"flow_id\":1567838537225881,"
      + "\"event_type\":\"dns\",\"src_ip\":\"192.168.1.129\",\"src_port\":35790,\"dest_ip\":\"192.168.1.1\",\"dest_port\":53,"
      + "\"proto\":\"UDP\",\"dns\":{\"version\":2,\"type\":\"answer\",\"id\":2,\"flags\":\"8180\",\"qr\":true,"
      + "\"rrname\":\"WWW.Example.com\",\"rrtype\":\"A\",\"rcode\":\"NOERROR\",\"answers\":[{\"rrname\":\"www.example.com\","
      + "\"rrtype\":\"CNAME\",\"ttl\":300,\"rdata\":\"example.com\"},{\"rrname\":\"example.com\",\"rrtype\":\"A\",\"ttl\":91,"
      + "\"rdata\":\"93.184.216.34\"},{\"rrname\":\"example.com\",\"rrtype\":\"SOA\",\"ttl\":60,\"soa\":{}}],"
      + "\"grouped\":{\"A\":[\"93.184.216.34\"]}},\"host\":\"sensor-1\"}";
  static final String V2_GROUPED_NXDOMAIN = "{\"timestamp\":\"2021-06-06T16:30:00.000000+0000\",\"flow_id\":7,"
      + "\"event_type\":\"dns\",\"src_ip\":\"10.0.0.9\",\"src_port\":5000,\"dest_ip\":\"10.0.0.1\",\"dest_port\":53,"
      + "\"proto\":\"UDP\",\"dns\":{\"version\":2,\"type\":\"answer\",\"id\":9,\"rrname\":\"gone.example\",\"rrtype\":\"AAAA\","
      + "\"rcode\":\"NXDOMAIN\",\"grouped\":{\"CNAME\":[\"x.example\"]}}}";
  // version 3 (Suricata 8): the response travels from the responder, so the querier is dest_ip
  static final String V3_REQUEST = "{\"timestamp\":\"2025-03-01T10:00:00.100000+0000\",\"flow_id\":42,\"event_type\":\"dns\","
      + "\"src_ip\":\"2001:db8::10\",\"src_port\":41000,\"dest_ip\":\"2001:db8::53\",\"dest_port\":53,\"proto\":\"UDP\","
      + "\"dns\":{\"version\":3,\"type\":\"request\",\"tx_id\":0,\"id\":77,\"flags\":\"100\",\"rd\":true,\"opcode\":0,"
      + "\"rcode\":\"NOERROR\",\"queries\":[{\"rrname\":\"mail1.trump-email.com\",\"rrtype\":\"A\"}]}}";
  static final String V3_RESPONSE = "{\"timestamp\":\"2025-03-01T10:00:00.130000+0000\",\"flow_id\":42,\"event_type\":\"dns\","
      + "\"src_ip\":\"2001:db8::53\",\"src_port\":53,\"dest_ip\":\"2001:db8::10\",\"dest_port\":41000,\"proto\":\"UDP\","
      + "\"dns\":{\"version\":3,\"type\":\"response\",\"tx_id\":0,\"id\":77,\"flags\":\"8180\",\"qr\":true,\"rcode\":\"NOERROR\","
      + "\"queries\":[{\"rrname\":\"mail1.trump-email.com\",\"rrtype\":\"A\"}],"
      + "\"answers\":[{\"rrname\":\"mail1.trump-email.com\",\"rrtype\":\"A\",\"ttl\":3600,\"rdata\":\"66.216.133.29\"}]}}";
  static final String FLOW = "{\"timestamp\":\"2021-06-06T16:26:27.431769+0200\",\"flow_id\":1,\"event_type\":\"flow\","
      + "\"src_ip\":\"192.168.1.129\",\"dest_ip\":\"192.168.1.1\",\"proto\":\"UDP\",\"flow\":{\"pkts_toserver\":1}}";

  private final SuricataEveParser parser = new SuricataEveParser("eve.json");

  static ParseResult.Half half(ParseResult result) {
    assertThat(result).isInstanceOf(ParseResult.Half.class);
    return (ParseResult.Half) result;
  }

  @Nested
  class Version2 {
    @Test
    void aQueryIsTheQueryHalfWithoutAnswers() {
      ParseResult.Half query = half(parser.parse(V2_QUERY));
      assertThat(query.response()).isFalse();
      assertThat(query.transaction()).isEqualTo("1567838537225881|2|www.example.com|A");
      DnsEvent event = query.event();
      assertThat(event.getEventTime()).isEqualTo(Instant.parse("2021-06-06T14:26:27.431Z"));
      assertThat(event.getSensor()).isEqualTo("sensor-1");
      assertThat(event.getSourceIp()).isEqualTo("192.168.1.129");
      assertThat(event.getSourcePort()).isEqualTo(35790);
      assertThat(event.getQuery()).isEqualTo("WWW.Example.com"); // normalized later, in one place
      assertThat(event.getQtype()).isEqualTo(1);
      assertThat(event.getRcode()).isNull();
      assertThat(event.getAnswers()).isEmpty();
      assertThat(event.getTransport()).isEqualTo("udp");
    }

    @Test
    void anAnswerCarriesRcodeAndDetailedAnswersWithRdata() {
      ParseResult.Half answer = half(parser.parse(V2_ANSWER));
      assertThat(answer.response()).isTrue();
      assertThat(answer.transaction()).isEqualTo(half(parser.parse(V2_QUERY)).transaction());
      assertThat(answer.event().getRcode()).isZero();
      assertThat(answer.event().getAnswers()).containsExactly( // the SOA object has no rdata: left out
          new Answer("CNAME", 300L, "example.com"), new Answer("A", 91L, "93.184.216.34"));
    }

    @Test
    void groupedAnswersAreUsedWhenThereAreNoDetailedOnes() {
      DnsEvent event = half(parser.parse(V2_GROUPED_NXDOMAIN)).event();
      assertThat(event.getRcode()).isEqualTo(3);
      assertThat(event.getQtype()).isEqualTo(28);
      assertThat(event.getAnswers()).containsExactly(new Answer("CNAME", null, "x.example"));
      assertThat(event.getSensor()).isEqualTo("eve.json"); // no "host": the file names the sensor
    }
  }

  @Nested
  class Version3 {
    @Test
    void aRequestTakesItsQuestionFromQueries() {
      ParseResult.Half request = half(parser.parse(V3_REQUEST));
      assertThat(request.response()).isFalse();
      assertThat(request.event().getQuery()).isEqualTo("mail1.trump-email.com");
      assertThat(request.event().getSourceIp()).isEqualTo("2001:db8::10");
      assertThat(request.event().getSourcePort()).isEqualTo(41000);
      assertThat(request.event().getRcode()).isNull(); // a request's rcode field says nothing about an answer
    }

    @Test
    void aResponseNamesTheQuerierAsDestination() {
      ParseResult.Half response = half(parser.parse(V3_RESPONSE));
      assertThat(response.response()).isTrue();
      assertThat(response.transaction()).isEqualTo(half(parser.parse(V3_REQUEST)).transaction());
      assertThat(response.event().getSourceIp()).isEqualTo("2001:db8::10");
      assertThat(response.event().getSourcePort()).isEqualTo(41000);
      assertThat(response.event().getAnswers()).containsExactly(new Answer("A", 3600L, "66.216.133.29"));
    }

    @Test
    void aRequestWithoutQueriesIsAMissingField() {
      ParseResult result = parser.parse(V3_REQUEST.replace("\"queries\":[{\"rrname\":\"mail1.trump-email.com\",\"rrtype\":\"A\"}]",
          "\"queries\":[]"));
      assertThat(result).isEqualTo(new ParseResult.Rejected(RejectReason.MISSING_FIELD, "no queries[]"));
    }
  }

  @Test
  void otherEventTypesAndMulticastAreSkippedNotRejected() {
    assertThat(parser.parse(FLOW)).isEqualTo(new ParseResult.Skipped("not dns: flow"));
    assertThat(parser.parse(V2_QUERY.replace("\"dest_port\":53", "\"dest_port\":5353")))
        .isEqualTo(new ParseResult.Skipped("mdns"));
    assertThat(parser.parse(V3_RESPONSE.replace("\"src_port\":53", "\"src_port\":5355")))
        .isEqualTo(new ParseResult.Skipped("llmnr"));
  }

  @Test
  void brokenRecordsAreRejectedWithTheirReason() {
    assertThat(parser.parse("{\"event_type\":\"dns\"")).isInstanceOf(ParseResult.Rejected.class)
        .extracting(r -> ((ParseResult.Rejected) r).reason()).isEqualTo(RejectReason.UNPARSABLE);
    assertThat(parser.parse("{\"timestamp\":\"2021-06-06T16:26:27Z\"}"))
        .isEqualTo(new ParseResult.Rejected(RejectReason.MISSING_FIELD, "no event_type"));
    assertThat(parser.parse(V2_QUERY.replace("\"rrname\":\"WWW.Example.com\",", "")))
        .isEqualTo(new ParseResult.Rejected(RejectReason.MISSING_FIELD, "no rrname"));
    assertThat(parser.parse(V2_QUERY.replace("\"type\":\"query\"", "\"type\":\"gossip\"")))
        .isEqualTo(new ParseResult.Rejected(RejectReason.UNPARSABLE, "unknown dns.type \"gossip\""));
    assertThat(parser.parse(V2_QUERY.replace("\"src_ip\":\"192.168.1.129\",", "")))
        .isEqualTo(new ParseResult.Rejected(RejectReason.MISSING_FIELD, "no src_ip"));
  }

  @Test
  void anRcodeFitsIn12Bits() {
    assertThat(half(parser.parse(V3_RESPONSE.replace("\"rcode\":\"NOERROR\"", "\"rcode\":4095"))).event().getRcode())
        .isEqualTo(4_095);
    assertThat(parser.parse(V3_RESPONSE.replace("\"rcode\":\"NOERROR\"", "\"rcode\":4096")))
        .isEqualTo(new ParseResult.Rejected(RejectReason.UNPARSABLE, "rcode out of range: 4096"));
  }

  @Nested
  class Joining {
    private final RecordingSink sink = new RecordingSink();
    private final IngestSummary summary = new IngestSummary();

    void ingest(String... lines) throws IOException {
      FileIngestor ingestor = new FileIngestor(new RecordRouter(sink, summary, EventNormalizer.exact()));
      ingestor.ingest(new ByteArrayInputStream(String.join("\n", lines).getBytes(StandardCharsets.UTF_8)), Format.SURICATA,
          "eve.json", "eve.json");
      ingestor.finish();
    }

    @Test
    void aQueryAndItsAnswerAreOneLookup() throws IOException {
      ingest(V2_QUERY, FLOW, V2_ANSWER);
      assertThat(sink.events).singleElement().satisfies(event -> {
        assertThat(event.getQuery()).isEqualTo("www.example.com");
        assertThat(event.getEventTime()).isEqualTo(Instant.parse("2021-06-06T14:26:27.431Z")); // the query's time
        assertThat(event.getRcode()).isZero();
        assertThat(event.getAnswers()).hasSize(2);
      });
      assertThat(summary.describe()).isEqualTo(
          "read 3: accepted 1, rejected 0, skipped 2 (not dns: flow 1, response joined to its query 1)");
    }

    @Test
    void retransmittedQueriesAreAnsweredInOrderAndEachCounts() throws IOException {
      ingest(V2_QUERY, V2_QUERY.replace("\"tx_id\":0", "\"tx_id\":1"), V2_ANSWER, V2_ANSWER);
      assertThat(sink.events).hasSize(2).allSatisfy(event -> assertThat(event.getRcode()).isZero());
      assertThat(summary.skippedByWhy()).containsEntry(RecordRouter.JOINED, 2L);
    }

    @Test
    void unansweredQueriesAndLoneAnswersStillCount() throws IOException {
      ingest(V3_REQUEST, V2_GROUPED_NXDOMAIN);
      assertThat(sink.queries()).containsExactly("gone.example", "mail1.trump-email.com"); // the request waits until the end
      assertThat(sink.events.get(1).getRcode()).isNull();
      assertThat(summary.read()).isEqualTo(2);
      assertThat(summary.accepted()).isEqualTo(2);
    }

    @Test
    void version3RequestAndResponseJoinToo() throws IOException {
      ingest(V3_REQUEST, V3_RESPONSE);
      assertThat(sink.events).singleElement().satisfies(event -> {
        assertThat(event.getSourceIp()).isEqualTo("2001:db8::10");
        assertThat(event.getAnswers()).containsExactly(new Answer("A", 3600L, "66.216.133.29"));
      });
    }
  }
}
