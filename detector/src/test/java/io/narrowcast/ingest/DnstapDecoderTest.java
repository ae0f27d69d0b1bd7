package io.narrowcast.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.narrowcast.avro.Answer;
import io.narrowcast.avro.DnsEvent;
import io.narrowcast.dnstap.DnstapProtos;
import io.narrowcast.dnstap.DnstapProtos.Message.Type;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DnstapDecoderTest {
  static final Instant T = Instant.parse("2016-09-27T07:00:00.123456789Z");
  /** Event times are milliseconds, as the schema's timestamp-millis. */
  static final Instant T_MILLIS = Instant.parse("2016-09-27T07:00:00.123Z");
  private final DnstapDecoder decoder = new DnstapDecoder("dnstap-sensor");

  static ParseResult.Half half(ParseResult result) {
    assertThat(result).isInstanceOf(ParseResult.Half.class);
    return (ParseResult.Half) result;
  }

  @Test
  void aClientQueryOverIpv4() {
    ParseResult.Half half = half(decoder.decode(DnstapMessages.query(4711, "217.12.96.15", 40000, "Trump1.Contact-Client.com", 1, T)));
    assertThat(half.response()).isFalse();
    DnsEvent event = half.event();
    assertThat(event.getEventTime()).isEqualTo(T_MILLIS);
    assertThat(event.getSourceIp()).isEqualTo("217.12.96.15");
    assertThat(event.getSourcePort()).isEqualTo(40000);
    assertThat(event.getQuery()).isEqualTo("Trump1.Contact-Client.com");
    assertThat(event.getQtype()).isEqualTo(1);
    assertThat(event.getRcode()).isNull();
    assertThat(event.getAnswers()).isEmpty();
    assertThat(event.getTransport()).isEqualTo("udp");
    assertThat(event.getSensor()).isEqualTo("dnstap-sensor");
    assertThat(half.transaction()).isEqualTo("217.12.96.15|40000|4711|trump1.contact-client.com|1");
  }

  @Test
  void aClientResponseOverIpv6WithAnswersJoinsItsQuery() {
    ParseResult.Half half = half(decoder.decode(
        DnstapMessages.response(4711, "2001:DB8:0:0::7", 40000, "trump1.contact-client.com", 1, T, "66.216.133.29")));
    assertThat(half.response()).isTrue();
    assertThat(half.event().getSourceIp()).isEqualTo("2001:db8::7");
    assertThat(half.event().getEventTime()).isEqualTo(T_MILLIS); // the query's time, not the response's
    assertThat(half.event().getRcode()).isZero();
    assertThat(half.event().getAnswers()).containsExactly(new Answer("A", 300L, "66.216.133.29"));
    assertThat(half.transaction())
        .isEqualTo(half(decoder.decode(DnstapMessages.query(4711, "2001:db8::7", 40000, "trump1.contact-client.com", 1, T))).transaction());
  }

  @Test
  void nxdomainAndTheServerIdentity() {
    DnstapProtos.Dnstap message = DnstapProtos.Dnstap.newBuilder(DnstapMessages.parse(
            DnstapMessages.response(1, "10.0.0.1", 1000, "mail1.trump-email.com", 1, T, null)))
        .setIdentity(ByteString.copyFromUtf8("ns1.cdcservices.com")).build();
    DnsEvent event = half(decoder.decode(message.toByteArray())).event();
    assertThat(event.getRcode()).isEqualTo(3);
    assertThat(event.getSensor()).isEqualTo("ns1.cdcservices.com");
  }

  /** A name's bytes are judged as in a BIND query log, whichever of the two the server writes. */
  @Test
  void escapedBytesAreDecodedAsInBindsQueryLog() {
    DnsEvent utf8 = half(decoder.decode(DnstapMessages.query(1, "10.0.0.1", 1000, "b\\195\\188cher.example", 1, T))).event();
    assertThat(utf8.getQuery()).isEqualTo("bücher.example");
    assertThat(decoder.decode(DnstapMessages.query(1, "10.0.0.1", 1000, "dr._dns-sd._udp.\\224\\169?\\001", 12, T)))
        .isEqualTo(new ParseResult.Rejected(RejectReason.BAD_CHARACTERS, "label \"\\224\\169?\\001\" is not UTF-8 text"));
  }

  @Test
  void theServersOwnUpstreamTrafficIsSkipped() {
    DnstapProtos.Dnstap query = DnstapMessages.parse(DnstapMessages.query(1, "10.0.0.1", 1000, "example.com", 1, T));
    DnstapProtos.Dnstap resolverQuery = query.toBuilder()
        .setMessage(query.getMessage().toBuilder().setType(Type.RESOLVER_QUERY)).build();
    assertThat(decoder.decode(resolverQuery.toByteArray())).isEqualTo(new ParseResult.Skipped("dnstap resolver query"));
  }

  @Test
  void badPayloadsAreRejectedWithTheirReason() {
    assertThat(decoder.decode(new byte[] {1, 2, 3})).isInstanceOf(ParseResult.Rejected.class)
        .extracting(r -> ((ParseResult.Rejected) r).reason()).isEqualTo(RejectReason.UNPARSABLE);
    DnstapProtos.Dnstap good = DnstapMessages.parse(DnstapMessages.query(1, "10.0.0.1", 1000, "example.com", 1, T));
    assertThat(decoder.decode(good.toBuilder().clearMessage().build().toByteArray()))
        .isEqualTo(new ParseResult.Rejected(RejectReason.MISSING_FIELD, "dnstap without a message"));
    DnstapProtos.Message.Builder message = good.getMessage().toBuilder();
    assertThat(decoder.decode(good.toBuilder().setMessage(message.clone().setQueryAddress(ByteString.copyFrom(new byte[5]))).build().toByteArray()))
        .isEqualTo(new ParseResult.Rejected(RejectReason.BAD_ADDRESS, "query_address of 5 octets"));
    assertThat(decoder.decode(good.toBuilder().setMessage(message.clone().clearQueryMessage()).build().toByteArray()))
        .isEqualTo(new ParseResult.Rejected(RejectReason.MISSING_FIELD, "no query_message"));
    byte[] wire = message.getQueryMessage().toByteArray();
    ParseResult truncated = decoder.decode(good.toBuilder()
        .setMessage(message.clone().setQueryMessage(ByteString.copyFrom(Arrays.copyOf(wire, wire.length - 3)))).build().toByteArray());
    assertThat(((ParseResult.Rejected) truncated).reason()).isEqualTo(RejectReason.UNPARSABLE);
    assertThat(decoder.decode(good.toBuilder().setMessage(message.clone().clearQueryTimeSec()).build().toByteArray()))
        .isEqualTo(new ParseResult.Rejected(RejectReason.MISSING_FIELD, "no query_time_sec or response_time_sec"));
    // within Instant's range, beyond the epoch milliseconds an event keeps
    ParseResult farFuture = decoder.decode(good.toBuilder()
        .setMessage(message.clone().setQueryTimeSec(Long.MAX_VALUE / 1000 + 1)).build().toByteArray());
    assertThat(((ParseResult.Rejected) farFuture).reason()).isEqualTo(RejectReason.TIME_OUT_OF_RANGE);
  }
}
