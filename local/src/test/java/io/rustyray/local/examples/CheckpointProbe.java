package io.rustyray.local.examples;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The states durable example actors handed to the runtime, in order: how a local-mode test sees
 * that a checkpoint was taken (a user's test can do the same from its {@code saveCheckpoint}).
 * Tests reset it first; it works because local mode runs actors in the test's JVM.
 */
public final class CheckpointProbe {
  private static final List<Object> saves = new ArrayList<>();

  private CheckpointProbe() {}

  public static synchronized void reset() {
    saves.clear();
  }

  public static synchronized void saved(Object state) {
    saves.add(state);
    CheckpointProbe.class.notifyAll();
  }

  public static synchronized List<Object> saves() {
    return List.copyOf(saves);
  }

  /** Waits until the newest state handed over is {@code state}. */
  public static synchronized boolean awaitSaved(Object state, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (saves.isEmpty() || !saves.get(saves.size() - 1).equals(state)) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(CheckpointProbe.class, left);
    }
    return true;
  }
}
