package io.narrowcast.framestream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameStreamsTest {
  static final String TYPE = "protobuf:dnstap.Dnstap";

  /** "origin payload" for data, "origin oversized N" and "origin broken detail". */
  static final class Recording implements FrameSink {
    final List<String> seen = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void data(byte[] payload, String origin) {
      seen.add(origin + " " + new String(payload, StandardCharsets.UTF_8));
    }

    @Override
    public void oversized(long length, String origin) {
      seen.add(origin + " oversized " + length);
    }

    @Override
    public void broken(String detail, String origin) {
      seen.add(origin + " broken " + detail);
    }
  }

  static byte[] file(String contentType, String... payloads) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    FrameStreamWriter writer = new FrameStreamWriter(bytes).control(ControlType.START, List.of(contentType));
    for (String payload : payloads) {
      writer.data(payload.getBytes(StandardCharsets.UTF_8));
    }
    writer.control(ControlType.STOP, List.of()).flush();
    return bytes.toByteArray();
  }

  static List<byte[]> bytes(String... payloads) {
    return java.util.Arrays.stream(payloads).map(p -> p.getBytes(StandardCharsets.UTF_8)).toList();
  }

  static List<String> read(byte[] stream) throws IOException {
    Recording sink = new Recording();
    FrameStreams.readUnidirectional(new ByteArrayInputStream(stream), TYPE, "f", sink);
    return sink.seen;
  }

  @Nested
  class Files {
    @Test
    void dataFramesBetweenStartAndStop() throws IOException {
      assertThat(read(file(TYPE, "one", "two", "three"))).containsExactly("f#2 one", "f#3 two", "f#4 three");
    }

    @Test
    void anotherContentTypeIsBroken() throws IOException {
      assertThat(read(file("protobuf:other", "one"))).containsExactly(
          "f#1 broken stream of [protobuf:other], expected " + TYPE);
    }

    @Test
    void aStreamCutInsideAFrameKeepsWhatCameBefore() throws IOException {
      byte[] whole = file(TYPE, "one", "two");
      byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 14); // STOP is 12 bytes: this cuts into "two"
      assertThat(read(cut)).containsExactly("f#2 one", "f#3 broken stream ends inside frame 3");
    }

    @Test
    void aFrameOverTheLimitIsSkippedAndTheNextOneRead() throws IOException {
      String big = "x".repeat(FrameStreams.DEFAULT_MAX_DATA_FRAME + 1);
      assertThat(read(file(TYPE, big, "after"))).containsExactly(
          "f#2 oversized " + (FrameStreams.DEFAULT_MAX_DATA_FRAME + 1), "f#3 after");
    }

    @Test
    void noStartIsBrokenAndAnEmptyFileIsNothing() throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      new FrameStreamWriter(bytes).data("x".getBytes(StandardCharsets.UTF_8)).flush();
      assertThat(read(bytes.toByteArray())).containsExactly("f#1 broken expected START, got a data frame");
      assertThat(read(new byte[0])).isEmpty();
    }

    @Test
    void anOverlongControlFrameIsBroken() throws IOException {
      byte[] bad = {0, 0, 0, 0, 0, 0, 0x10, 0, 0, 0, 0, 2};
      assertThat(read(bad)).containsExactly("f#1 broken control frame of 4096 bytes, expected 4 to 512");
    }
  }

  @Nested
  class Handshake {
    @Test
    void overTcpOnLoopback() throws IOException {
      Recording sink = new Recording();
      try (FrameStreamServer server = FrameStreamServer.start(ListenAddress.parse("tcp://127.0.0.1:0"), TYPE, sink);
          SocketChannel client = SocketChannel.open(server.address().address())) {
        assertThat(((InetSocketAddress) server.address().address()).getAddress().isLoopbackAddress()).isTrue();
        FrameStreamClient.send(client, List.of(TYPE), TYPE, bytes("first", "second"));
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.seen.size() == 2);
        assertThat(sink.seen).containsExactly(server.address() + "/1#3 first", server.address() + "/1#4 second");
      }
    }

    @Test
    void overAUnixSocket(@TempDir Path dir) throws IOException {
      Recording sink = new Recording();
      Path socket = dir.resolve("dnstap.sock");
      try (FrameStreamServer server = FrameStreamServer.start(ListenAddress.parse("unix:" + socket), TYPE, sink);
          SocketChannel client = SocketChannel.open(StandardProtocolFamily.UNIX)) {
        client.connect(UnixDomainSocketAddress.of(socket));
        FrameStreamClient.send(client, List.of("protobuf:other", TYPE), TYPE, bytes("only"));
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.seen.size() == 1);
        assertThat(sink.seen).containsExactly(server.address() + "/1#3 only");
        assertThat(server.address()).hasToString("unix:" + socket);
      }
      assertThat(socket).doesNotExist();
    }

    @Test
    void aFileWhereTheSocketShouldBeIsLeftAlone(@TempDir Path dir) throws IOException {
      Path file = java.nio.file.Files.writeString(dir.resolve("queries.log"), "keep me\n");
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> FrameStreamServer.start(ListenAddress.parse("unix:" + file), TYPE, new Recording()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("cannot listen on unix:" + file + ": it exists and is not a socket; give a path of its own");
      assertThat(file).hasContent("keep me");
    }

    @Test
    void aWriterOfAnotherContentTypeIsNotAccepted() throws IOException {
      Recording sink = new Recording();
      try (FrameStreamServer server = FrameStreamServer.start(ListenAddress.parse("tcp://127.0.0.1:0"), TYPE, sink);
          SocketChannel client = SocketChannel.open(server.address().address())) {
        new FrameStreamWriter(Channels.newOutputStream(client)).control(ControlType.READY, List.of("protobuf:other")).flush();
        assertThat(Channels.newInputStream(client).read()).isEqualTo(-1); // closed without ACCEPT
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.seen.size() == 1);
        assertThat(sink.seen.get(0)).endsWith("broken writer offers [protobuf:other], expected " + TYPE);
      }
    }
  }

  @Test
  void listenAddresses() {
    assertThat(ListenAddress.parse("tcp://127.0.0.1:6000")).hasToString("tcp://127.0.0.1:6000");
    assertThat(ListenAddress.parse("tcp://[::1]:6000")).hasToString("tcp://[0:0:0:0:0:0:0:1]:6000");
    assertThat(ListenAddress.parse("unix:/run/dnstap.sock")).hasToString("unix:/run/dnstap.sock");
    for (String bad : List.of("127.0.0.1:6000", "tcp://127.0.0.1", "tcp://127.0.0.1:70000", "unix:", "udp://x:1")) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> ListenAddress.parse(bad))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a listen address");
    }
  }
}
