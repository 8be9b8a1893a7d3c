package io.rustyray.local.examples;

import io.rustyray.api.ActorHandle;

/** An actor that holds a handle to another actor, received as a constructor argument. */
public class Forwarder {
  private final ActorHandle<Counter> target;

  public Forwarder(ActorHandle<Counter> target) {
    this.target = target;
  }

  public int incrementTarget() {
    return target.task(Counter::increment).remote().get();
  }
}
