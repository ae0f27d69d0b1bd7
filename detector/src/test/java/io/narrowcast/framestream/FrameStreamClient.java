package io.narrowcast.framestream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.util.List;

/** The writer's side of the bidirectional handshake, as a resolver speaks it, for tests. */
public final class FrameStreamClient {
  private FrameStreamClient() {}

  /**
   * Offers {@code offered}, expects ACCEPT of {@code contentType}, sends the payloads between START
   * and STOP, and expects FINISH.
   *
   * @throws IllegalStateException when the reader answers anything else
   */
  public static void send(SocketChannel connection, List<String> offered, String contentType, List<byte[]> payloads)
      throws IOException {
    FrameStreamWriter writer = new FrameStreamWriter(Channels.newOutputStream(connection));
    InputStream in = Channels.newInputStream(connection);
    FrameStreamReader reader = new FrameStreamReader(in, FrameStreams.DEFAULT_MAX_DATA_FRAME);
    writer.control(ControlType.READY, offered).flush();
    expect(reader.next(), new Frame.Control(ControlType.ACCEPT, List.of(contentType)));
    writer.control(ControlType.START, List.of(contentType));
    for (byte[] payload : payloads) {
      writer.data(payload);
    }
    writer.control(ControlType.STOP, List.of()).flush();
    expect(reader.next(), new Frame.Control(ControlType.FINISH, List.of()));
  }

  private static void expect(Frame actual, Frame expected) {
    if (!expected.equals(actual)) {
      throw new IllegalStateException("expected " + expected + ", got " + actual);
    }
  }
}
