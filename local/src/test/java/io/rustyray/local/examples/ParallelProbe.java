package io.rustyray.local.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An instance class of parallel actors: a value of its own, gates shared by every instance in the
 * process (so that one instance can let another pass), and calls recorded in the order they ran.
 * Deliberately unsynchronized: if two calls of one instance ever overlapped, its counts would show.
 */
public class ParallelProbe {
  private static final Map<String, CountDownLatch> GATES = new ConcurrentHashMap<>();

  private final List<Integer> recorded = new ArrayList<>();
  private int value;
  private int running;
  private int mostAtOnce;

  public ParallelProbe(int start) {
    this.value = start;
  }

  public int incr(int delta) {
    value += delta;
    return value;
  }

  public int getValue() {
    return value;
  }

  public String waitAtGate(String gate) throws InterruptedException {
    return gate(gate).await(30, TimeUnit.SECONDS) ? "passed" : "the gate stayed shut";
  }

  public String openGate(String gate) {
    gate(gate).countDown();
    return "opened";
  }

  private static CountDownLatch gate(String name) {
    return GATES.computeIfAbsent(name, n -> new CountDownLatch(1));
  }

  public int record(int call) throws InterruptedException {
    running++;
    mostAtOnce = Math.max(mostAtOnce, running);
    Thread.sleep(1);
    recorded.add(call);
    running--;
    return call;
  }

  public List<Integer> recorded() {
    return List.copyOf(recorded);
  }

  public int mostAtOnce() {
    return mostAtOnce;
  }
}
