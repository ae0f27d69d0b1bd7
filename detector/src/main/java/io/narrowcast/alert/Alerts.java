package io.narrowcast.alert;

import com.google.common.hash.Hashing;
import io.narrowcast.avro.Alert;
import io.narrowcast.avro.SourceShare;
import io.narrowcast.detect.Collapse;
import io.narrowcast.detect.RenameMatch;
import io.narrowcast.state.QuerierSet;
import io.narrowcast.state.SourceCount;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the {@code Alert} messages of the contract from detections. */
public final class Alerts {
  /** Most sources listed in one alert. */
  public static final int MAX_LISTED_SOURCES = 16;
  private static final int ID_HEX_CHARS = 16;
  private static final double ROUNDING = 10_000.0;

  private Alerts() {}

  /** A new querier-set collapse, from its start until {@code windowEnd}, the end of the window that confirmed it. */
  public static Alert collapseOpened(String domain, long windowEnd, Collapse collapse) {
    return Alert.newBuilder()
        .setAlertId(alertId(AlertKind.QUERIER_COLLAPSE, domain, collapse.start()))
        .setKind(AlertKind.QUERIER_COLLAPSE.name())
        .setDomain(domain)
        .setWindowStart(Instant.ofEpochMilli(collapse.start()))
        .setWindowEnd(Instant.ofEpochMilli(windowEnd))
        .setSources(shares(collapse.remaining(), collapse.queries()))
        .setDistinctSources(collapse.distinctSources())
        .setQueries(collapse.queries())
        .setBaselineSources(collapse.baselineSources())
        .setBaselineQueries(collapse.baselineQueries())
        .setScore(round(collapse.score()))
        .setSeverity(Severity.ofScore(collapse.score()).label())
        .setStatus(AlertStatus.NEW.label())
        .build();
  }

  /**
   * An open collapse carried through one more window in which it held: its sources, lookups and
   * end grow; the baseline and the score stay those of the opening. {@code spanSources}: the
   * distinct sources of all its windows, this one included.
   */
  public static Alert collapseExtended(Alert open, long windowEnd, QuerierSet window, long spanSources) {
    Map<String, Long> merged = new LinkedHashMap<>();
    open.getSources().forEach(s -> merged.put(s.getSource(), s.getQueries()));
    window.sourceCounts().forEach(s -> merged.merge(s.source(), s.queries(), Long::sum));
    List<SourceCount> counts = new ArrayList<>();
    merged.forEach((source, queries) -> counts.add(new SourceCount(source, queries)));
    long queries = open.getQueries() + window.queries();
    return Alert.newBuilder(open)
        .setWindowEnd(Instant.ofEpochMilli(windowEnd))
        .setSources(shares(counts, queries))
        // never fewer than said before: an estimate can dip, and an old state knows only the listed sources
        .setDistinctSources(Math.max(open.getDistinctSources(), spanSources))
        .setQueries(queries)
        .setStatus(AlertStatus.UPDATE.label())
        .build();
  }

  /** A rename found by the matcher, as a message of the alert {@code alertId}. */
  public static Alert rename(String alertId, RenameMatch match, AlertStatus status) {
    return Alert.newBuilder()
        .setAlertId(alertId)
        .setKind(AlertKind.RENAME_FOLLOW.name())
        .setDomain(match.newName())
        .setPreviousDomain(match.oldName())
        .setWindowStart(Instant.ofEpochMilli(match.windowStart()))
        .setWindowEnd(Instant.ofEpochMilli(match.windowEnd()))
        .setSources(shares(match.shared(), match.newQueries()))
        .setDistinctSources(match.newSources())
        .setQueries(match.newQueries())
        .setBaselineSources(match.oldSources())
        .setBaselineQueries(match.oldQueries())
        .setSharedAnswers(match.sharedAnswers())
        .setLagSeconds(match.lagMillis() / 1000)
        .setFirstQuerierShared(match.firstQuerierShared())
        .setScore(round(match.score()))
        .setSeverity(Severity.ofScore(match.score()).label())
        .setStatus(status.label())
        .build();
  }

  /** The last state of an alert, closed for {@code reason}. */
  public static Alert closed(Alert last, String reason) {
    return Alert.newBuilder(last).setStatus(AlertStatus.CLOSED.label()).setCloseReason(reason).build();
  }

  /**
   * The event time an alert message stands for: its record's timestamp, but never before the end of
   * the alert's window. A rename match completes on whichever name's candidate reaches the matcher
   * last, and the old name's carries the earlier timestamp of its going dark.
   */
  public static long sentAt(Alert alert, long recordTimestamp) {
    return Math.max(recordTimestamp, alert.getWindowEnd().toEpochMilli());
  }

  /** Stable id: the same kind, domain and opening window always give the same id. */
  public static String alertId(AlertKind kind, String domain, long openedAt) {
    return hashedId(kind, kind.name() + '|' + domain + '|' + openedAt);
  }

  /**
   * The id of the alert that follows the closed alert {@code closedId} for the same kind, domain and
   * window (a rename's window is the new name's first, whichever old name it follows): stable too,
   * and never that of the closed one or of one before it.
   */
  public static String nextAlertId(AlertKind kind, String closedId) {
    return hashedId(kind, closedId + "|next");
  }

  private static String hashedId(AlertKind kind, String key) {
    String hash = Hashing.sha256().hashString(key, StandardCharsets.UTF_8).toString();
    return kind.idPrefix() + "-" + hash.substring(0, ID_HEX_CHARS);
  }

  /** Sources with their share of {@code total} lookups, most lookups first, at most MAX_LISTED_SOURCES. */
  static List<SourceShare> shares(List<SourceCount> counts, long total) {
    return counts.stream()
        .sorted(Comparator.comparingLong(SourceCount::queries).reversed().thenComparing(SourceCount::source))
        .limit(MAX_LISTED_SOURCES)
        .map(s -> new SourceShare(s.source(), s.queries(), total == 0 ? 0.0 : round((double) s.queries() / total)))
        .toList();
  }

  static double round(double value) {
    return Math.round(value * ROUNDING) / ROUNDING;
  }
}
