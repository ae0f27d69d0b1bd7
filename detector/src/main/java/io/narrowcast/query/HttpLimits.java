package io.narrowcast.query;

import java.time.Duration;

/**
 * What bounds the HTTP endpoint, so that slow or many clients cannot starve the probes.
 *
 * @param headTimeout how long a connection may take, from its opening, to send its request line and headers;
 *     then it is closed (a client that sends nothing, or a byte at a time)
 * @param idleTimeout how long a connection may make no progress reading or writing (a client that never
 *     reads its answer)
 * @param maxHeadBytes the largest request line and headers together; larger is answered 431
 * @param maxConnections open connections beyond this wait to be accepted until one closes
 * @param maxRequests {@code /metrics} and {@code /api/} requests served at once; more are answered 503 at once
 *     (the probes never count and never wait)
 */
public record HttpLimits(Duration headTimeout, Duration idleTimeout, int maxHeadBytes, int maxConnections,
    int maxRequests) {
  /** The detector's bounds: generous for any real client, short against a slow one. */
  public static final HttpLimits DEFAULT = new HttpLimits(Duration.ofSeconds(5), Duration.ofSeconds(10), 8 * 1024, 512, 16);

  /** Checks every bound. */
  public HttpLimits {
    if (headTimeout.isNegative() || headTimeout.isZero() || idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("timeouts must be positive: head " + headTimeout + ", idle " + idleTimeout);
    }
    if (maxHeadBytes < 1 || maxConnections < 1 || maxRequests < 1) {
      throw new IllegalArgumentException("limits must be at least 1: head bytes " + maxHeadBytes + ", connections "
          + maxConnections + ", requests " + maxRequests);
    }
  }
}
