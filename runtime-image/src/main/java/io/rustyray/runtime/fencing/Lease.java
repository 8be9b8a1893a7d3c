package io.rustyray.runtime.fencing;

/**
 * A time until which a process may serve calls, on its own monotonic clock. A node's lease runs
 * from when it sent a heartbeat that the head answered; a worker's from when it asked its node.
 * Measuring from the moment of asking, never of hearing back, keeps every lease inside the one it
 * came from: a node the head declares dead has stopped serving, and so have its workers.
 */
public final class Lease {
  private volatile long expiresAtNanos = System.nanoTime();

  /**
   * @param askedAtNanos {@link System#nanoTime()} when the request that granted it was sent
   * @param remainingMs how long it runs from then; 0 ends it
   */
  public void grant(long askedAtNanos, long remainingMs) {
    expiresAtNanos = askedAtNanos + Math.max(0, remainingMs) * 1_000_000L;
  }

  public void end() {
    expiresAtNanos = System.nanoTime();
  }

  public boolean valid() {
    return remainingMs() > 0;
  }

  public long remainingMs() {
    return Math.max(0, (expiresAtNanos - System.nanoTime()) / 1_000_000L);
  }
}
