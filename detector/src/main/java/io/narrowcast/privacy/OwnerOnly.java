package io.narrowcast.privacy;

import static java.nio.file.attribute.PosixFilePermission.GROUP_EXECUTE;
import static java.nio.file.attribute.PosixFilePermission.GROUP_READ;
import static java.nio.file.attribute.PosixFilePermission.GROUP_WRITE;
import static java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE;
import static java.nio.file.attribute.PosixFilePermission.OTHERS_READ;
import static java.nio.file.attribute.PosixFilePermission.OTHERS_WRITE;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Owner-only places on a POSIX file system: the directories that hold DNS data (a broker's log
 * segments, state stores, a replay's scratch space) and the files that hold secrets are no business
 * of other users. Elsewhere (no POSIX permissions) the file system's defaults apply.
 */
public final class OwnerOnly {
  private static final Set<PosixFilePermission> GROUP_OR_OTHERS =
      EnumSet.of(GROUP_READ, GROUP_WRITE, GROUP_EXECUTE, OTHERS_READ, OTHERS_WRITE, OTHERS_EXECUTE);

  private OwnerOnly() {}

  /** Creates {@code dir} and its missing parents rwx------; an existing directory is left as it is. */
  public static Path createDirectories(Path dir) throws IOException {
    if (!isPosix(dir)) {
      return Files.createDirectories(dir);
    }
    return Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
  }

  /**
   * The permissions of {@code path}, as {@code ls} shows them (rw-r--r--), when they let its group or
   * other users in at all; empty when they do not, or the file system has no POSIX permissions.
   */
  public static Optional<String> openToOthers(Path path) throws IOException {
    if (!isPosix(path)) {
      return Optional.empty();
    }
    Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
    return Collections.disjoint(permissions, GROUP_OR_OTHERS) ? Optional.empty()
        : Optional.of(PosixFilePermissions.toString(permissions));
  }

  private static boolean isPosix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
