package io.rustyray.examples;

import io.rustyray.api.Checkpointable;

/**
 * A counter whose value survives its restarts: created with {@code
 * setCheckpoint(Checkpoint.everyCall())} (or {@code checkpoint: {everyCall: true}} on a
 * RustyActor), every answered increment is kept by the head before its reply, and an instance that
 * replaces a lost one (its pod was deleted, its worker killed, its head replaced on a durable
 * store) goes on from the last value instead of its constructor's.
 */
public class DurableCounter implements Checkpointable<Integer> {
  private int value;

  public DurableCounter(int initial) {
    if (initial < 0) {
      throw new IllegalArgumentException("a counter starts at 0 or more, not " + initial);
    }
    this.value = initial;
  }

  /**
   * @return the value after adding one
   */
  public int increment() {
    return ++value;
  }

  /**
   * @param delta what to add
   * @return the value after adding {@code delta}
   */
  public int add(int delta) {
    value += delta;
    return value;
  }

  /**
   * @return the current value
   */
  public int get() {
    return value;
  }

  /**
   * @return the process id of the worker that hosts this instance, to show that it changed
   */
  public long pid() {
    return ProcessHandle.current().pid();
  }

  @Override
  public Integer saveCheckpoint() {
    return value;
  }

  @Override
  public void loadCheckpoint(Integer checkpoint) {
    value = checkpoint;
  }
}
