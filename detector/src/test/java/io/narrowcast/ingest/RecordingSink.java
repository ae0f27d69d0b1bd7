package io.narrowcast.ingest;

import io.narrowcast.avro.DnsEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Keeps what ingest sends, for assertions; safe to read while another thread ingests. */
public final class RecordingSink implements EventSink {
  public final List<String> keys = Collections.synchronizedList(new ArrayList<>());
  public final List<DnsEvent> events = Collections.synchronizedList(new ArrayList<>());
  /** "origin reason raw" of each dead letter. */
  public final List<String> deadLetters = Collections.synchronizedList(new ArrayList<>());
  /** The bytes of each dead letter, as sent. */
  public final List<byte[]> rawDeadLetters = Collections.synchronizedList(new ArrayList<>());
  /** The detail of each dead letter. */
  public final List<String> details = Collections.synchronizedList(new ArrayList<>());

  @Override
  public void event(String key, DnsEvent event) {
    keys.add(key);
    events.add(event);
  }

  @Override
  public void deadLetter(byte[] raw, RejectReason reason, String detail, String origin) {
    deadLetters.add(origin + " " + reason.label() + " " + new String(raw, StandardCharsets.UTF_8));
    rawDeadLetters.add(raw);
    details.add(detail);
  }

  /** The query names of the events so far, in order. */
  public List<String> queries() {
    synchronized (events) {
      return events.stream().map(DnsEvent::getQuery).toList();
    }
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}
}
