package io.narrowcast.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.narrowcast.avro.Answer;
import io.narrowcast.avro.DnsEvent;
import io.narrowcast.config.DetectionConfig.DomainGranularity;
import io.narrowcast.ingest.InvalidRecordException;
import io.narrowcast.ingest.RejectReason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class EventNormalizerTest {
  static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
  static final TimeRange SINCE_2000_AND_AN_HOUR_AHEAD =
      new TimeRange(Instant.parse("2000-01-01T00:00:00Z"), Duration.ofHours(1), Clock.fixed(NOW, ZoneOffset.UTC));

  static DnsEvent event(Instant time, String query, String source) {
    return DnsEvent.newBuilder().setEventTime(time).setSensor("s").setSourceIp(source).setSourcePort(null)
        .setQuery(query).setQtype(1).setRcode(null).setAnswers(List.of()).setTransport(null).build();
  }

  static void rejected(EventNormalizer normalizer, DnsEvent event, RejectReason reason) {
    assertThatThrownBy(() -> normalizer.normalize(event)).isInstanceOf(InvalidRecordException.class)
        .satisfies(e -> assertThat(((InvalidRecordException) e).reason()).isEqualTo(reason));
  }

  @Nested
  class TimeRanges {
    private final EventNormalizer normalizer = EventNormalizer.exact().within(SINCE_2000_AND_AN_HOUR_AHEAD);

    @Test
    void theFloorIsIncludedAndAMillisecondBeforeIsNot() throws InvalidRecordException {
      normalizer.normalize(event(Instant.parse("2000-01-01T00:00:00Z"), "a.example", "10.0.0.1"));
      rejected(normalizer, event(Instant.parse("1999-12-31T23:59:59.999Z"), "a.example", "10.0.0.1"),
          RejectReason.TIME_OUT_OF_RANGE);
    }

    @Test
    void anHourAheadIsFineAndAMillisecondMoreIsNot() throws InvalidRecordException {
      normalizer.normalize(event(NOW.plus(Duration.ofHours(1)), "a.example", "10.0.0.1"));
      rejected(normalizer, event(NOW.plus(Duration.ofHours(1)).plusMillis(1), "a.example", "10.0.0.1"),
          RejectReason.TIME_OUT_OF_RANGE);
    }

    @Test
    void withoutATimeRangeEveryTimeFromTheEpochOnIsBelieved() throws InvalidRecordException {
      EventNormalizer detector = new EventNormalizer(Sources.Granularity.ADDRESS, DomainGranularity.NAME);
      detector.normalize(event(Instant.parse("2999-01-01T00:00:00Z"), "a.example", "10.0.0.1"));
      rejected(detector, event(Instant.ofEpochMilli(-1), "a.example", "10.0.0.1"), RejectReason.TIME_OUT_OF_RANGE);
    }
  }

  @Test
  void answerValuesLongerThanAnyAddressOrNameAreLeftOutAndTheLookupStays() throws InvalidRecordException {
    DnsEvent event = event(NOW, "a.example", "10.0.0.1");
    String longest = "t".repeat(EventNormalizer.MAX_ANSWER_CHARS);
    event.setAnswers(List.of(new Answer("A", 60L, "192.0.2.1"), new Answer("TXT", 60L, longest + "t"),
        new Answer("TXT", 60L, longest)));
    assertThat(EventNormalizer.exact().normalize(event).getAnswers()).extracting(Answer::getData)
        .containsExactly("192.0.2.1", longest);
  }

  @Test
  void namesAndAddressesInOnePlaceAndTheKeyByGranularity() throws InvalidRecordException {
    EventNormalizer prefixes = new EventNormalizer(Sources.Granularity.PREFIX, DomainGranularity.REGISTERED_DOMAIN);
    DnsEvent event = prefixes.normalize(event(NOW, "Mail1.Trump-Email.COM.", "217.12.96.15"));
    assertThat(event.getQuery()).isEqualTo("mail1.trump-email.com");
    assertThat(event.getSourceIp()).isEqualTo("217.12.96.0/24");
    assertThat(prefixes.domainKey(event)).isEqualTo("trump-email.com");
    DnsEvent mapped = EventNormalizer.exact().normalize(event(NOW, "x.example", "::ffff:217.12.97.15"));
    assertThat(mapped.getSourceIp()).isEqualTo("217.12.97.15"); // an IPv4-mapped IPv6 address is the IPv4 host
  }
}
