package io.narrowcast.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class AlertTableTest {
  @Test
  void aRowHoldsTimeIdStatusKindSeverityWindowNameAndTheFewSources() {
    assertThat(AlertTable.header()).isEqualTo("TIME (UTC)        ID                   STATUS  KIND      SEV     SCORE"
        + "  WINDOW (UTC)                        DOMAIN                                    DETAIL");
    assertThat(AlertTable.row(AlertFixtures.collapseOpened(), Instant.parse("2016-05-05T00:00:00Z").toEpochMilli()))
        .isEqualTo("2016-05-05 00:00  qc-101b682a48db4382  new     collapse  high     0.91  2016-05-04 00:00 .. 2016-05-05 00:00"
            + "  mail1.trump-email.com                     217.12.96.15 42.1%, 217.12.97.15 42.1%, 167.73.110.8 15.8%");
  }

  @Test
  void aRenameRowNamesBothNamesTheSharedAnswerAndTheLag() {
    assertThat(AlertTable.row(AlertFixtures.rename(), Instant.parse("2016-09-28T00:00:00Z").toEpochMilli()))
        .contains("  new     rename    high     1.00  2016-09-27 00:00 .. 2016-09-28 00:00"
            + "  mail1.trump-email.com -> trump1.contact-client.com")
        .endsWith("  217.12.96.15 77.8%, 217.12.97.15 22.2%; same answer 66.216.133.29; lag 3d 18h");
  }

  @Test
  void aClosedRowSaysWhy() {
    assertThat(AlertTable.row(AlertFixtures.collapseClosed(), Instant.parse("2016-09-24T00:00:00Z").toEpochMilli()))
        .startsWith("2016-09-24 00:00  qc-101b682a48db4382  closed  collapse")
        .endsWith("  closed: the name stopped resolving (NXDOMAIN)");
  }
}
