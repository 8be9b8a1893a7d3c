package io.rustyray.examples;

import io.rustyray.api.Checkpointable;

/**
 * A {@link Counter} whose value survives its restarts: created with {@code
 * setCheckpoint(Checkpoint.everyCall())} (or {@code checkpoint: {everyCall: true}} on a
 * RustyActor), every answered increment is kept by the head before its reply, and an instance that
 * replaces a lost one (its pod was deleted, its worker killed, its head replaced on a durable
 * store) goes on from the last value instead of its constructor's. Handles of either class take the
 * same calls ({@code Counter::increment}).
 */
public class DurableCounter extends Counter implements Checkpointable<Integer> {
  public DurableCounter(int initial) {
    super(initial);
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
