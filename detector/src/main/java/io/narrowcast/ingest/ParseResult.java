package io.narrowcast.ingest;

import io.narrowcast.avro.DnsEvent;

/** What a parser made of one input line. */
public sealed interface ParseResult {
  /** A DNS event, not yet normalized. */
  record Parsed(DnsEvent event) implements ParseResult {}

  /**
   * One half of a DNS transaction that the sensor logs as two records, a query and later its
   * response (Suricata, dnstap). Halves with the same {@code transaction} are joined into one event
   * before it counts; see {@link Transactions}.
   */
  record Half(DnsEvent event, String transaction, boolean response) implements ParseResult {}

  /** A line that should have been an event and is not; goes to the dead-letter topic. */
  record Rejected(RejectReason reason, String detail) implements ParseResult {}

  /** A well-formed line that is not a DNS query we watch (mDNS, NetBIOS, another log stream). */
  record Skipped(String why) implements ParseResult {}

  /** A header, comment or blank line: not a record, not counted. */
  record Meta() implements ParseResult {}

  /** The single {@link Meta} instance. */
  ParseResult META = new Meta();

  static ParseResult rejected(InvalidRecordException e) {
    return new Rejected(e.reason(), e.getMessage());
  }
}
