package io.narrowcast.cli;

/** A mistake the user can fix (a missing file, a bad combination of flags): one line, no stack trace. */
public class UserException extends RuntimeException {
  public UserException(String message) {
    super(message);
  }
}
