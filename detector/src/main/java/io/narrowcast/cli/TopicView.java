package io.narrowcast.cli;

import io.narrowcast.runtime.TopicReader;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** A topic shown to a person (alerts, dlq): what it holds, oldest first, then, with --follow, new messages until Ctrl-C. */
final class TopicView {
  /** Longest a stopped --follow holds the JVM to close its consumer. */
  private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(10);

  private TopicView() {}

  /** Whether {@code message} was sent at or after {@code since}; any message is when it is null (no --since). */
  static boolean since(Instant since, TopicReader.Message<?> message) {
    return since == null || message.time() >= since.toEpochMilli();
  }

  /** Hands {@code reader}'s messages to {@code print}, following when asked to, and closes the reader. */
  static <T> void show(TopicReader<T> reader, boolean follow, Consumer<TopicReader.Message<T>> print) {
    CountDownLatch closed = new CountDownLatch(1);
    try (reader) {
      reader.readToEnd(print);
      if (follow) {
        // only Ctrl-C or SIGTERM end it: the hook wakes the reader up and holds the JVM until it is closed
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          reader.wakeup();
          awaitQuietly(closed);
        }, "follow-shutdown"));
        reader.follow(print);
      }
    } finally {
      closed.countDown();
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
