package io.narrowcast.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class TimelineChartTest {
  static final long T0 = 1_474_934_400_000L; // 2016-09-27T00:00Z
  static final long DAY = Duration.ofDays(1).toMillis();

  static Document parse(String svg) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
  }

  /** Two names, one source in both, one stray in the first; three one-day buckets. */
  static String twoLanes() {
    ReportWindow window = new ReportWindow(T0, DAY, 3, T0);
    List<TimelineChart.Lane> lanes = List.of(
        new TimelineChart.Lane("old.example", Map.of("192.0.2.1", new long[] {4, 2, 0}, "198.51.100.9", new long[] {1, 0, 0})),
        new TimelineChart.Lane("new.example", Map.of("192.0.2.1", new long[] {0, 0, 3})));
    return new TimelineChart(window, lanes, List.of("192.0.2.1"),
        List.of(new TimelineChart.Span(T0 + 2 * DAY, T0 + 3 * DAY, "window <b>", "#FBE3D6")),
        List.of(new TimelineChart.Marker(T0 + DAY + DAY / 2, "old.example went dark")), List.of()).svg();
  }

  @Test
  void theChartIsWellFormedSvgWithABarPerSourceAndBucket() throws Exception {
    Document svg = parse(twoLanes());
    assertThat(svg.getDocumentElement().getLocalName()).isEqualTo("svg");
    List<String> bars = new ArrayList<>();
    NodeList titles = svg.getElementsByTagName("title");
    for (int i = 0; i < titles.getLength(); i++) {
      Element bar = (Element) titles.item(i).getParentNode();
      bars.add(bar.getAttribute("fill") + " " + titles.item(i).getTextContent());
    }
    assertThat(bars).containsExactlyInAnyOrder(
        "#0072B2 old.example by 192.0.2.1, 2016-09-27 00:00: 4 lookups",
        "#0072B2 old.example by 192.0.2.1, 2016-09-28 00:00: 2 lookups",
        "#BBBBBB old.example by other sources, 2016-09-27 00:00: 1 lookups",
        "#0072B2 new.example by 192.0.2.1, 2016-09-29 00:00: 3 lookups");
  }

  @Test
  void bothLanesShareOneTimeAxisAndTheLegendNamesTheColours() throws Exception {
    String svg = twoLanes();
    List<String> texts = new ArrayList<>();
    NodeList nodes = parse(svg).getElementsByTagName("text");
    for (int i = 0; i < nodes.getLength(); i++) {
      texts.add(nodes.item(i).getTextContent());
    }
    assertThat(texts).contains("old.example  (7 lookups)", "new.example  (3 lookups)", "old.example went dark",
        "window <b>", "192.0.2.1", "other sources");
    assertThat(texts).filteredOn("UTC"::equals).hasSize(1);
    assertThat(texts).filteredOn(t -> t.equals("09-28 12:00")).as("each tick once, on the one axis (every 12 hours)").hasSize(1);
  }

  /** A collapse: a baseline day of one lookup by each of five sources, then two days of 40 and 25 lookups by two. */
  static String collapse() {
    ReportWindow window = new ReportWindow(T0, DAY, 3, T0);
    List<TimelineChart.Lane> lanes = List.of(new TimelineChart.Lane("a.example", Map.of("192.0.2.1", new long[] {1, 30, 20},
        "192.0.2.2", new long[] {1, 10, 5}, "198.51.100.9", new long[] {3, 0, 0})));
    LookupCounts.WindowSeries perWindow = new LookupCounts.WindowSeries("a.example", T0, DAY, new long[] {5, 40, 25},
        new long[] {5, 2, 2});
    return new TimelineChart(window, lanes, List.of("192.0.2.1", "192.0.2.2"), List.of(), List.of(), List.of(perWindow)).svg();
  }

  /** The hover titles of the elements of {@code svg} whose class is {@code cssClass}. */
  static List<String> titles(String svg, String cssClass) throws Exception {
    List<String> out = new ArrayList<>();
    NodeList lines = parse(svg).getElementsByTagName("line");
    for (int i = 0; i < lines.getLength(); i++) {
      Element line = (Element) lines.item(i);
      if (line.getAttribute("class").equals(cssClass)) {
        out.add(line.getTextContent());
      }
    }
    return out;
  }

  @Test
  void aLaneShowsDistinctSourcesPerWindowBesideLookupsPerWindow() throws Exception {
    String svg = collapse();
    assertThat(titles(svg, "sources")).containsExactly("a.example, window from 2016-09-27 00:00: 5 sources",
        "a.example, window from 2016-09-28 00:00: 2 sources", "a.example, window from 2016-09-29 00:00: 2 sources");
    assertThat(titles(svg, "lookups")).containsExactly("a.example, window from 2016-09-27 00:00: 5 lookups",
        "a.example, window from 2016-09-28 00:00: 40 lookups", "a.example, window from 2016-09-29 00:00: 25 lookups");
    List<String> texts = new ArrayList<>();
    NodeList nodes = parse(svg).getElementsByTagName("text");
    for (int i = 0; i < nodes.getLength(); i++) {
      texts.add(nodes.item(i).getTextContent());
    }
    assertThat(texts).contains("a.example: lookups per window and distinct sources per window (log scale)", "1", "10", "100",
        "distinct sources per window", "lookups per window", "192.0.2.1", "192.0.2.2", "other sources");
  }

  @Test
  void onTheLogScaleFiveSourcesStandWellAboveTheAxisAndTwoBelowFortyLookups() throws Exception {
    Map<String, Double> heights = new java.util.HashMap<>();
    NodeList lines = parse(collapse()).getElementsByTagName("line");
    for (int i = 0; i < lines.getLength(); i++) {
      Element line = (Element) lines.item(i);
      if (!line.getAttribute("class").isEmpty()) {
        heights.put(line.getTextContent(), Double.parseDouble(line.getAttribute("y1")));
      }
    }
    double five = heights.get("a.example, window from 2016-09-27 00:00: 5 sources");
    double two = heights.get("a.example, window from 2016-09-28 00:00: 2 sources");
    double forty = heights.get("a.example, window from 2016-09-28 00:00: 40 lookups");
    assertThat(forty).isLessThan(five).isLessThan(two); // SVG's y grows downwards
    assertThat(two - forty).isGreaterThan(30);
  }

  @Test
  void scalesEndOnRoundNumbers() {
    assertThat(TimelineChart.niceCeiling(0)).isEqualTo(1);
    assertThat(TimelineChart.niceCeiling(1)).isEqualTo(1);
    assertThat(TimelineChart.niceCeiling(3)).isEqualTo(5);
    assertThat(TimelineChart.niceCeiling(17)).isEqualTo(20);
    assertThat(TimelineChart.niceCeiling(51)).isEqualTo(100);
  }
}
