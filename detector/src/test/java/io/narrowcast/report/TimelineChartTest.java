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
        List.of(new TimelineChart.Marker(T0 + DAY + DAY / 2, "old.example went dark"))).svg();
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

  @Test
  void scalesEndOnRoundNumbers() {
    assertThat(TimelineChart.niceCeiling(0)).isEqualTo(1);
    assertThat(TimelineChart.niceCeiling(1)).isEqualTo(1);
    assertThat(TimelineChart.niceCeiling(3)).isEqualTo(5);
    assertThat(TimelineChart.niceCeiling(17)).isEqualTo(20);
    assertThat(TimelineChart.niceCeiling(51)).isEqualTo(100);
  }
}
