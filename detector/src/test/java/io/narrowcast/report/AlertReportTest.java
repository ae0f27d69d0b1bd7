package io.narrowcast.report;

import static io.narrowcast.report.ReportAssertions.assertNoFetches;
import static org.assertj.core.api.Assertions.assertThat;

import io.narrowcast.alert.AlertFixtures;
import io.narrowcast.alert.Alerts;
import io.narrowcast.avro.Alert;
import io.narrowcast.avro.SourceShare;
import io.narrowcast.config.DetectionConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertReportTest {
  static long at(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }

  /** The bank's resolvers on the old name until the break, and on the new name from its first morning. */
  static LookupCounts caseLookups() {
    LookupCounts counts = new LookupCounts(DetectionConfig.defaults().windowMs());
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

  /** Months of a collapse gather strays: nine sources listed, each in a colour of its own, none in the others' grey. */
  @Test
  void everySourceACollapseListsHasAColourOfItsOwn() {
    List<SourceShare> nine = new ArrayList<>();
    for (int i = 1; i <= 9; i++) {
      nine.add(new SourceShare("192.0.2." + i, 10L - i, 0.1));
    }
    Alert collapse = Alert.newBuilder(AlertFixtures.collapseClosed()).setSources(nine).build();
    LookupCounts counts = new LookupCounts(DetectionConfig.defaults().windowMs());
    counts.add(AlertFixtures.MAIL1, "198.51.100.1", at("2016-04-21T08:00:00Z"));

    List<String> colored = AlertReport.colored(collapse, List.of(new TimelineChart.Lane(AlertFixtures.MAIL1,
        counts.series(AlertFixtures.MAIL1, at("2016-04-20T00:00:00Z"), LookupCounts.HOUR_MS * 24, 157))));
    assertThat(colored).hasSize(9).doesNotContain("198.51.100.1");
    String html = AlertReport.html(collapse, ReportWindow.of(collapse, DetectionConfig.defaults()), counts, "sources by address");
    assertThat(html).doesNotContain("<tr><td><span class=\"swatch\" style=\"background:" + TimelineChart.OTHERS_COLOUR);
    assertThat(TimelineChart.PALETTE).hasSizeGreaterThanOrEqualTo(Alerts.MAX_LISTED_SOURCES).doesNotHaveDuplicates()
        .doesNotContain(TimelineChart.OTHERS_COLOUR);
  }

  @Test
  void theCollapseChartHasALaneOfLookupsAndDistinctSourcesPerWindow() {
    Alert opened = AlertFixtures.collapseOpened();
    LookupCounts counts = new LookupCounts(DetectionConfig.defaults().windowMs());
    counts.add(AlertFixtures.MAIL1, "198.51.100.1", at("2016-04-21T08:00:00Z"));
    counts.add(AlertFixtures.MAIL1, "198.51.100.2", at("2016-04-21T09:00:00Z"));
    counts.add(AlertFixtures.MAIL1, AlertFixtures.ALFA_1, at("2016-05-04T09:00:00Z"));
    counts.add(AlertFixtures.MAIL1, AlertFixtures.ALFA_1, at("2016-05-04T10:00:00Z"));
    String html = AlertReport.html(opened, ReportWindow.of(opened, DetectionConfig.defaults()), counts, "sources by address");

    assertThat(html).contains("<title>mail1.trump-email.com, window from 2016-04-21 00:00: 2 sources</title>",
        "<title>mail1.trump-email.com, window from 2016-05-04 00:00: 1 sources</title>",
        "<title>mail1.trump-email.com, window from 2016-05-04 00:00: 2 lookups</title>",
        ">distinct sources per window</text>");
    String rename = AlertReport.html(AlertFixtures.rename(), ReportWindow.of(AlertFixtures.rename(), DetectionConfig.defaults()),
        caseLookups(), "sources by address");
    assertThat(rename).doesNotContain("distinct sources per window");
  }

  @Test
  void aClosedCollapseSaysWhyAndShadesItsBaseline() {
    Alert closed = AlertFixtures.collapseClosed();
    String html = AlertReport.html(closed, ReportWindow.of(closed, DetectionConfig.defaults()), new LookupCounts(DetectionConfig.defaults().windowMs()), "sources by address");

    assertThat(html).contains("<tr><th>status</th><td>closed: the name stopped resolving (NXDOMAIN)</td></tr>")
        .contains(">baseline: 38 lookups by 35 sources</text>", ">alert window: 38 lookups by 3 sources</text>",
            ">mail1.trump-email.com  (0 lookups)</text>")
        .contains("<h2>The few sources</h2>");
    assertNoFetches(html);
  }
}
