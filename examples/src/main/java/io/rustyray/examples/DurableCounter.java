package io.rustyray.examples;

import io.rustyray.api.Checkpointable;

/**
 * A counter whose value survives the loss of its worker, node or (with a durable head store) head.
 * Created with a checkpoint policy (in a RustyActor, {@code spec.checkpoint}; in the SDK, {@code
 * setCheckpoint(Checkpoint.everyCall())}), it hands the runtime its value after calls, and a
 * restarted instance is given the newest one before any call runs.
 */
public class DurableCounter implements Checkpointable<Long> {
  private long value;

  public DurableCounter(long initial) {
    if (initial < 0) {
      throw new IllegalArgumentException("a counter starts at 0 or more, not " + initial);
    }
    this.value = initial;
  }

  /**
   * @return the value after adding one
   */
  public long increment() {
    return ++value;
  }

  /**
   * @param delta what to add
   * @return the value after adding {@code delta}
   */
  public long add(long delta) {
    value += delta;
    return value;
  }

  /**
   * @return the current value
   */
  public long get() {
    return value;
  }

  @Override
  public Long saveCheckpoint() {
    // A Long is immutable: the runtime may encode it while the next call runs.
    return value;
  }

  @Override
  public void loadCheckpoint(Long checkpoint) {
    this.value = checkpoint;
  }
}
