package io.narrowcast.privacy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A temporary directory, owner-only, for data that must not outlive the command: the DNS events a
 * replay puts in its embedded broker and its state stores. It is removed when closed and, should the
 * JVM end first (SIGINT, SIGTERM), by a shutdown hook; both first close what works in it, last
 * registered first, so that nothing writes there again. Only SIGKILL leaves it behind.
 */
public final class Scratch implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Scratch.class);

  private final Path dir;
  private final Deque<AutoCloseable> users = new ArrayDeque<>();
  private final Thread hook = new Thread(this::remove, "narrowcast-scratch-removal");
  private boolean removed;

  private Scratch(Path dir) {
    this.dir = dir;
  }

  /** A new directory in java.io.tmpdir whose name starts with {@code prefix}. */
  public static Scratch create(String prefix) throws IOException {
    // rwx------ on POSIX: Files.createTempDirectory makes it so
    Scratch scratch = new Scratch(Files.createTempDirectory(prefix));
    Runtime.getRuntime().addShutdownHook(scratch.hook);
    return scratch;
  }

  public Path dir() {
    return dir;
  }

  /** Registers {@code user}, which writes in the directory, to be closed before the directory is removed. */
  public synchronized <T extends AutoCloseable> T closeFirst(T user) {
    users.push(user);
    return user;
  }

  @Override
  public void close() {
    remove();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is shutting down: the hook has removed the directory, or is doing so
    }
  }

  /** Once: closes the users, then deletes the directory; a failure is a warning, as the data stays behind. */
  private synchronized void remove() {
    if (removed) {
      return;
    }
    removed = true;
    while (!users.isEmpty()) {
      AutoCloseable user = users.pop();
      try {
        user.close();
      } catch (Exception e) {
        LOG.debug("closing {} before removing {} failed", user, dir, e);
      }
    }
    try {
      deleteRecursively(dir);
    } catch (IOException e) {
      LOG.warn("cannot remove the temporary directory {}, which holds DNS data: {}", dir, e.toString());
    }
  }

  /** Deletes {@code root} and all it holds, if it exists. */
  public static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
