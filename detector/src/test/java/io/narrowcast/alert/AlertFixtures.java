package io.narrowcast.alert;

import io.narrowcast.avro.Alert;
import io.narrowcast.avro.SourceShare;
import io.narrowcast.schema.AvroSerde;
import java.time.Instant;
import java.util.List;

/** The case's alerts as the replay of the alfa scenario (seed 7, small background) sends them. */
public final class AlertFixtures {
  public static final String MAIL1 = "mail1.trump-email.com";
  public static final String TRUMP1 = "trump1.contact-client.com";
  public static final String ALFA_1 = "217.12.96.15";
  public static final String ALFA_2 = "217.12.97.15";
  public static final String SPECTRUM = "167.73.110.8";
  public static final String SERVER = "66.216.133.29";
  /** Copying an alert (Alert.newBuilder(alert)) needs the generated package trusted, which AvroSerde does. */
  public static final AvroSerde<Alert> SERDE = AvroSerde.of(Alert.class);

  private AlertFixtures() {}

  /** The collapse of mail1.trump-email.com as it opens on 2016-05-04. */
  public static Alert collapseOpened() {
    return Alert.newBuilder()
        .setAlertId("qc-101b682a48db4382").setKind("QUERIER_COLLAPSE").setDomain(MAIL1)
        .setWindowStart(Instant.parse("2016-05-04T00:00:00Z")).setWindowEnd(Instant.parse("2016-05-05T00:00:00Z"))
        .setSources(List.of(new SourceShare(ALFA_1, 16L, 0.4211), new SourceShare(ALFA_2, 16L, 0.4211),
            new SourceShare(SPECTRUM, 6L, 0.1579)))
        .setDistinctSources(3).setQueries(38).setBaselineSources(35).setBaselineQueries(38)
        .setScore(0.9143).setSeverity("high").setStatus("new")
        .build();
  }

  /** The same alert, closed when the name stopped resolving. */
  public static Alert collapseClosed() {
    return Alerts.closed(Alert.newBuilder(collapseOpened()).setWindowEnd(Instant.parse("2016-09-23T00:00:00Z"))
        .setStatus("update").build(), "the name stopped resolving (NXDOMAIN)");
  }

  /** The rename to trump1.contact-client.com on 2016-09-27. */
  public static Alert rename() {
    return Alert.newBuilder()
        .setAlertId("rf-cd2f5d28975231c6").setKind("RENAME_FOLLOW").setDomain(TRUMP1).setPreviousDomain(MAIL1)
        .setWindowStart(Instant.parse("2016-09-27T00:00:00Z")).setWindowEnd(Instant.parse("2016-09-28T00:00:00Z"))
        .setSources(List.of(new SourceShare(ALFA_1, 7L, 0.7778), new SourceShare(ALFA_2, 2L, 0.2222)))
        .setDistinctSources(2).setQueries(9).setBaselineSources(6).setBaselineQueries(3538)
        .setSharedAnswers(List.of(SERVER)).setLagSeconds(326_348L).setFirstQuerierShared(true)
        .setScore(1.0).setSeverity("high").setStatus("new")
        .build();
  }
}
