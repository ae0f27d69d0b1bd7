package io.narrowcast.follow;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;
import java.util.zip.CRC32;

/**
 * Saves one small properties file per followed file in a state directory, named after the file and
 * a hash of its absolute path. A save replaces the file atomically, so a crash leaves the old or the
 * new position, never half of one.
 */
public final class PositionStore {
  private static final String VERSION = "1";
  private final Path directory;
  private final boolean saves;

  private PositionStore(Path directory, boolean saves) {
    this.directory = directory;
    this.saves = saves;
  }

  /** The positions kept in {@code directory}, created at the first save. */
  public static PositionStore in(Path directory) {
    return new PositionStore(directory, true);
  }

  /**
   * The positions saved in {@code directory}, never changed: a dry run resumes where the last real
   * run stopped, and the next real run still reads what the dry run only looked at.
   */
  public static PositionStore readOnly(Path directory) {
    return new PositionStore(directory, false);
  }

  Optional<Position> load(Path followed) throws IOException {
    Path file = stateFile(followed);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      p.load(in);
    }
    if (!VERSION.equals(p.getProperty("version"))) {
      throw new IOException("unknown position file version in " + file + ": " + p.getProperty("version"));
    }
    try {
      return Optional.of(new Position(p.getProperty("file-key"), Long.parseLong(p.getProperty("offset")),
          Long.parseLong(p.getProperty("line")), Integer.parseInt(p.getProperty("head-length")),
          Long.parseLong(p.getProperty("head-crc32"))));
    } catch (NumberFormatException | NullPointerException e) {
      throw new IOException("corrupt position file " + file + " (delete it to read the file from its start)", e);
    }
  }

  void save(Path followed, Position position) throws IOException {
    if (!saves) {
      return;
    }
    Files.createDirectories(directory);
    Properties p = new Properties();
    p.setProperty("version", VERSION);
    p.setProperty("path", followed.toAbsolutePath().toString());
    p.setProperty("file-key", position.fileKey());
    p.setProperty("offset", Long.toString(position.offset()));
    p.setProperty("line", Long.toString(position.line()));
    p.setProperty("head-length", Integer.toString(position.headLength()));
    p.setProperty("head-crc32", Long.toString(position.headChecksum()));
    Path target = stateFile(followed);
    Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
    try (OutputStream out = Files.newOutputStream(temporary)) {
      p.store(out, "narrowcast ingest --follow position");
    }
    try {
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private Path stateFile(Path followed) {
    CRC32 crc = new CRC32();
    crc.update(followed.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
    return directory.resolve(followed.getFileName() + "-" + Long.toHexString(crc.getValue()) + ".position");
  }
}
