package io.narrowcast.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.narrowcast.avro.DnsEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The benchmark's feed has the shape the issue asks for, and is the same for a seed. */
class BenchEventsTest {
  static final BenchEvents FEED = new BenchEvents(50_000, 10_000, 500, 3, 1);

  static List<DnsEvent> generate(BenchEvents feed) {
    List<DnsEvent> events = new ArrayList<>();
    feed.generate(events::add);
    return events;
  }

  @Test
  void everyEventInOrderWithinTheSpan() {
    List<DnsEvent> events = generate(FEED);
    assertThat(events).hasSize(50_000);
    Instant end = BenchEvents.START.plus(Duration.ofDays(3));
    Instant previous = BenchEvents.START;
    for (DnsEvent event : events) {
      assertThat(event.getEventTime()).isBetween(previous, end.minusMillis(1));
      previous = event.getEventTime();
    }
    assertThat(events.stream().map(DnsEvent::getSourceIp).distinct().count()).isLessThanOrEqualTo(500);
  }

  @Test
  void aFewPercentNxdomainAndNewNamesTheRestAnswered() {
    List<DnsEvent> events = generate(FEED);
    long nxdomain = events.stream().filter(e -> e.getRcode() == 3).count();
    long fresh = events.stream().filter(e -> e.getQuery().endsWith(".bench-fresh.net")).count();
    assertThat(nxdomain).isBetween(800L, 1_200L);   // 2%
    assertThat(fresh).isBetween(1_200L, 1_800L);    // 3%, each a name never seen before
    assertThat(events.stream().filter(e -> e.getQuery().endsWith(".bench-fresh.net")).map(DnsEvent::getQuery).distinct()
        .count()).isEqualTo(fresh);
    assertThat(events).allSatisfy(e -> assertThat(e.getAnswers()).hasSize(e.getRcode() == 3 ? 0 : 1));
  }

  @Test
  void namePopularityFollowsZipf() {
    Map<String, Integer> lookups = new HashMap<>();
    generate(FEED).forEach(e -> lookups.merge(e.getQuery(), 1, Integer::sum));
    int first = lookups.get("n0.bench-example.com");
    int tenth = lookups.get("n9.bench-example.com");
    // with exponent 1 the first name is ten times as popular as the tenth
    assertThat((double) first / tenth).isBetween(7.0, 14.0);
  }

  @Test
  void theSameSeedGivesTheSameFeed() {
    assertThat(generate(FEED)).isEqualTo(generate(new BenchEvents(50_000, 10_000, 500, 3, 1)));
    assertThat(generate(FEED)).isNotEqualTo(generate(new BenchEvents(50_000, 10_000, 500, 3, 2)));
  }

  @Test
  void sizesMustBePositive() {
    assertThatThrownBy(() -> new BenchEvents(0, 1, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
  }
}
