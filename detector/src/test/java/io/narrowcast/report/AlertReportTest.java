package io.narrowcast.report;

import static io.narrowcast.report.ReportAssertions.assertNoFetches;
import static org.assertj.core.api.Assertions.assertThat;

import io.narrowcast.alert.AlertFixtures;
import io.narrowcast.avro.Alert;
import io.narrowcast.config.DetectionConfig;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AlertReportTest {
  static long at(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }

  /** The bank's resolvers on the old name until the break, and on the new name from its first morning. */
  static LookupCounts caseLookups() {
    LookupCounts counts = new LookupCounts();
    counts.add(AlertFixtures.MAIL1, AlertFixtures.ALFA_1, at("2016-09-20T08:00:00Z"));
    counts.add(AlertFixtures.MAIL1, AlertFixtures.ALFA_2, at("2016-09-21T09:00:00Z"));
    counts.add(AlertFixtures.MAIL1, AlertFixtures.SPECTRUM, at("2016-09-21T14:00:00Z"));
    counts.add(AlertFixtures.TRUMP1, AlertFixtures.ALFA_1, at("2016-09-27T07:00:00Z"));
    counts.add(AlertFixtures.TRUMP1, AlertFixtures.ALFA_2, at("2016-09-27T10:00:00Z"));
    return counts;
  }

  @Test
  void theRenamePageHasTheFactsAndBothNamesOnOneChart() {
    Alert rename = AlertFixtures.rename();
    String html = AlertReport.html(rename, ReportWindow.of(rename, DetectionConfig.defaults()), caseLookups(), "sources by address");

    assertThat(html).startsWith("<!DOCTYPE html>")
        .contains("<title>Rename following: mail1.trump-email.com -&gt; trump1.contact-client.com</title>")
        .contains("<tr><th>lag</th><td>3d 18h from the old name going dark to the new name&#39;s first lookup</td></tr>")
        .contains("<tr><th>shared answers</th><td>66.216.133.29</td></tr>")
        .contains(">mail1.trump-email.com  (3 lookups)</text>", ">trump1.contact-client.com  (2 lookups)</text>")
        // 07:00 first lookup minus 3d 18h 39m 8s: the marker sits on 2016-09-23 12:20:52
        .contains(">mail1.trump-email.com went dark (to the hour)</text>")
        .contains("in buckets of 3 hours");
    assertThat(html.indexOf("<svg")).isEqualTo(html.lastIndexOf("<svg"));
    assertNoFetches(html);
  }

  @Test
  void aClosedCollapseSaysWhyAndShadesItsBaseline() {
    Alert closed = AlertFixtures.collapseClosed();
    String html = AlertReport.html(closed, ReportWindow.of(closed, DetectionConfig.defaults()), new LookupCounts(), "sources by address");

    assertThat(html).contains("<tr><th>status</th><td>closed: the name stopped resolving (NXDOMAIN)</td></tr>")
        .contains(">baseline</text>", ">alert window</text>", ">mail1.trump-email.com  (0 lookups)</text>")
        .contains("<h2>The few sources</h2>");
    assertNoFetches(html);
  }
}
