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
import io.narrowcast.eventtime.Mark;
import io.narrowcast.eventtime.Timers;
import io.narrowcast.metrics.DetectorMetrics;
import io.narrowcast.state.DomainLifecycle;
import io.narrowcast.state.Outcome;
import io.narrowcast.state.QuerierSet;
import io.narrowcast.state.QuerierSetStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
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
 * passed its end plus the grace period: the collapse alerts of its domains (open, extend, close) and
 * their lifecycle entries (newly seen, dark). Timers handle what happens between windows: a regular
 * name that falls silent goes dark, a collapse whose name is no longer looked up closes.
 *
 * <p>Event time is the largest event timestamp this task has seen (ticks included); all that matters
 * of it is which windows it has made due (ended, grace included). Lookups for a window that is
 * already due are counted as late and dropped. The end of the last handled window, the start of the
 * first one and how far event time has made windows due are kept in the "window-progress" store, so
 * a restart neither handles a window twice nor accepts late lookups.
 *
 * <p>Everything this processor sends is stamped with the event time it stands for (a window's end,
 * the moment a timer was due), never with how far this task happened to have read, and a timer is
 * handled after every window that ends before it and before every window that ends after it. So what
 * it sends depends on the domain's lookups alone: not on the partition count, on which other
 * names share the task, on restarts or on commit timing. After each step it marks its progress to
 * the rename stages (see {@link Mark}), which wait for every task's marks.
 */
final class QuerierAggregator implements Processor<String, DnsEvent, String, DetectorOutput> {
  private static final Logger LOG = LoggerFactory.getLogger(QuerierAggregator.class);
  static final String CLOSED_UNTIL = "closed-until";
  static final String WATCHED_SINCE = "watched-since";
  /**
   * Windows ending by this time are due: event time less the grace, down to a window start. It is
   * all the aggregator keeps of event time (lateness and timers depend on nothing finer), and it
   * changes once a window, so keeping it costs one store write a window rather than one a lookup.
   */
  static final String DUE_UNTIL = "due-until";

  private final DetectionConfig config;
  private final Duration idleAfter;
  private final CollapseDetector collapse;
  private final AlertLifecycle alertLifecycle;
  private final NameLifecycle names;
  private final DetectorMetrics metrics;
  /** When each watched name is next checked for silence (the silence-watch store, in memory). */
  private final Timers silence = new Timers();
  private ProcessorContext<String, DetectorOutput> context;
  private QuerierSetStore windows;
  private KeyValueStore<String, Long> progress;
  private KeyValueStore<String, byte[]> lifecycle;
  private KeyValueStore<String, Long> silenceWatch;
  private AlertStore alerts;
  private long closedUntil = Long.MIN_VALUE;
  private long watchedSince = Long.MIN_VALUE;
  private long dueUntil = Long.MIN_VALUE;
  private long nextExpiry = Long.MIN_VALUE;
  private long marked = Long.MIN_VALUE;
  private long lastInput;
  private boolean idle;

  QuerierAggregator(DetectionConfig config, Duration idleAfter, DetectorMetrics metrics) {
    this.config = config;
    this.idleAfter = idleAfter;
    this.collapse = new CollapseDetector(config);
    this.alertLifecycle = new AlertLifecycle(config);
    this.names = new NameLifecycle(config);
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<String, DetectorOutput> context) {
    this.context = context;
    this.windows = QuerierSetStore.of(context.getStateStore(DetectorTopology.QUERIER_SETS_STORE));
    this.progress = context.getStateStore(DetectorTopology.WINDOW_PROGRESS_STORE);
    this.lifecycle = context.getStateStore(DetectorTopology.DOMAIN_LIFECYCLE_STORE);
    this.silenceWatch = context.getStateStore(DetectorTopology.SILENCE_WATCH_STORE);
    this.alerts = new AlertStore(context.getStateStore(DetectorTopology.ALERT_STATE_STORE), metrics,
        AlertKind.QUERIER_COLLAPSE, alertLifecycle::dueAt);
    // a revived task re-inits this same processor after its stores were rolled back to the last commit
    nextExpiry = Long.MIN_VALUE;
    marked = Long.MIN_VALUE;
    Long stored = progress.get(CLOSED_UNTIL);
    closedUntil = stored == null ? Long.MIN_VALUE : stored;
    Long since = progress.get(WATCHED_SINCE);
    watchedSince = since == null ? Long.MIN_VALUE : since;
    if (since != null) {
      metrics.watchedSince(since);
    }
    Long due = progress.get(DUE_UNTIL);
    dueUntil = due == null ? closedUntil : due;
    recoverOpenWindows();
    silence.clear();
    try (KeyValueIterator<String, Long> watched = silenceWatch.all()) {
      watched.forEachRemaining(entry -> silence.schedule(entry.key, entry.value));
    }
    idle = false;
    if (idleAfter != null) {
      lastInput = context.currentSystemTimeMs();
      long every = Math.max(1_000, Math.min(idleAfter.toMillis() / 4, 30_000));
      context.schedule(Duration.ofMillis(every), PunctuationType.WALL_CLOCK_TIME, this::checkIdle);
    }
  }

  /**
   * After a restart, the windows not yet handled are the store's open ones. Those before closedUntil
   * were handled: only a store restored from the changelog of the RocksDB store of earlier builds
   * holds them open, and they go to its history.
   */
  private void recoverOpenWindows() {
    windows.closeBefore(closedUntil);
    List<Long> open = windows.openWindows();
    if (!open.isEmpty()) {
      LOG.info("task {}: {} open windows to evaluate, closed until {}", context.taskId(), open.size(), closedUntil);
    }
  }

  @Override
  public void process(Record<String, DnsEvent> record) {
    if (idleAfter != null) {
      lastInput = context.currentSystemTimeMs();
    }
    if (watchedSince == Long.MIN_VALUE) {
      // the first record, a tick included (replay sends one at its input's first time to every
      // partition): nothing is new before the lookback has passed since
      watchedSince = config.windowStart(record.timestamp());
      progress.put(WATCHED_SINCE, watchedSince);
      metrics.watchedSince(watchedSince);
    }
    advanceEventTime(record.timestamp());
    // Windows due now are handled before the event is stored: storing it advances the windowed
    // store's retention, and after a silence longer than that the store drops them at once.
    handleDue();
    DnsEvent event = record.value();
    if (event != null) {
      add(record.key(), record.timestamp(), event);
    }
    mark();
  }

  private void add(String domain, long timestamp, DnsEvent event) {
    long start = config.windowStart(timestamp);
    if (start < closedUntil || isClosed(start)) {
      metrics.countLate();
      return;
    }
    QuerierSet set = windows.forUpdate(domain, start, config.exactSourceCap());
    set.add(event.getSourceIp(), timestamp, Outcome.ofRcode(event.getRcode()), answerData(event.getAnswers()));
  }

  /** Event time reached {@code timestamp}: every window ending by it, less the grace, is due. */
  private void advanceEventTime(long timestamp) {
    long due = config.windowStart(timestamp - config.graceMs());
    if (due > dueUntil) {
      dueUntil = due;
      progress.put(DUE_UNTIL, due);
      metrics.eventTime(due);
    }
  }

  private boolean isClosed(long windowStart) {
    return windowStart + config.windowMs() <= dueUntil;
  }

  /**
   * Closes the due windows in order, each after the timers due by its start and before those due
   * after it; then the timers due by now. A timer for a name thus sees every lookup before its time.
   */
  private void handleDue() {
    if (dueUntil == Long.MIN_VALUE) {
      return;
    }
    while (true) {
      Long next = windows.firstOpen();
      boolean windowDue = next != null && isClosed(next);
      fireTimers(windowDue ? next : dueUntil);
      if (!windowDue) {
        break;
      }
      closeWindow(next);
      closedUntil = next + config.windowMs();
      progress.put(CLOSED_UNTIL, closedUntil);
    }
    if (dueUntil >= nextExpiry) {
      expire(dueUntil);
      nextExpiry = dueUntil + config.expiryScanIntervalMs();
    }
  }

  /** Tells the rename stages how far this task has sent everything: the due time, once it moved. */
  private void mark() {
    if (dueUntil > marked || idle && dueUntil != Long.MIN_VALUE) {
      marked = dueUntil;
      idle = false;
      sendMark(Mark.progress(context.taskId().partition(), dueUntil), dueUntil);
    }
  }

  /** No input for idle-after: the rename stages stop waiting for this task until it has input again. */
  private void checkIdle(long now) {
    if (!idle && now - lastInput >= idleAfter.toMillis()) {
      LOG.info("task {}: no input for {}; the rename stages no longer wait for it", context.taskId(), idleAfter);
      idle = true;
      sendMark(Mark.idle(context.taskId().partition()), dueUntil);
    }
  }

  private void sendMark(Mark mark, long timestamp) {
    // a record's timestamp cannot be negative, a mark's time can (a window before 1970 for a lab capture)
    context.forward(new Record<>("", new DetectorOutput.MarkOut(mark), Math.max(0, timestamp), mark.headers()));
  }

  /** Fires the timers due at or before {@code upTo}, earliest first, collapse closes before silences at a tie. */
  private void fireTimers(long upTo) {
    while (true) {
      long collapseDue = alerts.nextDue();
      long silenceDue = silence.next();
      if (Math.min(collapseDue, silenceDue) > upTo) {
        return;
      }
      if (collapseDue <= silenceDue) {
        var due = alerts.pollDue(upTo);
        String domain = due.state().last().getDomain();
        alerts.apply(due.key(), alertLifecycle.sweep(due.state(), due.time()),
            alert -> context.forward(new Record<>(domain, new DetectorOutput.AlertOut(alert), due.time())));
      } else {
        Timers.Due due = silence.poll(upTo);
        checkSilence(due.key(), due.time());
      }
    }
  }

  /**
   * Handles the window's domains in key order (what it sends comes in the same order however the
   * store hashes them; the golden alert files hold the order as well), then moves it to the history.
   */
  private void closeWindow(long start) {
    long end = start + config.windowMs();
    QuerierSetStore.Closing closing = windows.closing(start);
    for (int i = 0; i < closing.size(); i++) {
      onWindow(closing.domain(i), start, end, closing.set(i));
    }
    windows.close(closing);
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
   * Keeps the silence watch list to the names that may still go dark by silence, each with the time
   * to check it: dark-after past its last lookup, the earliest it can be silent. A name is written
   * when it starts being watched, not on every window: a check that finds it looked up since, or
   * rarer than that, moves the time on then, so the list costs a write per dark-after, not per window.
   */
  private void watchForSilence(String domain, DomainLifecycle entry) {
    boolean watch = names.mayGoSilent(entry);
    if (watch && !entry.watched()) {
      scheduleSilence(domain, entry.lastSeen() + config.darkAfter().toMillis());
    } else if (!watch && entry.watched()) {
      silenceWatch.delete(domain);
      silence.cancel(domain);
    }
    entry.watched(watch);
  }

  private void scheduleSilence(String domain, long checkAt) {
    silenceWatch.put(domain, checkAt);
    silence.schedule(domain, checkAt);
  }

  /** The silence timer of {@code domain} is due at {@code now}: expire it, call it dark, or check again when it can be. */
  private void checkSilence(String domain, long now) {
    byte[] known = lifecycle.get(domain);
    if (known == null) {
      silenceWatch.delete(domain);
      return;
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
    } else if (names.mayGoSilent(entry)) {
      scheduleSilence(domain, names.silentAt(entry)); // looked up since, or queried too rarely to be silent yet
    } else {
      watchForSilence(domain, entry);
      lifecycle.put(domain, entry.toBytes());
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
        silence.cancel(name.key);
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
      return out; // no baseline before the epoch, as with the RocksDB store of earlier builds: alerts stay the same
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
