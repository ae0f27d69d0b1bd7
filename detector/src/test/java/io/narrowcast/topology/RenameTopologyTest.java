package io.narrowcast.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.narrowcast.avro.Alert;
import io.narrowcast.avro.Answer;
import io.narrowcast.avro.DnsEvent;
import io.narrowcast.avro.SourceShare;
import io.narrowcast.config.DetectionConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rename following through the whole topology (aggregator → by-source matcher → by-domain alerts).
 * Config: daily windows, new-name lookback 5 days, rename-max-lag 3 days, dark after 2 days.
 * Fixture: OLD is queried on days 0-7 by A, B and C (answer 192.0.2.7); the detector has watched
 * since day 0, so names first seen from day 5 on are new.
 */
class RenameTopologyTest {
  static final String OLD = "mail1.old-brand.com";
  static final String NEW = "trump1.new-brand.net";
  static final String A = "217.12.96.15";
  static final String B = "217.12.97.15";
  static final String C = "167.73.110.8";
  static final String ADDRESS = "192.0.2.7";
  static final Instant DAY0 = Instant.parse("2016-09-01T00:00:00Z");
  static final DetectionConfig CONFIG = DetectionConfig.builder()
      .newNameLookback(Duration.ofDays(5)).renameMaxLag(Duration.ofDays(3)).darkAfter(Duration.ofDays(2))
      .lifecycleTtl(Duration.ofDays(10)).build();

  @TempDir
  Path stateDir;
  DetectorDriver d;

  @BeforeEach
  void oldNameQueriedByAFew() {
    d = new DetectorDriver(CONFIG, stateDir);
    for (int day = 0; day < 8; day++) {
      for (String source : List.of(A, B, C)) {
        lookup(OLD, source, at(day, 9), 0, ADDRESS);
      }
    }
  }

  @AfterEach
  void close() {
    d.close();
  }

  static Instant at(int day, int hour) {
    return DAY0.plus(Duration.ofDays(day)).plus(Duration.ofHours(hour));
  }

  void lookup(String name, String source, Instant time, int rcode, String address) {
    DnsEvent event = DetectorDriver.event(name, source, time);
    event.setRcode(rcode);
    event.setAnswers(rcode == 0 ? List.of(new Answer("A", 300L, address)) : List.of());
    d.send(name, event);
  }

  /** OLD stops resolving at day 8, 12:00: A's lookup and B's retry fail. */
  void oldNameGoesNxdomain() {
    lookup(OLD, A, at(8, 12), 3, null);
    lookup(OLD, B, at(8, 13), 3, null);
  }

  /** NEW first looked up on day 10 by A, then B, two of OLD's sources; the day closed. */
  void newNameOnTheOldNamesSourcesOnDay10() {
    lookup(NEW, A, at(10, 7), 0, ADDRESS);
    lookup(NEW, B, at(10, 8), 0, ADDRESS);
    closeDay(10);
  }

  void closeDay(int day) {
    d.tick(at(day + 1, 0).plus(Duration.ofMinutes(10)));
  }

  @Test
  void anOldNameGoingNxdomainAndANewNameOnTheSameFewIsARename() {
    oldNameGoesNxdomain();                                  // dark at day 8, 12:00
    lookup(NEW, A, at(10, 7), 0, ADDRESS);                  // first lookup by A, 43 hours later
    lookup(NEW, B, at(10, 8), 0, ADDRESS);
    lookup(NEW, A, at(10, 9), 0, ADDRESS);
    closeDay(10);

    List<Alert> alerts = d.alerts();
    assertThat(alerts).singleElement().satisfies(alert -> {
      assertThat(alert.getKind()).isEqualTo("RENAME_FOLLOW");
      assertThat(alert.getStatus()).isEqualTo("new");
      assertThat(alert.getDomain()).isEqualTo(NEW);
      assertThat(alert.getPreviousDomain()).isEqualTo(OLD);
      assertThat(alert.getSources()).containsExactly(new SourceShare(A, 2L, 0.6667), new SourceShare(B, 1L, 0.3333));
      assertThat(alert.getSharedAnswers()).containsExactly(ADDRESS);
      assertThat(alert.getLagSeconds()).isEqualTo(Duration.ofHours(43).toSeconds());
      assertThat(alert.getFirstQuerierShared()).isTrue();
      assertThat(alert.getBaselineSources()).isEqualTo(3);
      assertThat(alert.getScore()).isEqualTo(1.0);
      assertThat(alert.getSeverity()).isEqualTo("high");
      assertThat(alert.getWindowStart()).isEqualTo(at(10, 0));
    });
  }

  @Test
  void anOldNameAnsweredBetweenNxdomainsWentDarkAfterItsLastAnswer() {
    lookup(OLD, A, at(8, 10), 3, null);                     // a hiccup
    lookup(OLD, B, at(8, 11), 0, ADDRESS);                  // resolves again
    lookup(OLD, A, at(8, 12), 3, null);                     // dark from here
    lookup(OLD, B, at(8, 13), 3, null);
    newNameOnTheOldNamesSourcesOnDay10();                   // first lookup day 10, 07:00
    assertTheOneAlertIsTheRenameOfOldWithALagOf(Duration.ofHours(43));
  }

  @Test
  void aDarkNameAnsweredAndFailingAgainInOneWindowWentDarkAgainAfterThatAnswer() {
    oldNameGoesNxdomain();                                  // dark at day 8, 12:00
    closeDay(8);
    lookup(OLD, C, at(9, 9), 0, ADDRESS);                   // resolves again
    lookup(OLD, A, at(9, 10), 3, null);                     // dark again from here
    lookup(OLD, B, at(9, 11), 3, null);
    closeDay(9);
    newNameOnTheOldNamesSourcesOnDay10();                   // first lookup day 10, 07:00
    assertTheOneAlertIsTheRenameOfOldWithALagOf(Duration.ofHours(21));
  }

  void assertTheOneAlertIsTheRenameOfOldWithALagOf(Duration lag) {
    assertThat(d.alerts()).singleElement().satisfies(alert -> {
      assertThat(alert.getDomain()).isEqualTo(NEW);
      assertThat(alert.getPreviousDomain()).isEqualTo(OLD);
      assertThat(alert.getLagSeconds()).isEqualTo(lag.toSeconds());
    });
  }

  /**
   * A takes up more new names, with another source, than it keeps (MAX_PER_SOURCE): its dark name is
   * not forgotten for them, and the rename is still found on B, which took up no other, and the
   * shared answer; A counts next to nothing.
   */
  @Test
  void aDarkNameIsNotForgottenForTheManyNewNamesABusySourceQueries() {
    oldNameGoesNxdomain();
    closeDay(8);
    for (int n = 0; n <= RenameMatchProcessor.MAX_PER_SOURCE; n++) {
      lookup("host" + n + ".a-tail.example", A, at(9, 9), 0, "198.51.100.1");
      lookup("host" + n + ".a-tail.example", "192.0.2.99", at(9, 9), 0, "198.51.100.1");
    }
    closeDay(9);
    newNameOnTheOldNamesSourcesOnDay10();

    assertThat(d.alerts()).singleElement().satisfies(alert -> {
      assertThat(alert.getDomain()).isEqualTo(NEW);
      assertThat(alert.getPreviousDomain()).isEqualTo(OLD);
      assertThat(alert.getScore()).isEqualTo(0.7046); // A keeps 64 others: 0.6 x (1 + 1/65) / 2 + 0.25 + 0.15
    });
  }

  /**
   * Before OLD goes dark, on day 7, A and B both take up {@code count} other new names; NEW follows
   * OLD on A and B on day 10, on {@code address}. Of the new names they took up in the 3 days before,
   * each source vouches for one as OLD's successor: they count 1 / (1 + count) each.
   */
  List<Alert> afterOtherNewNamesOfAAndB(int count, String address) {
    for (int n = 0; n < count; n++) {
      lookup("app" + n + ".office-suite.example", A, at(7, 10), 0, "198.51.100.3");
      lookup("app" + n + ".office-suite.example", B, at(7, 11), 0, "198.51.100.3");
    }
    oldNameGoesNxdomain();
    lookup(NEW, A, at(10, 7), 0, address);
    lookup(NEW, B, at(10, 8), 0, address);
    closeDay(10);
    return d.alerts();
  }

  @Test
  void sourcesThatTookUpOneOtherNewNameAndAnAnswerTheNamesShareAreARename() {
    assertThat(afterOtherNewNamesOfAAndB(1, ADDRESS)).singleElement()   // 1/2 + 1/2 + 1 for the answer
        .satisfies(alert -> assertThat(alert.getPreviousDomain()).isEqualTo(OLD));
  }

  @Test
  void sourcesThatTookUpTwoOtherNewNamesAreNotEvenWithASharedAnswer() {
    assertThat(afterOtherNewNamesOfAAndB(2, ADDRESS)).isEmpty();          // 1/3 + 1/3 + 1
  }

  @Test
  void withoutATieTheSourcesMustHaveTakenUpNoOtherNewName() {
    assertThat(afterOtherNewNamesOfAAndB(1, "198.51.100.9")).isEmpty();   // 1/2 + 1/2
  }

  @Test
  void newNamesOfOneSourceAloneDoNotCount() { // they could never be a rename: no candidate is kept for them
    for (int n = 0; n < 5; n++) {
      lookup("app" + n + ".a-only.example", A, at(7, 10), 0, "198.51.100.3");
    }
    oldNameGoesNxdomain();
    lookup(NEW, A, at(10, 7), 0, "198.51.100.9");
    lookup(NEW, B, at(10, 8), 0, "198.51.100.9");
    closeDay(10);
    assertThat(d.alerts()).singleElement().satisfies(alert -> assertThat(alert.getScore()).isEqualTo(0.75));
  }

  @Test
  void theRenameClosesOnceTheMaximumLagHasPassedAndIsNotRepeated() {
    oldNameGoesNxdomain();
    lookup(NEW, A, at(10, 7), 0, ADDRESS);
    lookup(NEW, B, at(10, 8), 0, ADDRESS);
    closeDay(10);
    for (int day = 11; day < 13; day++) {
      lookup(NEW, A, at(day, 9), 0, ADDRESS);
      closeDay(day);
    }
    d.tick(at(14, 0).plus(Duration.ofMinutes(10)));
    assertThat(d.alerts()).extracting(Alert::getStatus).containsExactly("new", "closed");
  }

  /**
   * OLD2, newly seen on day 7, is looked up by A and B once a day on days 7-9: six lookups in the
   * lookback, so it is silent only after seven of its usual gaps (5 days 20 hours), on day 15. It
   * went dark on day 9, 22 hours before NEW's first lookup, but the rename of OLD into NEW closed on
   * day 14.
   */
  @Test
  void aSecondOldNameMatchingAfterTheRenameClosedIsANewAlertWithAnIdOfItsOwn() {
    String old2 = "mail2.old-brand.com";
    for (int day = 7; day <= 9; day++) {
      lookup(old2, A, at(day, 9), 0, ADDRESS);
      lookup(old2, B, at(day, 9), 0, ADDRESS);
      if (day == 8) {
        oldNameGoesNxdomain();
      }
    }
    newNameOnTheOldNamesSourcesOnDay10();
    for (int day = 11; day <= 16; day++) {
      closeDay(day);
    }

    List<Alert> alerts = d.alerts();
    assertThat(alerts).extracting(Alert::getStatus).containsExactly("new", "closed", "new", "closed");
    assertThat(alerts).extracting(Alert::getPreviousDomain).containsExactly(OLD, OLD, old2, old2);
    assertThat(alerts.get(1).getAlertId()).isEqualTo(alerts.get(0).getAlertId());
    assertThat(alerts.get(2).getAlertId()).isNotEqualTo(alerts.get(0).getAlertId());  // never a closed alert's id
    assertThat(alerts.get(3).getAlertId()).isEqualTo(alerts.get(2).getAlertId());
    assertThat(alerts.get(2).getLagSeconds()).isEqualTo(Duration.ofHours(22).toSeconds());
  }

  @Test
  void anOldNameFallingSilentIsDarkAtItsLastLookup() {
    // OLD's last lookups are on day 7 at 09:00; it is called dark by the sweep two days later
    lookup(NEW, B, at(9, 10), 0, "198.51.100.9");
    lookup(NEW, C, at(9, 11), 0, "198.51.100.9");
    closeDay(9);
    assertThat(d.alerts()).singleElement().satisfies(alert -> {
      assertThat(alert.getPreviousDomain()).isEqualTo(OLD);
      assertThat(alert.getSharedAnswers()).isEmpty();               // two shared sources suffice
      assertThat(alert.getLagSeconds()).isEqualTo(Duration.ofDays(2).plusHours(1).toSeconds());
      assertThat(alert.getFirstQuerierShared()).isTrue();
      assertThat(alert.getScore()).isEqualTo(0.75);
    });
  }

  @Test
  void aNewNameAfterTheMaximumLagIsNoRename() {
    oldNameGoesNxdomain();
    lookup(NEW, A, at(11, 13), 0, ADDRESS);                 // 3 days 1 hour after
    lookup(NEW, B, at(11, 14), 0, ADDRESS);
    closeDay(11);
    assertThat(d.alerts()).isEmpty();
  }

  @Test
  void aNewNameOnOtherSourcesIsNoRename() {
    oldNameGoesNxdomain();
    lookup(NEW, "203.0.113.1", at(9, 7), 0, ADDRESS);
    lookup(NEW, "203.0.113.2", at(9, 8), 0, ADDRESS);
    lookup(NEW, A, at(9, 9), 0, ADDRESS);                   // 1 of 3 shared
    closeDay(9);
    assertThat(d.alerts()).isEmpty();
  }

  /** One failed lookup between answered ones is a hiccup, not the name going dark. */
  @Test
  void aNameWithALoneNxdomainThatResolvesAgainIsNoRename() {
    lookup(OLD, A, at(8, 12), 3, null);
    closeDay(8);
    for (String source : List.of(A, B, C)) {
      lookup(OLD, source, at(9, 9), 0, ADDRESS);
    }
    newNameOnTheOldNamesSourcesOnDay10();
    assertThat(d.alerts()).isEmpty();
  }

  /** OLD's lookups failed for a while (two NXDOMAINs), then it resolved again: it was not renamed. */
  @Test
  void aDarkNameThatResolvesAgainBeforeTheNewNameIsNoRename() {
    oldNameGoesNxdomain();
    closeDay(8);
    lookup(OLD, C, at(9, 9), 0, ADDRESS);
    closeDay(9);
    newNameOnTheOldNamesSourcesOnDay10();
    assertThat(d.alerts()).isEmpty();
  }

  /**
   * OLD is on the silence watch list from its first regular days, to be checked dark-after past the
   * last lookup it had then; the checks must find its later lookups, keep it in use, and move its
   * watch on: to when it would be silent, seven of its usual gaps (its 13 days over its 42 lookups:
   * 52 hours, more than dark-after) past its last lookup on day 13.
   */
  @Test
  void aNameStillQueriedIsNotCalledDarkByTheSweepsThatRecheckIt() {
    for (int day = 8; day < 14; day++) {
      for (String source : List.of(A, B, C)) {
        lookup(OLD, source, at(day, 9), 0, ADDRESS);
      }
      closeDay(day);
    }
    lookup(NEW, B, at(14, 10), 0, "198.51.100.9");
    lookup(NEW, C, at(14, 11), 0, "198.51.100.9");
    closeDay(14);
    assertThat(d.alerts()).isEmpty();
    assertThat(d.silenceWatch(OLD)).isEqualTo(at(15, 13).toEpochMilli());
  }
}
