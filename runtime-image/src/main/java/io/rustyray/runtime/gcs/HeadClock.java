package io.rustyray.runtime.gcs;

import java.time.Duration;

/**
 * The head's sense of time: when a node was last heard from, and when to look again. The failure
 * detector and the retries go through it, so that a test can move time by hand instead of waiting.
 */
interface HeadClock extends AutoCloseable {
  /** A monotonic time in nanoseconds, as {@link System#nanoTime()}. */
  long nanoTime();

  /**
   * Runs {@code task} once, after {@code delay}. After {@link #close()} nothing runs any more.
   *
   * @param task must not block: every timed task of the head shares one thread
   */
  void schedule(Duration delay, Runnable task);

  @Override
  void close();
}
