package io.rustyray.runtime.node;

import io.grpc.Status;
import java.time.Duration;
import java.util.Optional;

/**
 * Consecutive failed calls to the head, and what is worth saying about them: the first failure of a
 * streak and then one reminder every {@link #REMIND_EVERY}, so that a worker that waits for its
 * head says so without filling its log; and, once a call gets through, how long it took.
 */
final class FailureStreak {
  static final Duration REMIND_EVERY = Duration.ofSeconds(30);

  private final String headAddress;
  private long failures;
  private long startedNanos;
  private long lastWarnedNanos;

  FailureStreak(String headAddress) {
    this.headAddress = headAddress;
  }

  /**
   * @param what the call that failed, such as "register with"
   * @param status how it failed
   * @param nowNanos the time, as {@link System#nanoTime()}
   * @return the warning to log, if one is due
   */
  synchronized Optional<String> failed(String what, Status status, long nowNanos) {
    failures++;
    if (failures == 1) {
      startedNanos = nowNanos;
      lastWarnedNanos = nowNanos;
      return Optional.of(
          String.format(
              "cannot %s the head at %s: %s; retrying every second with a fresh lookup",
              what, headAddress, describe(status)));
    }
    if (nowNanos - lastWarnedNanos < REMIND_EVERY.toNanos()) {
      return Optional.empty();
    }
    lastWarnedNanos = nowNanos;
    return Optional.of(
        String.format(
            "still cannot %s the head at %s after %.0f s (%d attempts): %s",
            what, headAddress, seconds(nowNanos - startedNanos), failures, describe(status)));
  }

  /**
   * @param nowNanos the time, as {@link System#nanoTime()}
   * @return how long the head was out of reach, if a streak just ended
   */
  synchronized Optional<String> succeeded(long nowNanos) {
    if (failures == 0) {
      return Optional.empty();
    }
    String ended =
        String.format(
            "reached the head at %s after %.1f s and %d failed attempts",
            headAddress, seconds(nowNanos - startedNanos), failures);
    failures = 0;
    return Optional.of(ended);
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  private static String describe(Status status) {
    String text =
        status.getCode() + (status.getDescription() == null ? "" : " " + status.getDescription());
    Throwable root = status.getCause();
    while (root != null && root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    // UNAVAILABLE alone does not say whether the name did not resolve or the port refused.
    return root == null
        ? text
        : text + " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
  }
}
