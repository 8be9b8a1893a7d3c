package io.rustyray.runtime.gcs;

import java.time.Duration;
import java.util.Comparator;
import java.util.PriorityQueue;

/** A {@link HeadClock} that moves only when a test says so, running what falls due on the way. */
final class TestingClock implements HeadClock {
  private record Timed(long dueNanos, long order, Runnable task) {}

  private final PriorityQueue<Timed> timed =
      new PriorityQueue<>(Comparator.comparingLong(Timed::dueNanos).thenComparing(Timed::order));
  private long nowNanos;
  private long scheduled;
  private boolean closed;

  @Override
  public synchronized long nanoTime() {
    return nowNanos;
  }

  @Override
  public synchronized void schedule(Duration delay, Runnable task) {
    if (!closed) {
      timed.add(new Timed(nowNanos + delay.toNanos(), scheduled++, task));
    }
  }

  /**
   * Moves time forward by {@code step}, running each task that falls due, in order, at its time.
   */
  void advance(Duration step) {
    long target;
    synchronized (this) {
      target = nowNanos + step.toNanos();
    }
    while (true) {
      Timed next;
      synchronized (this) {
        if (closed || timed.isEmpty() || timed.peek().dueNanos() > target) {
          nowNanos = target;
          return;
        }
        next = timed.poll();
        nowNanos = next.dueNanos();
      }
      next.task().run();
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    timed.clear();
  }
}
