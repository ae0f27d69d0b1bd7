package io.narrowcast.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.narrowcast.config.DetectionConfig;
import io.narrowcast.detect.RenameMatch;
import io.narrowcast.state.SourceCount;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A rename alert's life after it closed. Defaults: rename-max-lag 7 days, lifecycle-ttl 60 days.
 * The new name's first window is 2016-09-27, so the alert closes on 2016-10-05.
 */
class AlertLifecycleTest {
  static final DetectionConfig CONFIG = DetectionConfig.defaults();
  static final Instant WINDOW = Instant.parse("2016-09-27T00:00:00Z");
  static final long CLOSES_AT = Instant.parse("2016-10-05T00:00:00Z").toEpochMilli();
  final AlertLifecycle lifecycle = new AlertLifecycle(CONFIG);
  final AlertStateSerde store = new AlertStateSerde();

  /** {@code oldName}, dark on 2016-09-23, renamed into trump1 on 2016-09-27, queried there by the two Alfa resolvers. */
  static RenameMatch renamed(String oldName) {
    long darkAt = Instant.parse("2016-09-23T12:00:00Z").toEpochMilli();
    long firstSeen = WINDOW.plus(Duration.ofHours(9)).toEpochMilli();
    return new RenameMatch(oldName, AlertFixtures.TRUMP1, darkAt, firstSeen, WINDOW.toEpochMilli(),
        WINDOW.plus(Duration.ofDays(1)).toEpochMilli(),
        List.of(new SourceCount(AlertFixtures.ALFA_1, 3), new SourceCount(AlertFixtures.ALFA_2, 2)), 2, 5, 3, 40,
        List.of(AlertFixtures.SERVER), true, 1.0, false, Map.of(AlertFixtures.ALFA_1, 0, AlertFixtures.ALFA_2, 0));
  }

  /** The rename of mail1 into trump1, opened and then closed once rename-max-lag passed, as the store keeps it. */
  AlertState closedRename() {
    AlertState open = lifecycle.renameMatch(null, renamed(AlertFixtures.MAIL1)).next();
    AlertLifecycle.Transition close = lifecycle.sweep(open, CLOSES_AT);
    assertThat(close.send().getStatus()).isEqualTo("closed");
    assertThat(close.next()).as("remembered").isNotNull();
    return store.deserializer().deserialize("t", store.serializer().serialize("t", close.next()));
  }

  @Test
  void theClosedRenameArrivingAgainOpensNothing() {
    // the same match comes once per shared source; a copy may arrive after the close
    AlertLifecycle.Transition again = lifecycle.renameMatch(closedRename(), renamed(AlertFixtures.MAIL1));
    assertThat(again.send()).isNull();
    assertThat(again.changed()).isFalse();
  }

  @Test
  void anotherOldNameAfterTheCloseOpensANewAlertWithAnIdOfItsOwn() {
    AlertState closed = closedRename();
    AlertLifecycle.Transition next = lifecycle.renameMatch(closed, renamed("mail2.trump-email.com"));
    assertThat(next.send().getStatus()).isEqualTo("new");
    assertThat(next.send().getPreviousDomain()).isEqualTo("mail2.trump-email.com");
    assertThat(next.send().getAlertId()).startsWith("rf-").isNotEqualTo(closed.last().getAlertId());
  }

  @Test
  void theClosedRenameIsForgottenLifecycleTtlAfterItClosed() {
    AlertState closed = closedRename();
    long forgetAt = CLOSES_AT + Duration.ofDays(60).toMillis();
    assertThat(lifecycle.sweep(closed, forgetAt - 1).changed()).isFalse();
    AlertLifecycle.Transition forget = lifecycle.sweep(closed, forgetAt);
    assertThat(forget.changed()).isTrue();
    assertThat(forget.next()).isNull();
    assertThat(forget.send()).isNull();
  }
}
