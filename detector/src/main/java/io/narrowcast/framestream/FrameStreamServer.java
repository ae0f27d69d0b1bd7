package io.narrowcast.framestream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts Frame Streams writers (resolvers) on a TCP or unix socket and serves each on its own
 * thread with the bidirectional handshake. Every data frame goes to one shared {@link FrameSink},
 * which must therefore be thread-safe.
 */
public final class FrameStreamServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FrameStreamServer.class);
  private static final long CLOSE_WAIT_SECONDS = 10;

  private final ServerSocketChannel server;
  private final ListenAddress bound;
  private final String contentType;
  private final FrameSink sink;
  private final ExecutorService workers;
  private final Set<SocketChannel> connections = ConcurrentHashMap.newKeySet();
  private final AtomicInteger accepted = new AtomicInteger();
  private final Thread acceptor;

  private FrameStreamServer(ServerSocketChannel server, ListenAddress bound, String contentType, FrameSink sink) {
    this.server = server;
    this.bound = bound;
    this.contentType = contentType;
    this.sink = sink;
    this.workers = Executors.newCachedThreadPool(daemon("framestream-connection"));
    this.acceptor = daemon("framestream-accept").newThread(this::acceptLoop);
  }

  /**
   * Binds {@code address} (a stale unix socket file is replaced) and starts accepting.
   *
   * @throws IllegalArgumentException when a unix socket's path holds a file, directory or link: not ours to delete
   * @throws UncheckedIOException when the address cannot be bound
   */
  public static FrameStreamServer start(ListenAddress address, String contentType, FrameSink sink) {
    try {
      ServerSocketChannel channel;
      if (address.address() instanceof UnixDomainSocketAddress unix) {
        replaceStaleSocket(unix.getPath());
        channel = ServerSocketChannel.open(address.family());
      } else {
        channel = ServerSocketChannel.open();
      }
      channel.bind(address.address());
      FrameStreamServer server = new FrameStreamServer(channel, new ListenAddress(channel.getLocalAddress()), contentType, sink);
      server.acceptor.start();
      LOG.info("listening for {} on {}", contentType, server.bound);
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + address + ": " + e.getMessage(), e);
    }
  }

  /** Deletes what an earlier listener left at {@code path}: a socket (an "other" file), never a regular one. */
  private static void replaceStaleSocket(Path path) throws IOException {
    if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      if (!Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther()) {
        throw new IllegalArgumentException("cannot listen on unix:" + path + ": it exists and is not a socket; give a path of its own");
      }
      Files.delete(path);
    }
  }

  /** The address actually bound: with port 0 asked for, the port chosen. */
  public ListenAddress address() {
    return bound;
  }

  private void acceptLoop() {
    while (server.isOpen()) {
      try {
        SocketChannel connection = server.accept();
        connections.add(connection);
        String name = bound + "/" + accepted.incrementAndGet();
        workers.execute(() -> serve(connection, name));
      } catch (ClosedChannelException e) {
        return; // closed by close()
      } catch (IOException e) {
        LOG.warn("accepting on {} failed: {}", bound, e.getMessage());
      }
    }
  }

  private void serve(SocketChannel connection, String name) {
    LOG.info("{}: writer connected", name);
    try (connection) {
      FrameStreams.serveBidirectional(Channels.newInputStream(connection), Channels.newOutputStream(connection),
          contentType, name, sink);
    } catch (IOException e) {
      LOG.debug("{}: closing failed: {}", name, e.getMessage());
    } finally {
      connections.remove(connection);
      LOG.info("{}: writer disconnected", name);
    }
  }

  /** Stops accepting, closes every connection and waits for their threads. */
  @Override
  public void close() {
    try {
      server.close();
      for (SocketChannel connection : connections) {
        connection.close();
      }
      acceptor.join(TimeUnit.SECONDS.toMillis(CLOSE_WAIT_SECONDS));
      workers.shutdown();
      if (!workers.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
        LOG.warn("connections on {} did not end within {} s", bound, CLOSE_WAIT_SECONDS);
      }
      if (bound.address() instanceof UnixDomainSocketAddress unix) {
        Files.deleteIfExists(unix.getPath());
      }
    } catch (IOException e) {
      LOG.warn("closing {} failed: {}", bound, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
