package io.narrowcast.topology;

import io.narrowcast.avro.DnsEvent;

/** What the decode step made of a record on dns.events. */
sealed interface Decoded {
  /** A normalized event; {@code rekey} when it must be repartitioned by the domain it counts under. */
  record Event(DnsEvent event, boolean rekey) implements Decoded {}

  /** A record that is not a valid event: its original bytes, with the reason in the headers. */
  record Dead(byte[] raw) implements Decoded {}

  /** A heartbeat that advances event time; see {@link io.narrowcast.topics.Control}. */
  record Tick() implements Decoded {}
}
