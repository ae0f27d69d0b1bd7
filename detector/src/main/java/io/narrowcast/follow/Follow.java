package io.narrowcast.follow;

import io.narrowcast.ingest.RecordRouter;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls a set of {@link FileFollower}s until stopped. Positions are saved (after the router flushed
 * everything before them) whenever all files are caught up, at least every {@link #CHECKPOINT_LINES}
 * lines, and on stop. A process killed between a flush and the save sends the lines since the
 * previous save again when restarted; one killed outright also loses the few queries that were
 * still waiting (seconds at most) for their response record.
 */
public final class Follow implements AutoCloseable {
  /** Lines handled between two saved positions while the files keep growing. */
  public static final long CHECKPOINT_LINES = 50_000;
  /** How long to wait for new lines once every file is caught up. */
  public static final Duration DEFAULT_POLL = Duration.ofMillis(250);
  private static final Logger LOG = LoggerFactory.getLogger(Follow.class);

  private final List<FileFollower> followers;
  private final RecordRouter router;
  private final Duration poll;
  private final CountDownLatch stop = new CountDownLatch(1);
  private long sinceCheckpoint;

  public Follow(List<FileFollower> followers, RecordRouter router, Duration poll) {
    this.followers = List.copyOf(followers);
    this.router = router;
    this.poll = poll;
  }

  /** Follows the files until {@link #stop()}; saves the positions before returning. */
  public void run() throws IOException, InterruptedException {
    try {
      while (stop.getCount() > 0) {
        long handled = 0;
        for (FileFollower follower : followers) {
          handled += follower.poll();
        }
        sinceCheckpoint += handled;
        if (handled == 0 || sinceCheckpoint >= CHECKPOINT_LINES) {
          checkpoint(false); // caught up, or a long burst
        }
        if (handled == 0) {
          stop.await(poll.toMillis(), TimeUnit.MILLISECONDS);
        }
      }
      for (FileFollower follower : followers) {
        follower.poll(); // what arrived while stopping
      }
      checkpoint(true);
    } finally {
      close();
    }
  }

  /** Asks {@link #run()} to finish; safe from any thread (a shutdown hook). */
  public void stop() {
    stop.countDown();
  }

  /**
   * Flushes the router (at the end with every query still waiting, else the stale ones) and saves
   * the positions when lines were handled since the last save.
   */
  private void checkpoint(boolean last) throws IOException {
    if (last) {
      router.finish();
    } else {
      router.flush();
    }
    if (last || sinceCheckpoint > 0) {
      for (FileFollower follower : followers) {
        follower.savePosition();
      }
      LOG.debug("positions saved after {} lines", sinceCheckpoint);
      sinceCheckpoint = 0;
    }
  }

  @Override
  public void close() throws IOException {
    for (FileFollower follower : followers) {
      follower.close();
    }
  }
}
