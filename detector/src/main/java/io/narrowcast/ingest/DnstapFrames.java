package io.narrowcast.ingest;

import io.narrowcast.framestream.FrameSink;

/** Decodes dnstap data frames and routes what they hold; a broken or oversized frame is a dead letter. */
public final class DnstapFrames implements FrameSink {
  private static final byte[] NOTHING = new byte[0];

  private final DnstapDecoder decoder;
  private final RecordRouter router;

  public DnstapFrames(DnstapDecoder decoder, RecordRouter router) {
    this.decoder = decoder;
    this.router = router;
  }

  @Override
  public void data(byte[] payload, String origin) {
    router.route(() -> decoder.decode(payload), () -> payload, origin);
  }

  @Override
  public void oversized(long length, String origin) {
    router.reject(() -> NOTHING, RejectReason.RECORD_TOO_LARGE, "data frame of " + length + " bytes", origin);
  }

  @Override
  public void broken(String detail, String origin) {
    router.cutShort(origin, "frame stream broken, the rest is lost: " + detail, origin);
  }
}
