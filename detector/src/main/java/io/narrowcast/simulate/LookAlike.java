package io.narrowcast.simulate;

/**
 * A label for benign traffic that resembles an anomaly and must not raise an alert: its class
 * ("cdn-rotation", "dga-walker", ...) and a regular expression matching its names.
 */
public record LookAlike(String lookAlikeClass, String namePattern) {
  public boolean matches(String domain) {
    return domain.matches(namePattern);
  }
}
