package io.narrowcast.state;

/** Stored state that does not decode: a bug or a foreign writer, never user input. */
public class CorruptStateException extends IllegalStateException {
  public CorruptStateException(String message) {
    super(message);
  }
}
