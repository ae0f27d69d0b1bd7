package io.narrowcast.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.narrowcast.deploy.PromQl.Matcher;
import io.narrowcast.deploy.PromQl.Selector;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PromQlTest {
  @Test
  void anAggregatedRateReadsOneCounterAndGroupsByItsLabel() {
    PromQl query = PromQl.parse(
        "sum by (reason) (rate(narrowcast_events_rejected_total{job=\"narrowcast\", reason!~\"un.*\"}[$__rate_interval]))");

    assertThat(query.selectors()).containsExactly(new Selector("narrowcast_events_rejected_total",
        List.of(new Matcher("job", "=", "narrowcast"), new Matcher("reason", "!~", "un.*"))));
    assertThat(query.groupingLabels()).containsExactly("reason");
  }

  @Test
  void aHistogramQuantileReadsTheBucketSeriesAndATrailingByClause() {
    PromQl query = PromQl.parse(
        "histogram_quantile(0.99, sum(rate(http_request_duration_seconds_bucket{le!=\"+Inf\"}[5m])) by (le, pod))");

    assertThat(query.metrics()).containsExactly("http_request_duration_seconds_bucket");
    assertThat(query.groupingLabels()).containsExactlyInAnyOrder("le", "pod");
  }

  @Test
  void functionsKeywordsNumbersDurationsAndVariablesAreNoMetrics() {
    PromQl query = PromQl.parse("max_over_time(a_b[1h:5m] offset 1d) / on (pod) group_left (node) kube_pod_info"
        + " > bool 1e3 and sum without (instance) (c:d) or vector(0) * ${factor} + $other");

    assertThat(query.metrics()).containsExactly("a_b", "kube_pod_info", "c:d");
    assertThat(query.groupingLabels()).containsExactlyInAnyOrder("pod", "node", "instance");
  }

  @Test
  void theNameMayStandInTheBracesAndAValueMayHoldBracesCommasAndEscapedQuotes() {
    PromQl query = PromQl.parse("{__name__=\"jvm_memory_used_bytes\", area=\"heap\"} + up{path=\"/a,b}\\\"c\"}");

    assertThat(query.selectors()).containsExactly(
        new Selector("jvm_memory_used_bytes", List.of(new Matcher("area", "=", "heap"))),
        new Selector("up", List.of(new Matcher("path", "=", "/a,b}\"c"))));
    assertThat(query.groupingLabels()).isEqualTo(Set.of());
  }

  @Test
  void aBrokenSelectorIsRefused() {
    assertThatThrownBy(() -> PromQl.parse("up{job=narrowcast}")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PromQl.parse("up{job=\"narrowcast}")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PromQl.parse("{job=\"narrowcast\"}")).isInstanceOf(IllegalArgumentException.class);
  }
}
