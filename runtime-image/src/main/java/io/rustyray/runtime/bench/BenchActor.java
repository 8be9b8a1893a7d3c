package io.rustyray.runtime.bench;

/** The actor the actor-call benchmarks call: its method does nothing but answer. */
public class BenchActor {
  public int smallValue() {
    return 0;
  }
}
