package io.narrowcast.cli;

import io.narrowcast.avro.Alert;
import io.narrowcast.report.Reports;
import io.narrowcast.runtime.TopicReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** narrowcast report: the HTML page of one alert, from a cluster's dns.alerts and dns.events. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = {"Write the HTML report of an alert: its facts and a timeline of lookups per source for its name(s).",
        "The lookups are read again from dns.events, so its retention bounds how far back the page can look.",
        "Give the detection flags the detector ran with: they set the baseline shown and how sources are counted."})
final class ReportCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "ALERT_ID", description = "The alert, e.g. rf-cd2f5d28975231c6.")
  String alertId;

  @Mixin
  KafkaOptions kafka;

  @Option(names = "--report-dir", paramLabel = "DIR", defaultValue = ".",
      description = "Where to write ALERT_ID.html (default: the current directory).")
  Path reportDir;

  @Mixin
  DetectionOptions detection;

  @Override
  public Integer call() throws IOException {
    var config = detection.toConfig();
    Map<String, Object> client = kafka.clientConfig();
    OutputFile.requireDirectory(reportDir, "--report-dir");
    List<Alert> messages = new ArrayList<>();
    try (TopicReader<Alert> reader = TopicReader.alerts(client)) {
      reader.readToEnd(message -> {
        if (message.value().getAlertId().equals(alertId)) {
          messages.add(message.value());
        }
      });
    }
    if (messages.isEmpty()) {
      throw new UserException("no alert " + alertId + " on dns.alerts");
    }
    for (Path written : Reports.write(reportDir, messages, client, config)) {
      System.out.println(written);
    }
    return 0;
  }
}
