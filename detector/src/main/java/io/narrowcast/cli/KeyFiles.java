package io.narrowcast.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files a user names with an option and that hold a secret (a token, a key): unreadable or unfit is a one-line mistake. */
final class KeyFiles {
  private KeyFiles() {}

  /** Reads a secret from a file. */
  @FunctionalInterface
  interface Reader<T> {
    /**
     * @throws IllegalArgumentException when the content is unfit, with a message for the user
     */
    T read(Path file) throws IOException;
  }

  /**
   * What {@code reader} makes of {@code file}; a file other users can get into is a warning.
   *
   * @throws UserException naming {@code option} when the file cannot be read or its content is unfit
   */
  static <T> T read(Path file, String option, Reader<T> reader) throws IOException {
    requireReadable(file, option);
    T secret;
    try {
      secret = reader.read(file);
    } catch (IllegalArgumentException e) {
      throw new UserException(option + ": " + e.getMessage());
    }
    Exposure.warn(file, option, "600"); // a file that is refused anyway gets its one line of error only
    return secret;
  }

  /**
   * @throws UserException naming {@code option} when {@code file} is not a readable file
   */
  static void requireReadable(Path file, String option) {
    if (!Files.isReadable(file) || Files.isDirectory(file)) {
      throw new UserException(option + ": cannot read " + file);
    }
  }
}
