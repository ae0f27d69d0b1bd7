package io.narrowcast.reliability;

import io.narrowcast.avro.DnsEvent;
import io.narrowcast.config.DetectionConfig;
import io.narrowcast.config.DetectionConfig.DomainGranularity;
import io.narrowcast.ingest.FileIngestor;
import io.narrowcast.ingest.Format;
import io.narrowcast.ingest.IngestSummary;
import io.narrowcast.ingest.JsonlEventWriter;
import io.narrowcast.ingest.KafkaEventSink;
import io.narrowcast.replay.Replay;
import io.narrowcast.topics.Control;
import io.narrowcast.topology.TopologyOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * Produces input to dns.events exactly as replay does: JSON lines through the file ingestor and its
 * idempotent producer, then a tick on every partition so that the last windows close. So a
 * detector fed this way sees the same records as the uninterrupted replay it is compared with.
 */
final class Feed implements AutoCloseable {
  /** The key that signs the feed's ticks: {@link DetectorRig} starts detectors with it. */
  static final byte[] CONTROL_KEY = "narrowcast-reliability-control".getBytes(StandardCharsets.UTF_8);
  private static final Control CONTROL = Control.withKey(CONTROL_KEY);
  /** For a detector in the test's own process, on one partition: it takes the feed's ticks. */
  static final TopologyOptions ONE_PARTITION = TopologyOptions.defaults().withControl(CONTROL);
  private final KafkaEventSink sink;
  private final IngestSummary summary = new IngestSummary();
  private final FileIngestor ingestor;

  Feed(String bootstrap) {
    Map<String, Object> client = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    this.sink = new KafkaEventSink(client, DomainGranularity.NAME, CONTROL);
    this.ingestor = new FileIngestor(sink, summary);
  }

  /** Feeds all of {@code lines} and the closing ticks. */
  static void all(String bootstrap, List<String> lines, DetectionConfig config) throws IOException, InterruptedException {
    try (Feed feed = new Feed(bootstrap)) {
      feed.lines(lines);
      feed.closeLastWindows(config);
    }
  }

  /** Ingests JSON lines; returns once the broker has stored them all. */
  void lines(List<String> lines) throws IOException {
    ingest(String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
  }

  /** Ingests events as their JSON lines; returns once the broker has stored them all. */
  void events(List<DnsEvent> events) throws IOException {
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    try (JsonlEventWriter writer = new JsonlEventWriter(text)) {
      events.forEach(writer::write);
    }
    ingest(text.toByteArray());
  }

  private void ingest(byte[] jsonl) throws IOException {
    ingestor.ingest(new ByteArrayInputStream(jsonl), Format.JSONL, "feed", "feed");
    ingestor.finish();
  }

  /** Ticks every partition past the last window (and its grace) of what was fed; returns once stored. */
  void closeLastWindows(DetectionConfig config) throws InterruptedException {
    Replay.closeLastWindows(sink, config, summary.lastEventTime());
    sink.flush();
  }

  /** Events accepted so far. */
  long accepted() {
    return summary.accepted();
  }

  @Override
  public void close() {
    sink.close();
  }
}
