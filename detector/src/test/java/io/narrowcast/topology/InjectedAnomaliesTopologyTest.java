package io.narrowcast.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.narrowcast.alert.AlertKind;
import io.narrowcast.avro.Alert;
import io.narrowcast.avro.DnsEvent;
import io.narrowcast.config.DetectionConfig;
import io.narrowcast.evaluate.Evaluation;
import io.narrowcast.normalize.Sources;
import io.narrowcast.simulate.ExpectedAlert;
import io.narrowcast.simulate.InjectedAnomalies;
import io.narrowcast.simulate.Scenario;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The anomalies injected into a log are what the detector finds, each as labelled and nothing else, at either source granularity. */
class InjectedAnomaliesTopologyTest {
  static final Instant FROM = Instant.parse("2022-03-09T18:11:18Z");
  static final Instant TO = Instant.parse("2022-03-09T18:34:45Z");

  @TempDir
  Path stateDir;

  @ParameterizedTest
  @EnumSource(Sources.Granularity.class)
  void everyInjectedAnomalyRaisesItsAlertAndNoOther(Sources.Granularity granularity) {
    DetectionConfig config = DetectionConfig.defaults().toBuilder().window(Duration.ofMinutes(1)).grace(Duration.ofSeconds(15))
        .darkAfter(Duration.ofMinutes(3)).renameMaxLag(Duration.ofMinutes(7)).newNameLookback(Duration.ofMinutes(5))
        .lifecycleTtl(Duration.ofMinutes(10)).sourceGranularity(granularity).build();
    InjectedAnomalies.Network lan = new InjectedAnomalies.Network(List.of("10.0.2.15", "10.0.3.16", "10.0.4.17"),
        Set.of("10.0.2.15", "10.0.3.16", "10.0.4.17", "10.0.2.0/24", "10.0.3.0/24", "10.0.4.0/24"), Set.of());
    InjectedAnomalies injected = InjectedAnomalies.plan(lan, FROM.toEpochMilli(), TO.toEpochMilli(), config, 3);
    List<Alert> alerts;
    try (DetectorDriver driver = new DetectorDriver(config, stateDir)) {
      // the detector has watched for the lookback before the stretch, as in a log with earlier traffic
      driver.lookups("earlier.example", "10.0.2.15", FROM.minus(Duration.ofMinutes(10)), 1);
      injected.events().forEach(event -> driver.send(event.getQuery(), event));
      driver.tick(TO.plus(Duration.ofMinutes(2)));
      alerts = driver.alerts();
    }
    Evaluation evaluation = new Evaluation();
    evaluation.add(new Labelled(injected.labels()), alerts);
    for (AlertKind kind : AlertKind.values()) {
      Evaluation.Score score = evaluation.score(kind);
      assertThat(score.expected()).isEqualTo(4);
      assertThat(score.misses()).as("%s misses", kind).isEmpty();
      assertThat(score.falseAlarms()).as("%s false alarms", kind).isEmpty();
    }
  }

  /** Labels alone: the events were sent by hand. */
  private static final class Labelled extends Scenario {
    private final List<ExpectedAlert> labels;

    Labelled(List<ExpectedAlert> labels) {
      super(LocalDate.of(2022, 3, 9), LocalDate.of(2022, 3, 9));
      this.labels = labels;
    }

    @Override
    public String name() {
      return "injected";
    }

    @Override
    public List<ExpectedAlert> labels() {
      return labels;
    }

    @Override
    public void generate(Consumer<DnsEvent> sink) {
      throw new UnsupportedOperationException("the test sends the events itself");
    }
  }
}
