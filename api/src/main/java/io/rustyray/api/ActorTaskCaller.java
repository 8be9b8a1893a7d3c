package io.rustyray.api;

import io.rustyray.api.function.RustyFunc;

/**
 * A prepared actor call; {@link #remote()} sends it.
 *
 * @param <R> the method's result type
 */
public final class ActorTaskCaller<R> {
  private final ActorHandle<?> actor;
  private final RustyFunc method;
  private final Object[] args;

  ActorTaskCaller(ActorHandle<?> actor, RustyFunc method, Object[] args) {
    this.actor = actor;
    this.method = method;
    this.args = args;
  }

  /**
   * Sends the call without waiting for it to run.
   *
   * @return a reference to the call's result
   */
  public ObjectRef<R> remote() {
    return Rusty.runtime().submitActorTask(actor, method, args);
  }
}
