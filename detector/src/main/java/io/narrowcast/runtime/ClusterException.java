package io.narrowcast.runtime;

/** The Kafka cluster refused or failed an operation the detector needs; the message says which. */
public class ClusterException extends RuntimeException {
  public ClusterException(String message, Throwable cause) {
    super(message, cause);
  }

  public ClusterException(String message) {
    super(message);
  }
}
