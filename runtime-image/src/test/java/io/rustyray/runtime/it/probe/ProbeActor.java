package io.rustyray.runtime.it.probe;

import io.rustyray.api.ActorHandle;
import io.rustyray.api.Rusty;

/** An actor that shows where it runs and how it fails; see {@link Probe}. */
public class ProbeActor {
  private int calls;

  public long pid() {
    calls++;
    return ProcessHandle.current().pid();
  }

  public int exit(int code) {
    System.exit(code);
    return code;
  }

  public int exhaustMemory() {
    return Probe.exhaustMemory();
  }

  public String context() {
    return Probe.context();
  }

  /** Runs for {@code millis}, or until its thread is interrupted. */
  public String sleep(long millis) throws InterruptedException {
    Thread.sleep(millis);
    return "slept";
  }

  /** Creates an actor of its own, asks it for its context, and returns that. */
  public String childContext() {
    ActorHandle<ProbeActor> child = Rusty.actor(ProbeActor::new).remote();
    return child.task(ProbeActor::context).remote().get();
  }

  /** Runs a nested task from inside the actor. */
  public int nestedSumOfSquares(int n) {
    return Probe.nestedSumOfSquares(n);
  }

  public String env(String name) {
    return Probe.env(name);
  }

  public int calls() {
    return calls;
  }
}
