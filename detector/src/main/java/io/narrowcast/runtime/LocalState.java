package io.narrowcast.runtime;

import io.narrowcast.privacy.Scratch;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;

/**
 * The detector's local state: held by one process at a time, and its stores deleted, to be rebuilt
 * from the changelogs, when the process that held it last did not stop cleanly (SIGKILL, out of
 * memory, a lost machine). Kafka Streams' process id, in a file beside the stores, stays: the
 * transactional ids derive from it, so a restart fences the dead process's open transactions at once
 * instead of leaving them to time out (CrashIT checks that one transactional id serves every restart).
 *
 * <p>Under exactly-once Kafka Streams wipes every store that was open when its process died (it may
 * hold uncommitted writes), so deleting it first loses nothing. It avoids a Kafka Streams 4.4 fault:
 * at startup Streams opens each task's stores to read their offsets, and a segment of a windowed store
 * that fails the check stays open, holding its RocksDB lock, so that restoring the task fails with
 * "lock hold by current process" and the client shuts down (CrashIT met it after a SIGKILL; compare
 * KAFKA-20808). On a Kafka upgrade, try CrashIT with {@link #open} deleting nothing.
 */
public final class LocalState implements AutoCloseable {
  /** In the data directory, beside the state directory: the lock, and whether its holder is running. */
  static final String MARKER = "state.lock";
  private static final String RUNNING = "running";
  private static final String STOPPED = "stopped";
  /** Where Kafka Streams keeps its process id, in the application's state directory (StateDirectory.PROCESS_FILE_NAME). */
  static final String PROCESS_FILE = "kafka-streams-process-metadata";

  private final FileChannel marker;
  private final FileLock lock;
  private final boolean rebuilt;

  private LocalState(FileChannel marker, FileLock lock, boolean rebuilt) {
    this.marker = marker;
    this.lock = lock;
    this.rebuilt = rebuilt;
  }

  /** Thrown when another process holds the directory. */
  public static final class InUse extends IOException {
    InUse(Path dataDir) {
      super("another process uses " + dataDir + " (it holds " + dataDir.resolve(MARKER) + ")");
    }
  }

  /**
   * Takes the state in {@code dataDir} for this process, first deleting what the application's state
   * directory {@code appState} holds but its process id if the process before did not stop cleanly.
   */
  public static LocalState open(Path dataDir, Path appState) throws IOException {
    FileChannel marker = FileChannel.open(dataDir.resolve(MARKER), StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    try {
      FileLock lock = tryLock(marker);
      if (lock == null) {
        throw new InUse(dataDir);
      }
      ByteBuffer before = ByteBuffer.allocate(16);
      marker.read(before, 0);
      boolean unclean = RUNNING.equals(new String(before.array(), 0, before.position(), StandardCharsets.US_ASCII));
      if (unclean) {
        deleteStores(appState);
      }
      write(marker, RUNNING);
      return new LocalState(marker, lock, unclean);
    } catch (IOException | RuntimeException e) {
      marker.close();
      throw e;
    }
  }

  private static void deleteStores(Path appState) throws IOException {
    if (!Files.isDirectory(appState)) {
      return;
    }
    try (Stream<Path> entries = Files.list(appState)) {
      for (Path entry : entries.filter(e -> !e.getFileName().toString().equals(PROCESS_FILE)).toList()) {
        Scratch.deleteRecursively(entry);
      }
    }
  }

  private static FileLock tryLock(FileChannel marker) throws IOException {
    try {
      return marker.tryLock();
    } catch (OverlappingFileLockException e) {
      return null; // held in this JVM
    }
  }

  /** Whether the stores were deleted because their last holder did not stop cleanly. */
  public boolean rebuilt() {
    return rebuilt;
  }

  /** Records that Kafka Streams closed cleanly: the next holder keeps the state. */
  public void stoppedCleanly() throws IOException {
    write(marker, STOPPED);
  }

  private static void write(FileChannel marker, String state) throws IOException {
    marker.truncate(0);
    marker.write(ByteBuffer.wrap(state.getBytes(StandardCharsets.US_ASCII)), 0);
    marker.force(true);
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      marker.close();
    }
  }
}
