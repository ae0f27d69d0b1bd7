package io.narrowcast.ingest;

import io.narrowcast.avro.DnsEvent;

/** Where ingest sends what it parsed: good events and dead letters. */
public interface EventSink extends AutoCloseable {
  /** A normalized event, to be keyed by {@code key}. */
  void event(String key, DnsEvent event);

  /** An input record that was refused, with its original bytes. */
  void deadLetter(byte[] raw, RejectReason reason, String detail, String origin);

  /** Blocks until everything sent so far is stored; fails if anything was not. */
  void flush();

  @Override
  void close();
}
