package io.narrowcast.topology;

import io.narrowcast.alert.AlertKind;
import io.narrowcast.alert.AlertLifecycle;
import io.narrowcast.alert.AlertState;
import io.narrowcast.avro.Answer;
import io.narrowcast.avro.DnsEvent;
import io.narrowcast.config.DetectionConfig;
import io.narrowcast.detect.Collapse;
import io.narrowcast.detect.CollapseDetector;
import io.narrowcast.detect.NameLifecycle;
import io.narrowcast.detect.RenameCandidate;
import io.narrowcast.detect.WindowSet;
import io.narrowcast.metrics.DetectorMetrics;
import io.narrowcast.state.DomainLifecycle;
import io.narrowcast.state.Outcome;
import io.narrowcast.state.QuerierSet;
import io.narrowcast.state.WriteBehindWindowStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.HashSet;
import java.util.NavigableMap;
import java.util.Set;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the per-domain, per-window querier sets and handles each window once, when event time has
 * passed its end plus the grace period: the collapse alerts of its domains (open, extend, close),
 * their lifecycle entries (newly seen, dark), and a periodic sweep that expires lifecycle entries,
 * calls silent names dark and closes alerts whose pattern ended without a window saying so.
 *
 * <p>Event time is the largest event timestamp this task has seen (ticks included); all that matters
 * of it is which windows it has made due (ended, grace included). Lookups for a window that is
 * already due are counted as late and dropped. The end of the last handled window,
 * the start of the first one and how far event time has made windows due are kept in the
 * "window-progress" store, so a restart neither handles a window twice nor accepts late lookups.
 */
final class QuerierAggregator implements Processor<String, DnsEvent, String, DetectorOutput> {
  private static final Logger LOG = LoggerFactory.getLogger(QuerierAggregator.class);
  static final String CLOSED_UNTIL = "closed-until";
  static final String WATCHED_SINCE = "watched-since";
  /**
   * Windows ending by this time are due: event time less the grace, down to a window start. It is
   * all the aggregator keeps of event time (lateness and sweeps depend on nothing finer), and it
   * changes once a window, so keeping it costs one store write a window rather than one a lookup.
   */
  static final String DUE_UNTIL = "due-until";
  /** Sweeps run at most this often (and at most once a window): darkness and expiry are coarse. */
  static final long MIN_SWEEP_INTERVAL_MS = 3_600_000L;

  private final DetectionConfig config;
  private final CollapseDetector collapse;
  private final AlertLifecycle alertLifecycle;
  private final NameLifecycle names;
  private final DetectorMetrics metrics;
  /** The domains with lookups in each window not yet handled: what closing a window iterates. */
  private final NavigableMap<Long, Set<String>> openWindows = new TreeMap<>();
  private ProcessorContext<String, DetectorOutput> context;
  private WriteBehindWindowStore windows;
  private KeyValueStore<String, Long> progress;
  private KeyValueStore<String, byte[]> lifecycle;
  private KeyValueStore<String, Long> silenceWatch;
  private AlertStore alerts;
  private long closedUntil = Long.MIN_VALUE;
  private long watchedSince = Long.MIN_VALUE;
  private long dueUntil = Long.MIN_VALUE;
  private long nextSweep = Long.MIN_VALUE;
  private long nextExpiry = Long.MIN_VALUE;

  QuerierAggregator(DetectionConfig config, DetectorMetrics metrics) {
    this.config = config;
    this.collapse = new CollapseDetector(config);
    this.alertLifecycle = new AlertLifecycle(config);
    this.names = new NameLifecycle(config);
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<String, DetectorOutput> context) {
    this.context = context;
    this.windows = WriteBehindWindowStore.of(context.getStateStore(DetectorTopology.QUERIER_SETS_STORE));
    this.progress = context.getStateStore(DetectorTopology.WINDOW_PROGRESS_STORE);
    this.lifecycle = context.getStateStore(DetectorTopology.DOMAIN_LIFECYCLE_STORE);
    this.silenceWatch = context.getStateStore(DetectorTopology.SILENCE_WATCH_STORE);
    this.alerts = new AlertStore(context.getStateStore(DetectorTopology.ALERT_STATE_STORE), metrics);
    // a revived task re-inits this same processor after its stores were rolled back to the last commit
    openWindows.clear();
    nextSweep = Long.MIN_VALUE;
    nextExpiry = Long.MIN_VALUE;
    Long stored = progress.get(CLOSED_UNTIL);
    closedUntil = stored == null ? Long.MIN_VALUE : stored;
    Long since = progress.get(WATCHED_SINCE);
    watchedSince = since == null ? Long.MIN_VALUE : since;
    Long due = progress.get(DUE_UNTIL);
    dueUntil = due == null ? closedUntil : due;
    recoverOpenWindows();
  }

  /** After a restart, the windows not yet handled are whatever the store holds past closedUntil. */
  private void recoverOpenWindows() {
    try (KeyValueIterator<Windowed<String>, QuerierSet> all = windows.fetchAll(Math.max(0, closedUntil), Long.MAX_VALUE)) {
      all.forEachRemaining(entry -> openWindow(entry.key.window().start()).add(entry.key.key()));
    }
    if (!openWindows.isEmpty()) {
      LOG.info("task {}: {} open windows to evaluate, closed until {}", context.taskId(), openWindows.size(), closedUntil);
    }
  }

  @Override
  public void process(Record<String, DnsEvent> record) {
    advanceEventTime(record.timestamp());
    // Windows due now are handled before the event is stored: storing it advances the windowed
    // store's retention, and after a silence longer than that the store drops them at once.
    closeDueWindows();
    DnsEvent event = record.value();
    if (event != null) {
      add(record.key(), record.timestamp(), event);
    }
  }

  private void add(String domain, long timestamp, DnsEvent event) {
    long start = config.windowStart(timestamp);
    if (start < closedUntil || isClosed(start)) {
      metrics.countLate();
      return;
    }
    if (watchedSince == Long.MIN_VALUE) {
      watchedSince = start;
      progress.put(WATCHED_SINCE, start);
    }
    QuerierSet set = windows.buffered(domain, start);
    if (set == null) {
      // the index knows every set of an open window: a name's first lookup in one needs no store read
      set = openWindow(start).add(domain) ? new QuerierSet(config.exactSourceCap()) : windows.fetch(domain, start);
      windows.put(domain, set, start);
    }
    set.add(event.getSourceIp(), timestamp, Outcome.ofRcode(event.getRcode()), answerData(event.getAnswers()));
  }

  /** Event time reached {@code timestamp}: every window ending by it, less the grace, is due. */
  private void advanceEventTime(long timestamp) {
    long due = config.windowStart(timestamp - config.graceMs());
    if (due > dueUntil) {
      dueUntil = due;
      progress.put(DUE_UNTIL, due);
    }
  }

  private Set<String> openWindow(long start) {
    return openWindows.computeIfAbsent(start, s -> new HashSet<>());
  }

  private boolean isClosed(long windowStart) {
    return windowStart + config.windowMs() <= dueUntil;
  }

  private void closeDueWindows() {
    while (!openWindows.isEmpty() && isClosed(openWindows.firstKey())) {
      var window = openWindows.pollFirstEntry();
      long start = window.getKey();
      closeWindow(start, window.getValue());
      closedUntil = start + config.windowMs();
      progress.put(CLOSED_UNTIL, closedUntil);
      maybeSweep(closedUntil);
    }
    // quiet stretches pass too: every window ending by now is closed, with lookups or without
    if (dueUntil != Long.MIN_VALUE) {
      maybeSweep(dueUntil);
    }
  }

  private void maybeSweep(long now) {
    if (now >= nextSweep) {
      sweep(now);
      nextSweep = now + Math.max(config.windowMs(), MIN_SWEEP_INTERVAL_MS);
    }
  }

  /**
   * Handles the window's domains in key order: their lifecycle entries are then read and written
   * in RocksDB's order, block by block, rather than at random.
   */
  private void closeWindow(long start, Set<String> domains) {
    long end = start + config.windowMs();
    String[] sorted = domains.toArray(new String[0]);
    Arrays.sort(sorted);
    for (String domain : sorted) {
      onWindow(domain, start, end, windows.fetch(domain, start));
    }
  }

  private void onWindow(String domain, long start, long end, QuerierSet window) {
    String alertKey = AlertState.key(AlertKind.QUERIER_COLLAPSE, domain);
    AlertState open = alerts.get(alertKey);
    Optional<Collapse> found = open == null && collapse.isCandidate(window)
        ? collapse.evaluate(start, window, previousWindows(domain, start))
        : Optional.empty();
    alerts.apply(alertKey, alertLifecycle.collapseWindow(open, domain, start, end, window, found),
        alert -> context.forward(new Record<>(domain, new DetectorOutput.AlertOut(alert), end)));

    byte[] known = lifecycle.get(domain);
    NameLifecycle.WindowResult result = names.onWindow(domain, known == null ? null : DomainLifecycle.fromBytes(known),
        start, end, window, watchedSince);
    DomainLifecycle entry = result.entry();
    watchForSilence(domain, entry);
    lifecycle.put(domain, entry.toBytes());
    sendCandidate(result.born(), end);
    // withdrawn before it goes dark again: a source forgets the old dark side, not the new one
    sendCandidate(result.revived(), end);
    sendCandidate(result.retired(), end);
  }

  /**
   * Keeps the silence watch list to the names that may still go dark by silence. A name is written
   * when it starts being watched, not on every window: a sweep that finds its last lookup later than
   * the watch list says moves it on then, so the list costs a write per dark-after, not per window.
   */
  private void watchForSilence(String domain, DomainLifecycle entry) {
    boolean watch = names.mayGoSilent(entry);
    if (watch && !entry.watched()) {
      silenceWatch.put(domain, entry.lastSeen());
    } else if (!watch && entry.watched()) {
      silenceWatch.delete(domain);
    }
    entry.watched(watch);
  }

  /**
   * Calls silent names dark (from the watch list), closes alerts whose pattern ended quietly and,
   * now and then, forgets names not looked up for the lifecycle TTL.
   */
  private void sweep(long now) {
    List<KeyValue<String, Long>> silent = new ArrayList<>();
    try (KeyValueIterator<String, Long> watched = silenceWatch.all()) {
      watched.forEachRemaining(entry -> {
        if (names.mayBeSilent(entry.value, now)) {
          silent.add(entry);
        }
      });
    }
    for (KeyValue<String, Long> watched : silent) { // the stores are not changed while they are iterated
      String domain = watched.key;
      byte[] known = lifecycle.get(domain);
      if (known == null) {
        silenceWatch.delete(domain);
        continue;
      }
      DomainLifecycle entry = DomainLifecycle.fromBytes(known);
      NameLifecycle.SweepResult result = names.onSweep(domain, entry, now);
      if (result.delete()) {
        lifecycle.delete(domain);
        silenceWatch.delete(domain);
      } else if (result.changed()) {
        watchForSilence(domain, entry);
        lifecycle.put(domain, entry.toBytes());
        sendCandidate(result.retired(), now);
      } else if (entry.lastSeen() != watched.value) {
        silenceWatch.put(domain, entry.lastSeen()); // looked up since it was last checked
      }
    }
    if (now >= nextExpiry) {
      expire(now);
      nextExpiry = now + config.expiryScanIntervalMs();
    }
    List<KeyValue<String, AlertState>> open = new ArrayList<>();
    try (KeyValueIterator<String, AlertState> all = alerts.store().all()) {
      all.forEachRemaining(open::add);
    }
    for (KeyValue<String, AlertState> entry : open) {
      String domain = entry.value.last().getDomain();
      alerts.apply(entry.key, alertLifecycle.sweep(entry.value, now),
          alert -> context.forward(new Record<>(domain, new DetectorOutput.AlertOut(alert), now)));
    }
  }

  /** Forgets names not looked up for the lifecycle TTL; reads only the head of each entry. */
  private void expire(long now) {
    List<KeyValue<String, Boolean>> expired = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> all = lifecycle.all()) {
      all.forEachRemaining(entry -> {
        DomainLifecycle.Peek head = DomainLifecycle.peek(entry.value);
        if (names.isExpired(head.lastSeen(), now)) {
          expired.add(KeyValue.pair(entry.key, head.watched()));
        }
      });
    }
    for (KeyValue<String, Boolean> name : expired) {
      lifecycle.delete(name.key);
      if (name.value) {
        silenceWatch.delete(name.key);
      }
    }
  }

  private void sendCandidate(RenameCandidate candidate, long timestamp) {
    if (candidate != null) {
      LOG.debug("task {}: {} {} at {} with {} sources", context.taskId(), candidate.side(), candidate.domain(),
          candidate.time(), candidate.sources().size());
      context.forward(new Record<>(candidate.domain(), new DetectorOutput.CandidateOut(candidate), timestamp));
    }
  }

  private List<WindowSet> previousWindows(String domain, long start) {
    List<WindowSet> out = new ArrayList<>(config.baselineWindows());
    long to = start - config.windowMs();
    if (to < 0) {
      return out; // nothing before the epoch, and the store cannot range over negative times
    }
    long from = Math.max(0, start - config.baselineWindows() * config.windowMs());
    try (WindowStoreIterator<QuerierSet> previous = windows.fetch(domain, from, to)) {
      previous.forEachRemaining(entry -> out.add(new WindowSet(entry.key, entry.value)));
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
