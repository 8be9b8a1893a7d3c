package io.rustyray.local.examples;

import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Static meeting points that tasks reach through method references (which cannot capture test
 * variables): a gate a task waits behind, a barrier that tasks meet at, and a count of how many run
 * at once. Tests reset them first; they work because local mode runs tasks in the test's JVM.
 */
public final class Probes {
  private static volatile CountDownLatch gate = new CountDownLatch(1);
  private static volatile CountDownLatch started = new CountDownLatch(1);
  private static volatile CountDownLatch interrupted = new CountDownLatch(1);
  private static volatile CyclicBarrier barrier = new CyclicBarrier(1);
  private static final AtomicInteger running = new AtomicInteger();
  private static final AtomicInteger mostAtOnce = new AtomicInteger();

  private Probes() {}

  public static void reset(int parties) {
    gate = new CountDownLatch(1);
    started = new CountDownLatch(1);
    interrupted = new CountDownLatch(1);
    barrier = new CyclicBarrier(parties);
    running.set(0);
    mostAtOnce.set(0);
  }

  public static void openGate() {
    gate.countDown();
  }

  public static int mostAtOnce() {
    return mostAtOnce.get();
  }

  public static boolean awaitInterrupted(long seconds) throws InterruptedException {
    return interrupted.await(seconds, TimeUnit.SECONDS);
  }

  /** Waits until a call reached the gate. */
  public static boolean awaitStarted(long seconds) throws InterruptedException {
    return started.await(seconds, TimeUnit.SECONDS);
  }

  /** Says it started, then waits until the test opens the gate. */
  public static int behindGate(int value) throws InterruptedException {
    started.countDown();
    if (!gate.await(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the gate was never opened");
    }
    return value;
  }

  /** Meets {@code parties - 1} others at the barrier; fails if they do not come in time. */
  public static int meet(int value)
      throws InterruptedException, BrokenBarrierException, TimeoutException {
    int now = running.incrementAndGet();
    mostAtOnce.accumulateAndGet(now, Math::max);
    try {
      barrier.await(30, TimeUnit.SECONDS);
    } finally {
      running.decrementAndGet();
    }
    return value;
  }

  /** Sleeps until interrupted, and says so. */
  public static int sleepUntilInterrupted() {
    try {
      Thread.sleep(60_000);
    } catch (InterruptedException e) {
      interrupted.countDown();
    }
    return 0;
  }
}
