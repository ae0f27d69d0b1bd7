package io.narrowcast.replay;

import io.narrowcast.ingest.IngestSummary;
import io.narrowcast.metrics.DetectorMetrics;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Prints a progress line now and then while a long replay runs. */
final class Progress implements AutoCloseable {
  private final ScheduledExecutorService timer;

  Progress(PrintStream out, IngestSummary summary, DetectorMetrics metrics, Duration every) {
    if (out == null) {
      timer = null;
      return;
    }
    timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "progress");
      thread.setDaemon(true);
      return thread;
    });
    long started = System.nanoTime();
    timer.scheduleAtFixedRate(() -> {
      double seconds = (System.nanoTime() - started) / 1e9;
      out.printf("... %,d lines read, %,d events detected (%,.0f/s)%n",
          summary.read(), metrics.eventsIn(), metrics.eventsIn() / Math.max(seconds, 0.001));
    }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }
}
