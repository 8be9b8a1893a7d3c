package io.rustyray.runtime.gcs;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/** {@link HeadClock} on the system's monotonic clock, with one timer thread. */
final class SystemHeadClock implements HeadClock {
  private static final Logger LOG = Logger.getLogger(SystemHeadClock.class);

  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "gcs-timer");
            t.setDaemon(true);
            return t;
          });

  @Override
  public long nanoTime() {
    return System.nanoTime();
  }

  @Override
  public void schedule(Duration delay, Runnable task) {
    try {
      timer.schedule(
          () -> {
            try {
              task.run();
            } catch (RuntimeException e) {
              // A timed task that throws must not silently end the ones that reschedule themselves.
              LOG.error("head timer task failed", e);
            }
          },
          delay.toNanos(),
          TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException stopped) {
      // The head stops; nothing is left to time.
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
