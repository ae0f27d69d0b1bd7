package io.narrowcast.cli;

import io.narrowcast.privacy.OwnerOnly;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A file a command writes, and the checks of every output path: made before the command starts any
 * work, so that a path it cannot write is a one-line error, not an exception after a long replay.
 * The file is written beside its target and moved into place by {@link #commit()}, so a run that
 * fails leaves an existing file as it was; a device or a pipe (/dev/stdout) is written directly.
 */
final class OutputFile implements Closeable {
  private static final int BUFFER = 1 << 16;

  private final Path target;
  /** Where the bytes go until the commit; null when the target is written directly. */
  private final Path temporary;
  private final OutputStream out;
  private boolean committed;

  private OutputFile(Path target, Path temporary, OutputStream out) {
    this.target = target;
    this.temporary = temporary;
    this.out = new BufferedOutputStream(out, BUFFER);
  }

  /**
   * Opens {@code target}, the value of {@code flag}, for writing.
   *
   * @param inputs files the command reads, which the output must not be
   * @throws UserException when the target is an input, a directory, or cannot be created
   */
  static OutputFile open(Path target, String flag, List<Path> inputs) {
    String named = flag + " " + target;
    try {
      boolean exists = Files.exists(target);
      for (Path input : inputs) {
        if (exists && Files.isSameFile(target, input)) {
          throw new UserException(named + " is the input " + input + ": writing it would destroy what is read");
        }
      }
      if (Files.isDirectory(target)) {
        throw new UserException(named + " is a directory");
      }
      if (exists && !Files.isRegularFile(target)) {
        return new OutputFile(target, null, Files.newOutputStream(target));
      }
      // a symbolic link stays one: its file is replaced
      Path destination = exists ? target.toRealPath() : target.toAbsolutePath();
      Path directory = destination.getParent();
      if (!Files.isDirectory(directory)) {
        throw new UserException(named + ": there is no directory " + directory);
      }
      // one spelling for a new file too, so that two outputs naming it are seen to be one (sameFile)
      directory = directory.toRealPath();
      destination = directory.resolve(destination.getFileName());
      Path temporary = directory.resolve(
          "." + destination.getFileName() + "." + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
      OutputStream out = Files.newOutputStream(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      temporary.toFile().deleteOnExit(); // Ctrl-C leaves no half-written file behind
      return new OutputFile(destination, temporary, out);
    } catch (IOException e) {
      throw new UserException(named + ": cannot write it" + why(e));
    }
  }

  /**
   * Makes sure {@code dir}, the value of {@code flag}, is a directory this process can write in,
   * creating it when missing.
   *
   * @throws UserException when it is a file, or cannot be created or written in
   */
  static void requireDirectory(Path dir, String flag) {
    requireDirectory(dir, flag, Files::createDirectories);
  }

  /**
   * As {@link #requireDirectory(Path, String)}, for a directory that holds DNS data or a command's
   * state: created owner-only (rwx------ with its missing parents); one that exists is left as it is,
   * with a warning when other users can get into it.
   */
  static void requirePrivateDirectory(Path dir, String flag) {
    boolean existed = Files.isDirectory(dir);
    requireDirectory(dir, flag, OwnerOnly::createDirectories);
    if (existed) {
      try {
        Exposure.warn(dir, flag, "700");
      } catch (IOException e) {
        throw new UserException(flag + " " + dir + ": cannot read its permissions" + why(e));
      }
    }
  }

  /** Creates a directory and its missing parents. */
  private interface Creator {
    Path create(Path dir) throws IOException;
  }

  private static void requireDirectory(Path dir, String flag, Creator creator) {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new UserException(flag + " " + dir + " is not a directory");
    }
    try {
      creator.create(dir);
    } catch (IOException e) {
      throw new UserException(flag + " " + dir + ": cannot create it" + why(e));
    }
    if (!Files.isWritable(dir)) {
      throw new UserException(flag + " " + dir + ": cannot write in it");
    }
  }

  /** Whether this file and {@code other}, both files rather than devices, would be put in the same place. */
  boolean sameFile(OutputFile other) {
    return temporary != null && other.temporary != null && target.equals(other.target);
  }

  OutputStream stream() {
    return out;
  }

  /** Writes out what is buffered and puts the file in place of the target. */
  void commit() throws IOException {
    out.close();
    if (temporary != null) {
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
    }
    committed = true;
  }

  /** Without a commit, drops what was written and leaves the target as it was. */
  @Override
  public void close() throws IOException {
    if (!committed) {
      out.close();
      if (temporary != null) {
        Files.deleteIfExists(temporary);
      }
    }
  }

  /** The file system's reason in words, not an exception's name (a missing file's message is only its path). */
  static String why(IOException e) {
    String reason = e instanceof AccessDeniedException ? "permission denied"
        : e instanceof NoSuchFileException ? "no such file"
        : e instanceof CharacterCodingException ? "not UTF-8 text"
        : e instanceof FileSystemException fs ? fs.getReason()
        : e.getMessage();
    return reason == null ? "" : " (" + reason + ")";
  }
}
