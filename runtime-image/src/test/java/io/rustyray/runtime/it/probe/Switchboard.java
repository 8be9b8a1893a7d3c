package io.rustyray.runtime.it.probe;

import io.rustyray.api.ActorHandle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An actor for concurrency groups: a call that waits at a gate until another call opens it, calls
 * that report the thread they ran on, calls that count how many of them are inside at once, and
 * calls recorded in the order they ran. The specifications put these methods in groups.
 */
public class Switchboard {
  private final CountDownLatch gate = new CountDownLatch(1);
  private final CountDownLatch pairInside = new CountDownLatch(2);
  private final AtomicInteger inside = new AtomicInteger();
  private final AtomicInteger mostAtOnce = new AtomicInteger();
  private final List<Integer> recorded = Collections.synchronizedList(new ArrayList<>());

  public String waitAtGate() throws InterruptedException {
    return gate.await(30, TimeUnit.SECONDS) ? "passed" : "the gate stayed shut";
  }

  public String openGate() {
    gate.countDown();
    return "opened";
  }

  public String ioThread() {
    return Thread.currentThread().getName();
  }

  public String otherIoThread() {
    return Thread.currentThread().getName();
  }

  public String computeThread() {
    return Thread.currentThread().getName();
  }

  public String defaultThread() {
    return Thread.currentThread().getName();
  }

  public String otherDefaultThread() {
    return Thread.currentThread().getName();
  }

  /** Waits (a while at most) until a second call is inside too, then leaves. */
  public int enterInPairs() throws InterruptedException {
    mostAtOnce.accumulateAndGet(inside.incrementAndGet(), Math::max);
    pairInside.countDown();
    pairInside.await(10, TimeUnit.SECONDS);
    Thread.sleep(20);
    inside.decrementAndGet();
    return mostAtOnce.get();
  }

  /** Calls another switchboard from inside this actor, in the group it names. */
  public String threadInGroupOf(ActorHandle<Switchboard> other, String group) {
    return other.task(Switchboard::defaultThread).setConcurrencyGroup(group).remote().get();
  }

  public long pid() {
    return ProcessHandle.current().pid();
  }

  public int mostAtOnce() {
    return mostAtOnce.get();
  }

  public int record(int call) {
    recorded.add(call);
    return call;
  }

  public List<Integer> recorded() {
    return List.copyOf(recorded);
  }
}
