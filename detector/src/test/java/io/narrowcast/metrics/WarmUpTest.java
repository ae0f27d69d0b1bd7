package io.narrowcast.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.narrowcast.cli.DocExample;
import io.narrowcast.config.DetectionConfig;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** When a fresh detector can first alert, rule by rule, as run's start line, /ready and the gauge say it. */
class WarmUpTest {
  static final Instant FIRST_WINDOW = Instant.parse("2016-01-01T00:00:00Z");
  static final String OPERATIONS_DOC = "docs/operations.md";

  @Test
  void aCollapseNeedsItsBaselineAndNarrowWindowsARenameTheLookbackTheLagAndAWindow() {
    List<WarmUp> rules = WarmUp.of(DetectionConfig.defaults());
    assertThat(rules).extracting(WarmUp::rule, WarmUp::after).containsExactly(
        org.assertj.core.groups.Tuple.tuple("collapse", Duration.ofDays(5)),
        org.assertj.core.groups.Tuple.tuple("rename", Duration.ofDays(38)));
    assertThat(rules.get(0).ableFrom(OptionalLong.of(FIRST_WINDOW.toEpochMilli())))
        .hasValue(Instant.parse("2016-01-06T00:00:00Z").toEpochMilli());
    assertThat(rules.get(1).ableFrom(OptionalLong.empty())).isEmpty();
  }

  @Test
  void theLinesSayWhetherTheDetectorIsStillLearning() {
    WarmUp collapse = WarmUp.of(DetectionConfig.defaults()).get(0);
    OptionalLong first = OptionalLong.of(FIRST_WINDOW.toEpochMilli());
    assertThat(collapse.describe(OptionalLong.empty(), OptionalLong.empty())).isEqualTo("collapse: able to alert 5d of "
        + "event time after the first window the detector watched (--min-baseline-windows 3 and --min-narrow-windows 2 "
        + "windows of 1d)");
    assertThat(collapse.describe(first, OptionalLong.of(Instant.parse("2016-01-03T00:00:00Z").toEpochMilli())))
        .isEqualTo("collapse: still learning, able to alert from 2016-01-06T00:00:00Z (5d after the first window watched, "
            + "--min-baseline-windows 3 and --min-narrow-windows 2 windows of 1d); event time 2016-01-03T00:00:00Z");
    assertThat(collapse.describe(first, OptionalLong.of(Instant.parse("2016-01-06T00:00:00Z").toEpochMilli())))
        .startsWith("collapse: able to alert from 2016-01-06T00:00:00Z");
  }

  @Test
  void theOperationsPageShowsRunsStartLinesAndReadyAsTheyAre() throws IOException {
    List<WarmUp> rules = WarmUp.of(DetectionConfig.defaults());
    assertThat(DocExample.output(OPERATIONS_DOC, "narrowcast run: collapse: ").output())
        .containsExactlyElementsOf(rules.stream().map(rule -> "narrowcast run: " + rule.describe(OptionalLong.empty(),
            OptionalLong.empty())).toList());
    OptionalLong first = OptionalLong.of(FIRST_WINDOW.toEpochMilli());
    OptionalLong twoDaysIn = OptionalLong.of(Instant.parse("2016-01-03T00:00:00Z").toEpochMilli());
    assertThat(DocExample.startingWith(OPERATIONS_DOC, "curl -s 127.0.0.1:8080/ready").output())
        .containsExactlyElementsOf(Stream.concat(Stream.of("RUNNING"), rules.stream().map(rule -> rule.describe(first,
            twoDaysIn))).toList());
  }
}
