package io.narrowcast.framestream;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Encodes frames: the reader's replies in a handshake, and whole streams for writers. */
public final class FrameStreamWriter {
  private final DataOutputStream out;

  public FrameStreamWriter(OutputStream out) {
    this.out = new DataOutputStream(out);
  }

  /** A control frame naming {@code contentTypes} (none, or as many as the frame holds). */
  public FrameStreamWriter control(ControlType type, List<String> contentTypes) throws IOException {
    int length = 4;
    for (String contentType : contentTypes) {
      length += 8 + contentType.getBytes(StandardCharsets.UTF_8).length;
    }
    if (length > FrameStreamReader.MAX_CONTROL_FRAME) {
      throw new IllegalArgumentException("control frame of " + length + " bytes exceeds " + FrameStreamReader.MAX_CONTROL_FRAME);
    }
    out.writeInt(0);
    out.writeInt(length);
    out.writeInt(type.code());
    for (String contentType : contentTypes) {
      byte[] bytes = contentType.getBytes(StandardCharsets.UTF_8);
      out.writeInt(FrameStreamReader.FIELD_CONTENT_TYPE);
      out.writeInt(bytes.length);
      out.write(bytes);
    }
    return this;
  }

  /** A data frame; an empty payload cannot be sent, its length would be the control escape. */
  public FrameStreamWriter data(byte[] payload) throws IOException {
    if (payload.length == 0) {
      throw new IllegalArgumentException("a data frame cannot be empty");
    }
    out.writeInt(payload.length);
    out.write(payload);
    return this;
  }

  public void flush() throws IOException {
    out.flush();
  }
}
