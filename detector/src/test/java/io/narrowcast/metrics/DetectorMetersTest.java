package io.narrowcast.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.narrowcast.alert.AlertKind;
import io.narrowcast.ingest.RejectReason;
import org.junit.jupiter.api.Test;

class DetectorMetersTest {
  @Test
  void theCountersAppearInPrometheusFormWithTheirCurrentValues() {
    DetectorMetrics metrics = new DetectorMetrics();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    DetectorMeters.bindCounters(registry, metrics);

    // counted after binding: the meters read the live counters
    for (int i = 0; i < 5; i++) {
      metrics.countEventIn();
    }
    metrics.countRejected(RejectReason.BAD_ADDRESS);
    metrics.countLate();
    metrics.countAlert(AlertKind.QUERIER_COLLAPSE.name(), "new");
    metrics.countAlert(AlertKind.QUERIER_COLLAPSE.name(), "new");
    metrics.countAlert(AlertKind.QUERIER_COLLAPSE.name(), "closed");

    assertThat(registry.scrape().lines()).contains(
        "narrowcast_events_in_total 5.0",
        "narrowcast_events_rejected_total{reason=\"bad address\"} 1.0",
        "narrowcast_events_rejected_total{reason=\"unparsable\"} 0.0",
        "narrowcast_events_late_total 1.0",
        "narrowcast_alerts_total{kind=\"QUERIER_COLLAPSE\",status=\"new\"} 2.0",
        "narrowcast_alerts_total{kind=\"QUERIER_COLLAPSE\",status=\"closed\"} 1.0",
        "narrowcast_alerts_total{kind=\"RENAME_FOLLOW\",status=\"new\"} 0.0");
  }
}
