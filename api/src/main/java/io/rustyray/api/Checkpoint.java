package io.rustyray.api;

import java.time.Duration;
import java.util.Objects;

/**
 * When a {@link Checkpointable} actor's state is taken and kept.
 *
 * <ul>
 *   <li>{@link #everyCall()}: after every call, and kept by the head before the call's reply leaves
 *       the worker: no call whose reply a caller got is lost.
 *   <li>{@link #every(Duration)}: at most once per interval, after a call changed the state: the
 *       calls of the last interval may be lost, for a lower cost per call.
 * </ul>
 */
public final class Checkpoint {
  private final Duration interval;

  private Checkpoint(Duration interval) {
    this.interval = interval;
  }

  /**
   * @return the policy that keeps the state after every call, before its reply
   */
  public static Checkpoint everyCall() {
    return new Checkpoint(Duration.ZERO);
  }

  /**
   * @param interval how long the newest calls may go unkept, at least a millisecond
   * @return the policy that keeps the state at most once per interval
   */
  public static Checkpoint every(Duration interval) {
    Objects.requireNonNull(interval, "interval");
    if (interval.toMillis() < 1) {
      throw new IllegalArgumentException(
          "a checkpoint interval is at least 1 ms, got " + interval + "; use everyCall()");
    }
    return new Checkpoint(interval);
  }

  /**
   * @return whether the state is kept after every call
   */
  public boolean isEveryCall() {
    return interval.isZero();
  }

  /**
   * @return the interval, or {@link Duration#ZERO} for every call
   */
  public Duration interval() {
    return interval;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Checkpoint c && c.interval.equals(interval);
  }

  @Override
  public int hashCode() {
    return interval.hashCode();
  }

  @Override
  public String toString() {
    return isEveryCall() ? "every call" : "every " + interval.toMillis() + " ms";
  }
}
