package io.narrowcast.framestream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two Frame Streams sessions a reader takes part in: a unidirectional stream (a file: START,
 * data, STOP) and the bidirectional handshake of a socket (READY, ACCEPT, START, data, STOP, FINISH).
 * A protocol violation ends the stream and is reported to the sink once; only failures of the
 * stream itself (a read error, a closed connection) throw.
 */
public final class FrameStreams {
  /** Longest data frame read by default; dnstap messages carry at most two 64 KiB DNS messages. */
  public static final int DEFAULT_MAX_DATA_FRAME = 1 << 20;
  private static final Logger LOG = LoggerFactory.getLogger(FrameStreams.class);

  private FrameStreams() {}

  /** Reads a unidirectional stream, as resolvers write to files. */
  public static void readUnidirectional(InputStream in, String contentType, String name, FrameSink sink)
      throws IOException {
    FrameStreamReader reader = new FrameStreamReader(in, DEFAULT_MAX_DATA_FRAME);
    try {
      Frame first = reader.next();
      if (first == null) {
        return; // an empty file
      }
      if (!startsWith(first, contentType, name, reader, sink)) {
        return;
      }
      Frame.Control end = pump(reader, name, sink);
      if (end == null) {
        LOG.debug("{} ends without STOP (still being written, or cut short)", name);
      }
    } catch (FrameStreamException e) {
      sink.broken(e.getMessage(), origin(name, reader));
    }
  }

  /**
   * Serves one writer on a connection: accepts {@code contentType} in the handshake, reads its data
   * frames and answers its STOP with FINISH.
   */
  public static void serveBidirectional(InputStream in, OutputStream out, String contentType, String name, FrameSink sink)
      throws IOException {
    FrameStreamReader reader = new FrameStreamReader(in, DEFAULT_MAX_DATA_FRAME);
    FrameStreamWriter writer = new FrameStreamWriter(out);
    try {
      Frame ready = reader.next();
      if (ready == null) {
        return;
      }
      if (!(ready instanceof Frame.Control control && control.type() == ControlType.READY)) {
        sink.broken("expected READY, got " + describe(ready), origin(name, reader));
        return;
      }
      if (!offers(control, contentType)) {
        sink.broken("writer offers " + control.contentTypes() + ", expected " + contentType, origin(name, reader));
        return;
      }
      writer.control(ControlType.ACCEPT, List.of(contentType)).flush();
      Frame start = reader.next();
      if (start == null || !startsWith(start, contentType, name, reader, sink)) {
        return;
      }
      Frame.Control end = pump(reader, name, sink);
      if (end == null) {
        LOG.info("{}: the writer closed the connection without STOP", name);
        return;
      }
      writer.control(ControlType.FINISH, List.of()).flush();
    } catch (FrameStreamException e) {
      sink.broken(e.getMessage(), origin(name, reader));
    }
  }

  /** Hands data frames to the sink until STOP (returned) or the end of the stream (null). */
  private static Frame.Control pump(FrameStreamReader reader, String name, FrameSink sink) throws IOException {
    Frame frame;
    while ((frame = reader.next()) != null) {
      if (frame instanceof Frame.Data data) {
        sink.data(data.payload(), origin(name, reader));
      } else if (frame instanceof Frame.Oversized oversized) {
        sink.oversized(oversized.length(), origin(name, reader));
      } else if (frame instanceof Frame.Control control) {
        if (control.type() == ControlType.STOP) {
          return control;
        }
        throw new FrameStreamException("unexpected " + control.type() + " among data frames");
      }
    }
    return null;
  }

  private static boolean startsWith(Frame frame, String contentType, String name, FrameStreamReader reader, FrameSink sink) {
    if (!(frame instanceof Frame.Control control && control.type() == ControlType.START)) {
      sink.broken("expected START, got " + describe(frame), origin(name, reader));
      return false;
    }
    if (!offers(control, contentType)) {
      sink.broken("stream of " + control.contentTypes() + ", expected " + contentType, origin(name, reader));
      return false;
    }
    return true;
  }

  /** A control frame that names no content type is taken to carry ours, as the reference library does. */
  private static boolean offers(Frame.Control control, String contentType) {
    return control.contentTypes().isEmpty() || control.contentTypes().contains(contentType);
  }

  private static String describe(Frame frame) {
    return frame instanceof Frame.Control control ? control.type().toString() : "a data frame";
  }

  private static String origin(String name, FrameStreamReader reader) {
    return name + "#" + reader.framesRead();
  }
}
