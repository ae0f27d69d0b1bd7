package io.narrowcast.framestream;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;

/**
 * Where a listener binds, written {@code tcp://HOST:PORT} or {@code unix:/path/to/socket}.
 *
 * @param address the socket address (an {@link InetSocketAddress} or a {@link UnixDomainSocketAddress})
 */
public record ListenAddress(SocketAddress address) {
  private static final String TCP = "tcp://";
  private static final String UNIX = "unix:";
  private static final int MAX_PORT = 65_535;

  /**
   * Parses the written form.
   *
   * @throws IllegalArgumentException with a message that shows the accepted forms
   */
  public static ListenAddress parse(String text) {
    if (text.startsWith(UNIX) && text.length() > UNIX.length()) {
      return new ListenAddress(UnixDomainSocketAddress.of(Path.of(text.substring(UNIX.length()))));
    }
    if (text.startsWith(TCP)) {
      String hostPort = text.substring(TCP.length());
      int colon = hostPort.lastIndexOf(':');
      if (colon > 0) {
        String host = hostPort.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
          host = host.substring(1, host.length() - 1);
        }
        try {
          int port = Integer.parseInt(hostPort.substring(colon + 1));
          if (port >= 0 && port <= MAX_PORT) {
            return new ListenAddress(new InetSocketAddress(host, port));
          }
        } catch (NumberFormatException e) {
          // falls through to the message below
        }
      }
    }
    throw new IllegalArgumentException("'" + text + "' is not a listen address: use tcp://127.0.0.1:PORT or unix:/path/to/socket");
  }

  public StandardProtocolFamily family() {
    return address instanceof UnixDomainSocketAddress ? StandardProtocolFamily.UNIX : null;
  }

  @Override
  public String toString() {
    if (address instanceof UnixDomainSocketAddress unix) {
      return UNIX + unix.getPath();
    }
    InetSocketAddress inet = (InetSocketAddress) address;
    String host = inet.getAddress() == null ? inet.getHostString() : inet.getAddress().getHostAddress();
    return TCP + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + inet.getPort();
  }
}
