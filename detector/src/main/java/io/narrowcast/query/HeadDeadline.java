package io.narrowcast.query;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a connection whose request head has not arrived within a bound of its opening. Jetty's idle timeout
 * starts again with every byte read, so without this a client sending its head a byte at a time would keep its
 * connection for hours. The endpoint serves one request per connection, so the first head is the only one.
 */
final class HeadDeadline implements Connection.Listener {
  private static final Logger LOG = LoggerFactory.getLogger(HeadDeadline.class);

  private final Scheduler scheduler;
  private final Duration bound;
  private final Set<Connection> waiting = ConcurrentHashMap.newKeySet();

  HeadDeadline(Scheduler scheduler, Duration bound) {
    this.scheduler = scheduler;
    this.bound = bound;
  }

  @Override
  public void onOpened(Connection connection) {
    waiting.add(connection);
    scheduler.schedule(() -> {
      if (waiting.remove(connection)) {
        LOG.debug("closing {}: no request head within {}", connection, bound);
        connection.close();
      }
    }, bound);
  }

  @Override
  public void onClosed(Connection connection) {
    waiting.remove(connection);
  }

  /** The request head on {@code connection} has arrived. */
  void arrived(Connection connection) {
    waiting.remove(connection);
  }
}
