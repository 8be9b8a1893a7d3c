package io.rustyray.runtime.worker;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;

/**
 * Runs its tasks on a shared pool, at most {@code maxConcurrency} at a time, starting them in the
 * order they were given. With 1 it is a serial executor: an actor's calls, one after another.
 */
final class OrderedExecutor implements Executor {
  private final Executor pool;
  private final int maxConcurrency;
  private final Queue<Runnable> queue = new ArrayDeque<>();
  private int running;

  OrderedExecutor(Executor pool, int maxConcurrency) {
    this.pool = pool;
    this.maxConcurrency = Math.max(1, maxConcurrency);
  }

  @Override
  public void execute(Runnable task) {
    synchronized (this) {
      queue.add(task);
    }
    drain();
  }

  private void drain() {
    while (true) {
      Runnable next;
      synchronized (this) {
        if (running >= maxConcurrency || queue.isEmpty()) {
          return;
        }
        next = queue.poll();
        running++;
      }
      pool.execute(
          () -> {
            try {
              next.run();
            } finally {
              synchronized (this) {
                running--;
              }
              drain();
            }
          });
    }
  }
}
