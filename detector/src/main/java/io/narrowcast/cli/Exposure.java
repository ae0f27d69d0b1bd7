package io.narrowcast.cli;

import io.narrowcast.privacy.OwnerOnly;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A secret or DNS data in a place other users can get into: a warning on standard error, one line,
 * as ssh gives for an open key file; the command goes on and the permissions stay as they are.
 */
final class Exposure {
  private Exposure() {}

  /**
   * Warns when the group or other users have any permission on {@code path}, the value of {@code flag}.
   *
   * @param mode the owner-only mode that fixes it, for chmod (600 for a file, 700 for a directory)
   */
  static void warn(Path path, String flag, String mode) throws IOException {
    OwnerOnly.openToOthers(path).ifPresent(permissions -> System.err.printf(
        "warning: %s %s is open to other users (%s); make it owner-only: chmod %s %s%n", flag, path, permissions, mode, path));
  }
}
