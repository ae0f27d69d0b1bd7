package io.narrowcast.topology;

import static io.narrowcast.topology.CollapseTopologyTest.DOMAIN;
import static io.narrowcast.topology.CollapseTopologyTest.FEW;
import static io.narrowcast.topology.CollapseTopologyTest.closeDay;
import static io.narrowcast.topology.CollapseTopologyTest.day;
import static io.narrowcast.topology.CollapseTopologyTest.few;
import static io.narrowcast.topology.CollapseTopologyTest.manySources;
import static org.assertj.core.api.Assertions.assertThat;

import io.narrowcast.avro.Alert;
import io.narrowcast.avro.DnsEvent;
import io.narrowcast.avro.SourceShare;
import io.narrowcast.config.DetectionConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The life of a collapse alert on TopologyTestDriver (one narrow window opens it): new, then silence while nothing changes, an
 * update when a new source appears, and closed when the pattern ends. Defaults: close after 3
 * broadened windows, strays up to 10% of a window, dark after 3 days. Every fixture opens the alert
 * on day 14 (12 one-off sources a day before, then FEW[0..2] with 12 lookups).
 */
class AlertLifecycleTopologyTest {
  @TempDir
  Path stateDir;
  DetectorDriver d;

  @BeforeEach
  void openOnDay14() {
    d = new DetectorDriver(CollapseTopologyTest.ONE_WINDOW, stateDir);
    manySources(d, 0, 14, 12);
    few(d, 14, 3, 12);
    closeDay(d, 14);
    assertThat(d.alerts()).singleElement().satisfies(a -> assertThat(a.getStatus()).isEqualTo("new"));
  }

  @AfterEach
  void close() {
    d.close();
  }

  @Test
  void theSamePatternDoesNotRepeatTheAlert() {
    for (int n = 15; n < 25; n++) {
      few(d, n, 3, 12);
      closeDay(d, n);
    }
    assertThat(d.alerts()).isEmpty();
  }

  /** FEW[3] takes FEW[2]'s place: four busy sources over the alert's span, more than max-remaining-sources. */
  void aNewFewOnDay(int n) {
    for (int q = 0; q < 12; q++) {
      d.lookups(DOMAIN, q % 3 == 2 ? FEW[3] : FEW[q % 3], day(n, 9 + q % 8), 1);
    }
    closeDay(d, n);
  }

  @Test
  void aBusySourceBeyondTheFewIsNotTheCollapseGoingOnAndThreeSuchWindowsCloseIt() {
    aNewFewOnDay(15);
    aNewFewOnDay(16);
    assertThat(d.alerts()).isEmpty();
    aNewFewOnDay(17);
    assertThat(d.alerts()).singleElement().satisfies(closed -> {
      assertThat(closed.getStatus()).isEqualTo("closed");
      assertThat(closed.getCloseReason())
          .isEqualTo("queried by more than 3 sources, or by others than its few, again in 3 windows in a row");
      assertThat(closed.getWindowEnd()).isEqualTo(day(15, 0));
      assertThat(closed.getSources()).extracting(SourceShare::getSource).containsExactly(FEW[0], FEW[1], FEW[2]);
    });
  }

  @Test
  void aStrayJoinsTheListQuietly() {
    few(d, 15, 3, 30);
    d.lookups(DOMAIN, FEW[3], day(15, 12), 2); // 2 of 32: a stray, under the 10% that still holds
    closeDay(d, 15);
    assertThat(d.alerts()).isEmpty();
    d.tick(day(19, 0).plus(Duration.ofMinutes(10))); // 3 quiet days close it, with everything it saw
    assertThat(d.alerts()).singleElement().satisfies(closed -> {
      assertThat(closed.getStatus()).isEqualTo("closed");
      assertThat(closed.getQueries()).isEqualTo(44);
      assertThat(closed.getSources()).extracting(SourceShare::getSource).containsExactly(FEW[0], FEW[1], FEW[2], FEW[3]);
      assertThat(closed.getSources().get(3).getShare()).isEqualTo(0.0455); // 2 of 44
    });
  }

  /** More sources than an alert lists (16) over its span: each counts once in distinct_sources. */
  @Test
  void aLongCollapseCountsEverySourceOfItsSpan() {
    for (int n = 15; n < 35; n++) {
      few(d, n, 3, 30);
      d.lookups(DOMAIN, "10.99.0." + n, day(n, 12), 1); // a new stray every day: 1 of 31 lookups
      closeDay(d, n);
    }
    d.tick(day(38, 0).plus(Duration.ofMinutes(10))); // 3 quiet days close it
    assertThat(d.alerts()).singleElement().satisfies(closed -> {
      assertThat(closed.getStatus()).isEqualTo("closed");
      assertThat(closed.getSources()).hasSize(16);
      assertThat(closed.getDistinctSources()).isEqualTo(3 + 20);
    });
  }

  @Test
  void theAlertIdIsStableFromNewToUpdateToClosed() {
    String id = alertIdOfDay14();
    d.lookups(DOMAIN, FEW[3], day(15, 12), 1);
    few(d, 15, 3, 12);
    closeDay(d, 15);
    d.tick(day(30, 0));
    assertThat(d.alerts()).extracting(Alert::getAlertId).containsOnly(id);
  }

  @Test
  void threeBroadenedWindowsInARowCloseIt() {
    for (int n = 15; n < 18; n++) {
      manySources(d, n, n + 1, 12);
      closeDay(d, n);
    }
    assertThat(d.alerts()).singleElement().satisfies(closed -> {
      assertThat(closed.getStatus()).isEqualTo("closed");
      assertThat(closed.getCloseReason()).isEqualTo("queried by more than 3 sources, or by others than its few, again in 3 windows in a row");
      assertThat(closed.getWindowEnd()).isEqualTo(day(15, 0));
    });
  }

  @Test
  void twoBroadenedWindowsThenNarrowAgainKeepItOpen() {
    manySources(d, 15, 17, 12);
    few(d, 17, 3, 12);
    manySources(d, 18, 20, 12);
    d.tick(day(21, 0));
    assertThat(d.alerts()).isEmpty();
  }

  @Test
  void turningNxdomainClosesIt() {
    d.send(DOMAIN, nxdomain(FEW[0], day(15, 10)));
    closeDay(d, 15);
    assertThat(d.alerts()).singleElement().satisfies(closed -> {
      assertThat(closed.getStatus()).isEqualTo("closed");
      assertThat(closed.getCloseReason()).isEqualTo("the name stopped resolving (NXDOMAIN)");
    });
  }

  @Test
  void aLoneNxdomainAfterAnsweredLookupsIsAHiccupNotTheEnd() {
    few(d, 15, 3, 12);
    d.send(DOMAIN, nxdomain(FEW[0], day(15, 20)));
    closeDay(d, 15);
    assertThat(d.alerts()).isEmpty();
    few(d, 16, 3, 12);
    d.send(DOMAIN, nxdomain(FEW[0], day(16, 20)));
    d.send(DOMAIN, nxdomain(FEW[1], day(16, 21))); // two in a row: it stopped resolving
    closeDay(d, 16);
    assertThat(d.alerts()).singleElement().satisfies(closed -> {
      assertThat(closed.getStatus()).isEqualTo("closed");
      assertThat(closed.getAlertId()).isEqualTo(alertIdOfDay14());
      assertThat(closed.getCloseReason()).isEqualTo("the name stopped resolving (NXDOMAIN)");
    });
  }

  @Test
  void silenceForTheDarkAfterTimeClosesIt() {
    d.tick(day(17, 0).plus(Duration.ofMinutes(10))); // quiet since day 14 ended: 2 days
    assertThat(d.alerts()).isEmpty();
    d.tick(day(18, 0).plus(Duration.ofMinutes(10))); // 3 days
    assertThat(d.alerts()).singleElement().satisfies(closed ->
        assertThat(closed.getCloseReason()).isEqualTo("no lookups for 3d or more"));
  }

  @Test
  void aCollapseAfterTheCloseIsANewAlert() {
    String first = alertIdOfDay14();
    d.tick(day(18, 0).plus(Duration.ofMinutes(10)));
    assertThat(d.alerts()).extracting(Alert::getStatus).containsExactly("closed");
    manySources(d, 19, 33, 12);
    few(d, 33, 3, 12);
    closeDay(d, 33);
    assertThat(d.alerts()).singleElement().satisfies(again -> {
      assertThat(again.getStatus()).isEqualTo("new");
      assertThat(again.getAlertId()).isNotEqualTo(first);
    });
  }

  @Test
  void theSameFewAfterAQuietCloseAreANewAlertFromTheirNewStart() {
    d.tick(day(18, 0).plus(Duration.ofMinutes(10)));
    assertThat(d.alerts()).extracting(Alert::getStatus).containsExactly("closed");
    few(d, 18, 3, 12);
    closeDay(d, 18);
    assertANewAlertFrom(18); // not the closed one again, under its id
  }

  @Test
  void theSameFewAfterTheNameStoppedResolvingAreANewAlertFromTheirNewStart() {
    d.send(DOMAIN, nxdomain(FEW[0], day(15, 10)));
    closeDay(d, 15);
    assertThat(d.alerts()).extracting(Alert::getStatus).containsExactly("closed");
    few(d, 16, 3, 12);
    closeDay(d, 16);
    assertANewAlertFrom(16);
  }

  @Test
  void lookupsOfANameThatNoLongerResolvesOpenNothing() {
    d.send(DOMAIN, nxdomain(FEW[0], day(15, 10)));
    closeDay(d, 15);
    assertThat(d.alerts()).extracting(Alert::getStatus).containsExactly("closed");
    for (int n = 16; n < 18; n++) {
      for (int q = 0; q < 12; q++) { // the few go on asking
        d.send(DOMAIN, nxdomain(FEW[q % 3], day(n, 9 + q % 8)));
      }
      closeDay(d, n);
    }
    assertThat(d.alerts()).isEmpty();
  }

  /** The one message is a new alert of its own, starting on day {@code n}. */
  private void assertANewAlertFrom(int n) {
    assertThat(d.alerts()).singleElement().satisfies(again -> {
      assertThat(again.getStatus()).isEqualTo("new");
      assertThat(again.getWindowStart()).isEqualTo(day(n, 0));
      assertThat(again.getAlertId()).isNotEqualTo(alertIdOfDay14());
    });
  }

  private static DnsEvent nxdomain(String source, java.time.Instant time) {
    DnsEvent gone = DetectorDriver.event(DOMAIN, source, time);
    gone.setRcode(3);
    gone.setAnswers(List.of());
    return gone;
  }

  private static String alertIdOfDay14() {
    return io.narrowcast.alert.Alerts.alertId(io.narrowcast.alert.AlertKind.QUERIER_COLLAPSE, DOMAIN,
        day(14, 0).toEpochMilli());
  }
}
