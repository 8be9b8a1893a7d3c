package io.rustyray.local.examples;

import java.util.ArrayList;
import java.util.List;

/**
 * An actor that records the calls it runs, in the order it runs them, and how many ran at once.
 * Deliberately unsynchronized: if two calls ever overlapped, its counts would show it.
 */
public class Recorder {
  private final List<Integer> seen = new ArrayList<>();
  private final String builtBy;
  private int running;
  private int mostAtOnce;

  public Recorder() {
    this.builtBy = Thread.currentThread().getName();
    seen.add(-1); // the constructor's mark: calls see it first
  }

  public int record(int call) throws InterruptedException {
    running++;
    mostAtOnce = Math.max(mostAtOnce, running);
    Thread.sleep(1);
    seen.add(call);
    running--;
    return call;
  }

  public int meet(int value) throws Exception {
    return Probes.meet(value);
  }

  public int behindGate(int value) throws InterruptedException {
    return Probes.behindGate(value);
  }

  public List<Integer> seen() {
    return seen;
  }

  public int mostAtOnce() {
    return mostAtOnce;
  }

  public String builtBy() {
    return builtBy;
  }
}
