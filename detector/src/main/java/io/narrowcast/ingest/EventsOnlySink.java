package io.narrowcast.ingest;

/**
 * A sink that takes accepted events alone: what ingest refused is counted by its summary, and nothing
 * is buffered, so there is nothing to flush or close.
 */
public abstract class EventsOnlySink implements EventSink {
  @Override
  public void deadLetter(byte[] raw, RejectReason reason, String detail, String origin) {}

  @Override
  public void flush() {}

  @Override
  public void close() {}
}
