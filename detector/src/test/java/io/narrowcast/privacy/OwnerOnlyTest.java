package io.narrowcast.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OwnerOnlyTest {
  @TempDir
  Path dir;

  @Test
  void aNewDirectoryAndItsMissingParentsAreOwnerOnly() throws Exception {
    Path data = OwnerOnly.createDirectories(dir.resolve("var").resolve("data"));

    assertThat(permissions(data)).isEqualTo("rwx------");
    assertThat(permissions(data.getParent())).isEqualTo("rwx------");
  }

  @Test
  void anExistingDirectoryKeepsItsPermissions() throws Exception {
    Path shared = Files.createDirectory(dir.resolve("shared"));
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-xr-x"));

    OwnerOnly.createDirectories(shared);

    assertThat(permissions(shared)).isEqualTo("rwxr-xr-x");
  }

  @ParameterizedTest
  @ValueSource(strings = {"rw-------", "r--------", "rwx------"})
  void whatOnlyItsOwnerCanGetIntoIsNotOpen(String mode) throws Exception {
    assertThat(OwnerOnly.openToOthers(fileWith(mode))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"rw-r--r--", "rw-r-----", "rw----r--", "rw-----w-", "rwx--x--x"})
  void anyPermissionOfTheGroupOrOthersIsOpenAndShownAsLsShowsIt(String mode) throws Exception {
    assertThat(OwnerOnly.openToOthers(fileWith(mode))).contains(mode);
  }

  private Path fileWith(String mode) throws Exception {
    Path file = Files.createTempFile(dir, "key", null);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
    return file;
  }

  private static String permissions(Path path) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }
}
