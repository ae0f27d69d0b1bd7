package io.narrowcast.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.narrowcast.state.DomainLifecycle.Dark;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The encoded "domain-lifecycle" entry keeps every dark state and its time; a peek reads them right. */
class DomainLifecycleTest {
  static final long DAY = 86_400_000L;

  static DomainLifecycle answeredOn(long day) {
    QuerierSet window = new QuerierSet(QuerierSet.DEFAULT_EXACT_CAP);
    window.add("10.0.0.1", day * DAY + 3_600_000, Outcome.ANSWERED, List.of("192.0.2.1"));
    window.add("10.0.0.2", day * DAY + 7_200_000, Outcome.ANSWERED, List.of("192.0.2.1"));
    return DomainLifecycle.firstWindow(day * DAY, window, (day - 10) * DAY);
  }

  @ParameterizedTest
  @EnumSource(Dark.class)
  void everyDarkStateAndItsTimeSurviveTheStore(Dark state) {
    DomainLifecycle entry = answeredOn(20);
    long at = 20 * DAY + 7_200_000;
    entry.goDark(state, at);
    DomainLifecycle back = DomainLifecycle.fromBytes(entry.toBytes());
    assertThat(back.dark()).isEqualTo(state);
    if (state != Dark.NOT_DARK) {
      assertThat(back.darkAt()).isEqualTo(at);
    }
    assertThat(back.lastSeen()).isEqualTo(at);
    assertThat(back.recentSources()).isEqualTo(entry.recentSources());
    assertThat(back.toBytes()).isEqualTo(entry.toBytes());
  }

  @Test
  void onlyNxdomainAndSilenceAreDarkAndAPeekAgrees() {
    for (Dark state : Dark.values()) {
      DomainLifecycle entry = answeredOn(20);
      entry.goDark(state, 20 * DAY + 7_200_000);
      boolean dark = state == Dark.NXDOMAIN || state == Dark.SILENT;
      assertThat(entry.isDark()).as("%s", state).isEqualTo(dark);
      assertThat(DomainLifecycle.peek(entry.toBytes()).dark()).as("%s", state).isEqualTo(dark);
    }
  }
}
