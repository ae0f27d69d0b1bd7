package io.narrowcast.alert;

import com.google.common.hash.Hashing;
import io.narrowcast.avro.Alert;
import io.narrowcast.avro.SourceShare;
import io.narrowcast.detect.Collapse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** Turns a {@link Collapse} into the {@code Alert} of the contract. */
public final class CollapseAlerts {
  private static final int ID_HEX_CHARS = 16;
  private static final double ROUNDING = 10_000.0;

  private CollapseAlerts() {}

  public static Alert toAlert(String domain, long windowStart, long windowEnd, Collapse collapse) {
    List<SourceShare> sources = collapse.remaining().stream()
        .map(s -> new SourceShare(s.source(), s.queries(), round((double) s.queries() / collapse.queries())))
        .toList();
    return Alert.newBuilder()
        .setAlertId(alertId(AlertKind.QUERIER_COLLAPSE, domain, windowStart))
        .setKind(AlertKind.QUERIER_COLLAPSE.name())
        .setDomain(domain)
        .setWindowStart(Instant.ofEpochMilli(windowStart))
        .setWindowEnd(Instant.ofEpochMilli(windowEnd))
        .setSources(sources)
        .setDistinctSources(collapse.distinctSources())
        .setQueries(collapse.queries())
        .setBaselineSources(collapse.baselineSources())
        .setBaselineQueries(collapse.baselineQueries())
        .setScore(round(collapse.score()))
        .setSeverity(Severity.ofScore(collapse.score()).label())
        .build();
  }

  /** Stable id: the same kind, domain and opening window always give the same id. */
  public static String alertId(AlertKind kind, String domain, long openedAt) {
    String hash = Hashing.sha256()
        .hashString(kind.name() + '|' + domain + '|' + openedAt, StandardCharsets.UTF_8)
        .toString();
    return kind.idPrefix() + "-" + hash.substring(0, ID_HEX_CHARS);
  }

  static double round(double value) {
    return Math.round(value * ROUNDING) / ROUNDING;
  }
}
