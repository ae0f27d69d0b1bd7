package io.narrowcast.ingest;

/** An input record that cannot become a {@code DnsEvent}; carries the reason from the fixed list. */
public class InvalidRecordException extends Exception {
  private final RejectReason reason;

  public InvalidRecordException(RejectReason reason, String detail) {
    super(detail);
    this.reason = reason;
  }

  public RejectReason reason() {
    return reason;
  }
}
