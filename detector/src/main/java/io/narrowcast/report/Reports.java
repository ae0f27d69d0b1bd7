package io.narrowcast.report;

import io.narrowcast.avro.Alert;
import io.narrowcast.config.DetectionConfig;
import io.narrowcast.normalize.EventNormalizer;
import io.narrowcast.normalize.Sources;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Writes a report page per alert, reading the lookups of all their names from dns.events in one pass. */
public final class Reports {
  private Reports() {}

  /**
   * Writes {@code dir/<alert_id>.html} for the last message of each alert in {@code messages}.
   *
   * @param clientConfig the cluster whose dns.events the alerts came from
   * @param config the detection settings the alerts were found with (window, baseline, granularities)
   * @return the files written, in the order the alerts first appear
   */
  public static List<Path> write(Path dir, Collection<Alert> messages, Map<String, Object> clientConfig, DetectionConfig config)
      throws IOException {
    Map<String, Alert> latest = new LinkedHashMap<>();
    messages.forEach(alert -> latest.put(alert.getAlertId(), alert));
    if (latest.isEmpty()) {
      return List.of();
    }
    Map<String, ReportWindow> windows = new LinkedHashMap<>();
    Set<String> names = new HashSet<>();
    latest.values().forEach(alert -> {
      windows.put(alert.getAlertId(), ReportWindow.of(alert, config));
      names.addAll(AlertReport.names(alert));
    });
    long from = windows.values().stream().mapToLong(ReportWindow::from).min().orElseThrow();
    LookupCounts counts = LookupHistory.read(clientConfig, names, from, config.windowMs(),
        new EventNormalizer(config.sourceGranularity(), config.domainGranularity()));
    String granularity = config.sourceGranularity() == Sources.Granularity.PREFIX
        ? "sources by /" + Sources.IPV4_PREFIX + " and /" + Sources.IPV6_PREFIX + " prefix" : "sources by address";
    Files.createDirectories(dir);
    List<Path> written = new ArrayList<>();
    for (Alert alert : latest.values()) {
      Path file = dir.resolve(alert.getAlertId() + ".html");
      Files.writeString(file, AlertReport.html(alert, windows.get(alert.getAlertId()), counts, granularity), StandardCharsets.UTF_8);
      written.add(file);
    }
    return written;
  }
}
