package io.rustyray.local.examples;

import io.rustyray.api.Checkpointable;
import io.rustyray.api.RuntimeContext;
import io.rustyray.api.Rusty;

/**
 * A counter whose value survives restarts. It tells {@link CheckpointProbe} what it saves, and its
 * {@code loadCheckpoint} refuses a negative value, as its constructor refuses a negative start.
 */
public class DurableCounter implements Checkpointable<Integer> {
  private int value;
  private String saveFailure;
  private String loadedAs = "";

  public DurableCounter(int initial) {
    if (initial < 0) {
      throw new IllegalArgumentException("a counter starts at 0 or more, not " + initial);
    }
    this.value = initial;
  }

  public int increment() {
    return ++value;
  }

  public int add(int delta) {
    value += delta;
    return value;
  }

  /** Adds once the test opens {@link Probes}' gate. */
  public int addBehindGate(int delta) throws InterruptedException {
    Probes.behindGate(delta);
    return add(delta);
  }

  /** Changes the state, then throws. */
  public int addThenFail(int delta, String message) {
    value += delta;
    throw new IllegalStateException(message);
  }

  public int get() {
    return value;
  }

  /**
   * Makes every later {@code saveCheckpoint} of this instance throw; not part of the state, so a
   * restarted instance saves again.
   */
  public int breakSaving(String message) {
    saveFailure = message;
    return value;
  }

  /**
   * @return "actorId|restarted" as {@code loadCheckpoint} saw its context, or empty when it never
   *     ran in this instance
   */
  public String loadedAs() {
    return loadedAs;
  }

  @Override
  public Integer saveCheckpoint() {
    if (saveFailure != null) {
      throw new IllegalStateException(saveFailure);
    }
    CheckpointProbe.saved(value);
    return value;
  }

  @Override
  public void loadCheckpoint(Integer checkpoint) {
    if (checkpoint < 0) {
      throw new IllegalArgumentException("a counter starts at 0 or more, not " + checkpoint);
    }
    value = checkpoint;
    RuntimeContext context = Rusty.getRuntimeContext();
    loadedAs = context.actorId() + "|" + context.wasCurrentActorRestarted();
  }
}
