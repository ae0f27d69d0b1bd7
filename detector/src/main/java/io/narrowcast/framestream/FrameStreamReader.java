package io.narrowcast.framestream;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes frames from a byte stream. A frame is a 32-bit big-endian length and that many bytes; a
 * length of zero escapes a control frame: its own 32-bit length, a 32-bit control type, then fields
 * (32-bit field type, 32-bit length, bytes), of which only CONTENT_TYPE is defined.
 */
public final class FrameStreamReader {
  /** Longest control frame the protocol allows. */
  public static final int MAX_CONTROL_FRAME = 512;
  /** Longest content type the protocol allows. */
  public static final int MAX_CONTENT_TYPE = 256;
  /** The only control field type defined. */
  static final int FIELD_CONTENT_TYPE = 0x01;
  private static final int SKIP_CHUNK = 1 << 16;

  private final DataInputStream in;
  private final int maxDataFrame;
  private long framesRead;

  /** Reads from {@code in}; data frames longer than {@code maxDataFrame} bytes are skipped as {@link Frame.Oversized}. */
  public FrameStreamReader(InputStream in, int maxDataFrame) {
    this.in = new DataInputStream(in);
    this.maxDataFrame = maxDataFrame;
  }

  /**
   * The next frame, or null when the stream ends cleanly between frames.
   *
   * @throws FrameStreamException when the bytes break the protocol or end inside a frame
   */
  public Frame next() throws IOException {
    framesRead++; // the frame being read, as a failure names it
    try {
      int first = in.read();
      if (first < 0) {
        framesRead--; // there is none: the stream ends cleanly between frames
        return null;
      }
      long length = ((long) first << 24) | (readUnsigned24());
      if (length == 0) {
        return control();
      }
      if (length > maxDataFrame) {
        skip(length);
        return new Frame.Oversized(length);
      }
      byte[] payload = new byte[(int) length];
      in.readFully(payload);
      return new Frame.Data(payload);
    } catch (EOFException e) {
      // the bytes end inside the frame, or a stream beneath them (gzip) was cut short or is corrupt
      throw new FrameStreamException("stream ends inside frame " + framesRead + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    }
  }

  /** Frames read so far, data and control. */
  public long framesRead() {
    return framesRead;
  }

  private Frame.Control control() throws IOException {
    long length = readUnsigned32();
    if (length < 4 || length > MAX_CONTROL_FRAME) {
      throw new FrameStreamException("control frame of " + length + " bytes, expected 4 to " + MAX_CONTROL_FRAME);
    }
    byte[] body = new byte[(int) length];
    in.readFully(body);
    DataInputStream fields = new DataInputStream(new java.io.ByteArrayInputStream(body));
    int code = fields.readInt();
    ControlType type = ControlType.of(code);
    if (type == null) {
      throw new FrameStreamException("unknown control frame type " + code);
    }
    List<String> contentTypes = new ArrayList<>();
    int remaining = (int) length - 4;
    while (remaining > 0) {
      if (remaining < 8) {
        throw new FrameStreamException("truncated field in " + type + " frame");
      }
      int fieldType = fields.readInt();
      long fieldLength = Integer.toUnsignedLong(fields.readInt());
      remaining -= 8;
      if (fieldLength > remaining || fieldLength > MAX_CONTENT_TYPE) {
        throw new FrameStreamException("field of " + fieldLength + " bytes in a " + type + " frame");
      }
      byte[] value = new byte[(int) fieldLength];
      fields.readFully(value);
      remaining -= (int) fieldLength;
      if (fieldType == FIELD_CONTENT_TYPE) {
        contentTypes.add(new String(value, StandardCharsets.UTF_8));
      } // other field types are reserved: ignore them, as the reference library does
    }
    return new Frame.Control(type, contentTypes);
  }

  private int readUnsigned24() throws IOException {
    byte[] rest = new byte[3];
    in.readFully(rest);
    return ((rest[0] & 0xff) << 16) | ((rest[1] & 0xff) << 8) | (rest[2] & 0xff);
  }

  private long readUnsigned32() throws IOException {
    byte[] bytes = new byte[4];
    in.readFully(bytes);
    return ((long) (bytes[0] & 0xff) << 24) | ((bytes[1] & 0xff) << 16) | ((bytes[2] & 0xff) << 8) | (bytes[3] & 0xff);
  }

  private void skip(long length) throws IOException {
    long left = length;
    byte[] sink = new byte[(int) Math.min(SKIP_CHUNK, length)];
    while (left > 0) {
      int n = in.read(sink, 0, (int) Math.min(sink.length, left));
      if (n < 0) {
        throw new FrameStreamException("stream ends inside oversized frame " + framesRead);
      }
      left -= n;
    }
  }
}
