package io.narrowcast.cli;

/** Ranges that flag types alone do not enforce, checked before a command starts anything. */
final class Checks {
  static final int MAX_PORT = 65_535;

  private Checks() {}

  static void atLeast(String flag, long value, long minimum) {
    if (value < minimum) {
      throw new UserException(flag + " must be at least " + minimum + ", not " + value);
    }
  }

  /** A TCP port to listen on. */
  static int port(String flag, int port) {
    if (port < 1 || port > MAX_PORT) {
      throw new UserException(flag + " must be a port from 1 to " + MAX_PORT + ", not " + port);
    }
    return port;
  }

  /** The port after {@code port}, where the embedded broker's controller listens. */
  static int controllerPort(String flag, int port) {
    if (port(flag, port) == MAX_PORT) {
      throw new UserException(flag + " " + port + " leaves no port for the controller, which listens on the next one: "
          + "give at most " + (MAX_PORT - 1));
    }
    return port + 1;
  }
}
