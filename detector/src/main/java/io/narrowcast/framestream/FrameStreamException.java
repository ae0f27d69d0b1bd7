package io.narrowcast.framestream;

import java.io.IOException;

/** The bytes do not follow the Frame Streams protocol; the stream cannot be read further. */
public class FrameStreamException extends IOException {
  public FrameStreamException(String message) {
    super(message);
  }
}
