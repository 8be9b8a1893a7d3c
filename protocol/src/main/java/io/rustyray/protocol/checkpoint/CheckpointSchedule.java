package io.rustyray.protocol.checkpoint;

import io.rustyray.protocol.proto.CheckpointPolicy;

/**
 * When an actor's next checkpoint is due: after every call, or once an interval has passed since
 * the last one while calls changed the state. Counts the calls the state includes. Thread-safe.
 */
public final class CheckpointSchedule {
  private final boolean everyCall;
  private final long intervalNanos;
  private long calls;
  private long keptCalls;
  private long lastTakenNanos;

  /**
   * @param policy the actor's policy
   * @param callsSoFar the calls the restored checkpoint includes (0 for a new actor)
   */
  public CheckpointSchedule(CheckpointPolicy policy, long callsSoFar) {
    this.everyCall = policy.getEveryCall() || policy.getIntervalMs() <= 0;
    this.intervalNanos = policy.getIntervalMs() * 1_000_000L;
    this.calls = callsSoFar;
    this.keptCalls = callsSoFar;
    this.lastTakenNanos = System.nanoTime();
  }

  public boolean everyCall() {
    return everyCall;
  }

  public long intervalMillis() {
    return intervalNanos / 1_000_000L;
  }

  /**
   * A call finished.
   *
   * @return the call count to take a checkpoint at now, or -1 when none is due
   */
  public synchronized long callFinished() {
    calls++;
    return everyCall || System.nanoTime() - lastTakenNanos >= intervalNanos ? calls : -1;
  }

  /**
   * @return the call count to take a checkpoint at when calls since the last one are not kept yet
   *     (a timer's turn), or -1
   */
  public synchronized long pending() {
    return calls > keptCalls ? calls : -1;
  }

  /** A checkpoint that includes {@code upTo} calls is kept. */
  public synchronized void kept(long upTo) {
    keptCalls = Math.max(keptCalls, upTo);
    lastTakenNanos = System.nanoTime();
  }

  public synchronized long calls() {
    return calls;
  }
}
