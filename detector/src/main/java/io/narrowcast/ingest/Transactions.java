package io.narrowcast.ingest;

import io.narrowcast.avro.DnsEvent;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Joins queries to their responses, so that one lookup is one event however the sensor logs it.
 *
 * <p>A query waits here until its response arrives (the response's rcode and answers are copied into
 * it) or until it is released unanswered: when more than {@link #MAX_PENDING} queries wait (the
 * oldest goes), when it has waited {@link #RESPONSE_WAIT} since it was read ({@link #releaseStale}),
 * or when the input ends ({@link #releaseAll}). A response that finds no waiting query is an event of
 * its own, so a sensor that logs only responses still counts every lookup. Waiting is measured in
 * records and in time since reading, never in event time, because sensors such as Suricata write
 * records minutes out of event-time order. Not thread-safe.
 */
final class Transactions {
  /** Most queries waiting for their response; roughly a few MB of events. */
  static final int MAX_PENDING = 10_000;
  /** How long a query read from a live source waits for its response; resolvers give up sooner. */
  static final Duration RESPONSE_WAIT = Duration.ofSeconds(10);

  private final int maxPending;
  private final LongSupplier nanoTime;
  private final LinkedHashMap<Long, Waiting> byArrival = new LinkedHashMap<>();
  private final Map<String, ArrayDeque<Long>> byTransaction = new HashMap<>();
  private long arrivals;

  Transactions() {
    this(MAX_PENDING, System::nanoTime);
  }

  Transactions(int maxPending, LongSupplier nanoTime) {
    this.maxPending = maxPending;
    this.nanoTime = nanoTime;
  }

  private record Waiting(String transaction, DnsEvent query, long readAt) {}

  /** Keeps a query until its response; returns the queries that had to be released unanswered to make room. */
  List<DnsEvent> query(String transaction, DnsEvent query) {
    long id = arrivals++;
    byArrival.put(id, new Waiting(transaction, query, nanoTime.getAsLong()));
    byTransaction.computeIfAbsent(transaction, k -> new ArrayDeque<>()).addLast(id);
    List<DnsEvent> released = new ArrayList<>(0);
    while (byArrival.size() > maxPending) {
      released.add(removeOldest());
    }
    return released;
  }

  /**
   * The waiting query this response answers, now carrying the response's rcode and answers, or null
   * when none waits (a retransmitted query waits once per copy: the oldest is answered first).
   */
  DnsEvent response(String transaction, DnsEvent response) {
    ArrayDeque<Long> ids = byTransaction.get(transaction);
    if (ids == null) {
      return null;
    }
    DnsEvent query = byArrival.remove(ids.removeFirst()).query();
    if (ids.isEmpty()) {
      byTransaction.remove(transaction);
    }
    query.setRcode(response.getRcode());
    query.setAnswers(response.getAnswers());
    if (query.getTransport() == null) {
      query.setTransport(response.getTransport());
    }
    return query;
  }

  /** The queries read more than {@link #RESPONSE_WAIT} ago, oldest first, now counted as unanswered. */
  List<DnsEvent> releaseStale() {
    long readBefore = nanoTime.getAsLong() - RESPONSE_WAIT.toNanos();
    List<DnsEvent> released = new ArrayList<>();
    while (!byArrival.isEmpty() && byArrival.values().iterator().next().readAt() - readBefore < 0) {
      released.add(removeOldest());
    }
    return released;
  }

  /** Every waiting query, oldest first, now counted as unanswered. */
  List<DnsEvent> releaseAll() {
    List<DnsEvent> released = new ArrayList<>(byArrival.size());
    while (!byArrival.isEmpty()) {
      released.add(removeOldest());
    }
    return released;
  }

  int waiting() {
    return byArrival.size();
  }

  private DnsEvent removeOldest() {
    Iterator<Map.Entry<Long, Waiting>> oldest = byArrival.entrySet().iterator();
    Waiting waiting = oldest.next().getValue();
    oldest.remove();
    ArrayDeque<Long> ids = byTransaction.get(waiting.transaction());
    ids.removeFirst();
    if (ids.isEmpty()) {
      byTransaction.remove(waiting.transaction());
    }
    return waiting.query();
  }
}
