package io.rustyray.runtime.bench;

import io.rustyray.api.Checkpointable;

/** The durable twin of {@link BenchActor}: each call changes a small state that is kept. */
public class BenchDurableActor implements Checkpointable<Long> {
  private long calls;

  public int smallValue() {
    calls++;
    return 0;
  }

  @Override
  public Long saveCheckpoint() {
    return calls;
  }

  @Override
  public void loadCheckpoint(Long checkpoint) {
    calls = checkpoint;
  }
}
