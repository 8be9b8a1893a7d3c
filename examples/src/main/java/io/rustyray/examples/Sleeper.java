package io.rustyray.examples;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * An actor whose calls may overlap: create it with {@code setMaxConcurrency(n)} and up to n naps
 * run at once.
 */
public class Sleeper {
  private final AtomicInteger napping = new AtomicInteger();
  private final AtomicInteger mostAtOnce = new AtomicInteger();

  /**
   * @param millis how long to sleep
   * @return the most naps that have run at the same time so far
   */
  public int nap(long millis) throws InterruptedException {
    int now = napping.incrementAndGet();
    mostAtOnce.accumulateAndGet(now, Math::max);
    try {
      Thread.sleep(millis);
    } finally {
      napping.decrementAndGet();
    }
    return mostAtOnce.get();
  }
}
