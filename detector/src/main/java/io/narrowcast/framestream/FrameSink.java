package io.narrowcast.framestream;

/**
 * What a stream's frames become. {@code origin} names the stream and the frame's position in it
 * ("dnstap.fstrm#12"), for dead letters. Called from the thread reading the stream.
 */
public interface FrameSink {
  /** A data frame's payload. */
  void data(byte[] payload, String origin);

  /** A data frame that was too long to read; its bytes were skipped. */
  void oversized(long length, String origin);

  /** The stream broke the protocol here and was abandoned; what followed is lost. */
  void broken(String detail, String origin);
}
