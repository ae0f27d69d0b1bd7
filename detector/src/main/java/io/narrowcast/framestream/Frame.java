package io.narrowcast.framestream;

import java.util.List;

/** One frame of a Frame Streams stream. */
public sealed interface Frame {
  /** A data frame: one payload of the stream's content type. */
  record Data(byte[] payload) implements Frame {}

  /** A control frame and the content types it names (often none or one). */
  record Control(ControlType type, List<String> contentTypes) implements Frame {
    public Control {
      contentTypes = List.copyOf(contentTypes);
    }
  }

  /** A data frame longer than the reader accepts; its bytes were skipped, the stream stays in step. */
  record Oversized(long length) implements Frame {}
}
