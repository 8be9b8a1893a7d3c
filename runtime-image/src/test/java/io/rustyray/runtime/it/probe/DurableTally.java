package io.rustyray.runtime.it.probe;

import io.rustyray.api.Checkpointable;

/**
 * A durable counter that can be made to misbehave around its checkpoints: a save that throws, a
 * state too large to keep, a checkpoint that refuses to load.
 */
public class DurableTally implements Checkpointable<DurableTally.State> {
  /** What is kept: the count, ballast to make it large, and a mark that makes it refuse to load. */
  public record State(long value, String ballast, boolean poisoned) {}

  private long value;
  private String ballast = "";
  private boolean failNextSave;
  private boolean poisoned;

  public DurableTally(long start) {
    this.value = start;
  }

  public long increment() {
    return ++value;
  }

  public long get() {
    return value;
  }

  public long pid() {
    return ProcessHandle.current().pid();
  }

  /** The checkpoint after this call throws. */
  public long failNextSave() {
    failNextSave = true;
    return value;
  }

  /** From now on the state carries {@code bytes} of ballast. */
  public long carry(int bytes) {
    ballast = "x".repeat(bytes);
    return value;
  }

  /** From now on the kept state cannot be loaded back. */
  public long poison() {
    poisoned = true;
    return value;
  }

  @Override
  public State saveCheckpoint() {
    if (failNextSave) {
      failNextSave = false;
      throw new IllegalStateException("the tally refuses to be saved this once");
    }
    return new State(value, ballast, poisoned);
  }

  @Override
  public void loadCheckpoint(State checkpoint) {
    if (checkpoint.poisoned()) {
      throw new IllegalStateException("this checkpoint was poisoned on purpose");
    }
    value = checkpoint.value();
    ballast = checkpoint.ballast();
  }
}
