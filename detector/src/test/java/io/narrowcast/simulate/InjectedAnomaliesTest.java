package io.narrowcast.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.narrowcast.alert.AlertKind;
import io.narrowcast.avro.DnsEvent;
import io.narrowcast.config.DetectionConfig;
import io.narrowcast.ingest.InvalidRecordException;
import io.narrowcast.normalize.Sources;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The anomalies injected into a real log, laid out in a 23-minute stretch of a small LAN at minute windows. */
class InjectedAnomaliesTest {
  static final long FROM = Instant.parse("2022-03-09T18:11:18Z").toEpochMilli();
  static final long TO = Instant.parse("2022-03-09T18:34:45Z").toEpochMilli();
  static final DetectionConfig MINUTES = DetectionConfig.defaults().toBuilder().window(Duration.ofMinutes(1))
      .grace(Duration.ofSeconds(15)).darkAfter(Duration.ofMinutes(3)).renameMaxLag(Duration.ofMinutes(7))
      .newNameLookback(Duration.ofMinutes(5)).lifecycleTtl(Duration.ofMinutes(10)).build();
  static final InjectedAnomalies.Network LAN = new InjectedAnomalies.Network(
      List.of("10.0.2.15", "10.0.2.16", "10.0.2.17", "10.0.2.18", "10.0.2.19", "10.0.2.20"),
      Set.of("10.0.2.15", "10.0.2.16", "10.0.2.17", "10.0.2.18", "10.0.2.19", "10.0.2.20", "10.0.7.7"),
      Set.of("mail0.acme-news.test"));

  static InjectedAnomalies plan(DetectionConfig config) {
    return InjectedAnomalies.plan(LAN, FROM, TO, config, 1);
  }

  @Test
  void fourCollapsesAndFourRenamesUnderTheReservedSuffixAvoidingTheLogsNames() {
    List<ExpectedAlert> labels = plan(MINUTES).labels();
    assertThat(labels).extracting(ExpectedAlert::kind).containsExactly(AlertKind.QUERIER_COLLAPSE, AlertKind.QUERIER_COLLAPSE,
        AlertKind.QUERIER_COLLAPSE, AlertKind.QUERIER_COLLAPSE, AlertKind.RENAME_FOLLOW, AlertKind.RENAME_FOLLOW,
        AlertKind.RENAME_FOLLOW, AlertKind.RENAME_FOLLOW);
    assertThat(labels).extracting(ExpectedAlert::domain).allMatch(name -> name.endsWith(".test"))
        .contains("mail0.acme-news-2.test", "mail1.globex-news.test", "portal0.umbrella-login.test")
        .doesNotContain("mail0.acme-news.test");
    assertThat(labels.get(4).previousDomain()).isEqualTo("portal0.umbrella-secure.test");
  }

  @Test
  void theLabelsNameWholeWindowsInsideTheStretch() {
    // the first whole window starts 18:12; collapse 0 is broad for 3 windows, then narrow for 3
    List<ExpectedAlert> labels = plan(MINUTES).labels();
    assertThat(labels.get(0).from()).isEqualTo(Instant.parse("2022-03-09T18:15:00Z"));
    assertThat(labels.get(0).until()).isEqualTo(Instant.parse("2022-03-09T18:18:00Z"));
    // 22 whole windows; new names are born from window 11 (lookback 5 windows, 3 active ones and the longest lag) to 20
    assertThat(labels.subList(4, 8)).extracting(l -> l.from().toString()).containsExactly("2022-03-09T18:23:00Z",
        "2022-03-09T18:26:00Z", "2022-03-09T18:29:00Z", "2022-03-09T18:32:00Z");
    assertThat(labels).allSatisfy(l -> assertThat(Duration.between(l.from(), l.until())).isPositive());
    assertThat(plan(MINUTES).events()).allSatisfy(e -> assertThat(e.getEventTime())
        .isBetween(Instant.parse("2022-03-09T18:12:00Z"), Instant.parse("2022-03-09T18:34:00Z")));
  }

  @Test
  void theRenamesUseDisjointSetsOfTheBusiestSourcesAndMadeUpOnesAreNoneOfTheLogs() {
    InjectedAnomalies plan = plan(MINUTES);
    Map<String, Set<String>> sourcesByName = plan.events().stream().collect(Collectors.groupingBy(DnsEvent::getQuery,
        Collectors.mapping(DnsEvent::getSourceIp, Collectors.toSet())));
    Set<String> seen = new HashSet<>();
    for (int j = 0; j < 4; j++) {
      Set<String> old = sourcesByName.get(plan.labels().get(4 + j).previousDomain());
      assertThat(old).as("rename %d", j).hasSizeBetween(2, 4);
      assertThat(Collections.disjoint(old, seen)).as("rename %d shares no source with those before", j).isTrue();
      seen.addAll(old);
    }
    // eleven rename sources: the log's six, then five made up
    assertThat(plan.realSources()).isEqualTo(LAN.busiest());
    Set<String> all = plan.events().stream().map(DnsEvent::getSourceIp).collect(Collectors.toSet());
    assertThat(all).hasSize(6 + plan.madeUpSources());
    assertThat(all).filteredOn(s -> !LAN.busiest().contains(s)).allMatch(s -> s.startsWith("10.0.") && !s.equals("10.0.7.7"));
  }

  @Test
  void byPrefixEveryMadeUpSourceIsANetworkOfItsOwn() throws InvalidRecordException {
    DetectionConfig byPrefix = MINUTES.toBuilder().sourceGranularity(Sources.Granularity.PREFIX).build();
    InjectedAnomalies.Network lan = new InjectedAnomalies.Network(List.of("10.0.2.15"), Set.of("10.0.2.0/24", "10.0.7.0/24"),
        Set.of());
    InjectedAnomalies plan = InjectedAnomalies.plan(lan, FROM, TO, byPrefix, 1);
    Set<String> madeUp = new HashSet<>();
    for (DnsEvent event : plan.events()) {
      if (!event.getSourceIp().equals("10.0.2.15")) {
        madeUp.add(Sources.canonical(event.getSourceIp(), Sources.Granularity.PREFIX));
      }
    }
    assertThat(madeUp).hasSize(plan.madeUpSources()).doesNotContain("10.0.2.0/24", "10.0.7.0/24");
  }

  @Test
  void theSameSeedGivesTheSameEvents() {
    assertThat(plan(MINUTES).events()).isEqualTo(plan(MINUTES).events());
    assertThat(InjectedAnomalies.plan(LAN, FROM, TO, MINUTES, 2).events()).isNotEqualTo(plan(MINUTES).events());
  }

  @Test
  void aStretchOfTooFewWindowsIsRefused() {
    DetectionConfig tenMinutes = MINUTES.toBuilder().window(Duration.ofMinutes(10)).build();
    assertThatThrownBy(() -> plan(tenMinutes)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the injected anomalies need 10 windows of 10m (new-name-lookback 5m, rename-max-lag 7m), but the log's "
            + "busiest stretch holds 1: give a shorter --window, or leave it out");
  }
}
