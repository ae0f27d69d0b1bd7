package io.narrowcast.topology;

import io.narrowcast.alert.AlertKind;
import io.narrowcast.alert.CollapseAlerts;
import io.narrowcast.avro.Alert;
import io.narrowcast.avro.Answer;
import io.narrowcast.avro.DnsEvent;
import io.narrowcast.config.DetectionConfig;
import io.narrowcast.detect.CollapseDetector;
import io.narrowcast.metrics.DetectorMetrics;
import io.narrowcast.state.QuerierSet;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the per-domain, per-window querier sets and evaluates each window once, when event time has
 * passed its end plus the grace period. Event time is the largest event timestamp this task has seen
 * (ticks included). Lookups for a window that is already closed are counted as late and dropped.
 *
 * <p>The end of the last evaluated window is kept in the "window-progress" store, so a restart
 * neither evaluates a window twice nor accepts late lookups into it.
 */
final class QuerierAggregator implements Processor<String, DnsEvent, String, Alert> {
  private static final Logger LOG = LoggerFactory.getLogger(QuerierAggregator.class);
  static final String CLOSED_UNTIL = "closed-until";
  private static final int NXDOMAIN = 3;

  private final DetectionConfig config;
  private final CollapseDetector collapse;
  private final DetectorMetrics metrics;
  private final NavigableSet<Long> openWindows = new TreeSet<>();
  private ProcessorContext<String, Alert> context;
  private WindowStore<String, QuerierSet> windows;
  private KeyValueStore<String, Long> progress;
  private long closedUntil = Long.MIN_VALUE;
  private long streamTime = Long.MIN_VALUE;

  QuerierAggregator(DetectionConfig config, DetectorMetrics metrics) {
    this.config = config;
    this.collapse = new CollapseDetector(config);
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<String, Alert> context) {
    this.context = context;
    this.windows = context.getStateStore(DetectorTopology.QUERIER_SETS_STORE);
    this.progress = context.getStateStore(DetectorTopology.WINDOW_PROGRESS_STORE);
    Long stored = progress.get(CLOSED_UNTIL);
    closedUntil = stored == null ? Long.MIN_VALUE : stored;
    streamTime = closedUntil;
    recoverOpenWindows();
  }

  /** After a restart, the windows not yet evaluated are whatever the store holds past closedUntil. */
  private void recoverOpenWindows() {
    try (KeyValueIterator<Windowed<String>, QuerierSet> all = windows.fetchAll(Math.max(0, closedUntil), Long.MAX_VALUE)) {
      all.forEachRemaining(entry -> openWindows.add(entry.key.window().start()));
    }
    if (!openWindows.isEmpty()) {
      LOG.info("task {}: {} open windows to evaluate, closed until {}", context.taskId(), openWindows.size(), closedUntil);
    }
  }

  @Override
  public void process(Record<String, DnsEvent> record) {
    streamTime = Math.max(streamTime, record.timestamp());
    DnsEvent event = record.value();
    if (event != null) {
      add(record.key(), record.timestamp(), event);
    }
    closeDueWindows();
  }

  private void add(String domain, long timestamp, DnsEvent event) {
    long start = config.windowStart(timestamp);
    if (start < closedUntil || isClosed(start)) {
      metrics.countLate();
      return;
    }
    QuerierSet set = windows.fetch(domain, start);
    if (set == null) {
      set = new QuerierSet(config.exactSourceCap());
    }
    Integer rcode = event.getRcode();
    set.add(event.getSourceIp(), timestamp, rcode != null && rcode == NXDOMAIN, answerData(event.getAnswers()));
    windows.put(domain, set, start);
    openWindows.add(start);
  }

  private boolean isClosed(long windowStart) {
    return windowStart + config.windowMs() + config.graceMs() <= streamTime;
  }

  private void closeDueWindows() {
    while (!openWindows.isEmpty() && isClosed(openWindows.first())) {
      long start = openWindows.pollFirst();
      evaluate(start);
      closedUntil = start + config.windowMs();
      progress.put(CLOSED_UNTIL, closedUntil);
    }
  }

  private void evaluate(long start) {
    long end = start + config.windowMs();
    try (KeyValueIterator<Windowed<String>, QuerierSet> closing = windows.fetchAll(start, start)) {
      while (closing.hasNext()) {
        KeyValue<Windowed<String>, QuerierSet> entry = closing.next();
        if (entry.key.window().start() == start && collapse.isCandidate(entry.value)) {
          String domain = entry.key.key();
          collapse.evaluate(entry.value, baseline(domain, start)).ifPresent(found -> {
            metrics.countAlert(AlertKind.QUERIER_COLLAPSE.name());
            context.forward(new Record<>(domain, CollapseAlerts.toAlert(domain, start, end, found), end));
          });
        }
      }
    }
  }

  private List<QuerierSet> baseline(String domain, long start) {
    List<QuerierSet> out = new ArrayList<>(config.baselineWindows());
    long to = start - config.windowMs();
    if (to < 0) {
      return out; // nothing before the epoch, and the store cannot range over negative times
    }
    long from = Math.max(0, start - config.baselineWindows() * config.windowMs());
    try (WindowStoreIterator<QuerierSet> previous = windows.fetch(domain, from, to)) {
      previous.forEachRemaining(entry -> out.add(entry.value));
    }
    return out;
  }

  private static List<String> answerData(List<Answer> answers) {
    if (answers.isEmpty()) {
      return List.of();
    }
    List<String> data = new ArrayList<>(answers.size());
    for (Answer answer : answers) {
      data.add(answer.getData());
    }
    return data;
  }
}
