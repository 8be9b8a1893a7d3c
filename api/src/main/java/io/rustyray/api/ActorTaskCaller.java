package io.rustyray.api;

import io.rustyray.api.function.RustyFunc;
import io.rustyray.api.options.ActorCallOptions;

/**
 * A prepared actor call; {@link #remote()} sends it.
 *
 * @param <R> the method's result type
 */
public final class ActorTaskCaller<R> {
  private final ActorHandle<?> actor;
  private final RustyFunc method;
  private final Object[] args;
  private String name = "";
  private String concurrencyGroup = "";

  ActorTaskCaller(ActorHandle<?> actor, RustyFunc method, Object[] args) {
    this.actor = actor;
    this.method = method;
    this.args = args;
  }

  /**
   * Names the call, as Ray's {@code setName}.
   *
   * @param name the name
   * @return this caller
   */
  public ActorTaskCaller<R> setName(String name) {
    this.name = name == null ? "" : name;
    return this;
  }

  /**
   * Runs this call in a concurrency group the actor declared, whatever group its method is in.
   *
   * @param group the group's name
   * @return this caller
   */
  public ActorTaskCaller<R> setConcurrencyGroup(String group) {
    this.concurrencyGroup = group == null ? "" : group;
    return this;
  }

  /**
   * Sends the call without waiting for it to run.
   *
   * @return a reference to the call's result
   */
  public ObjectRef<R> remote() {
    ActorCallOptions options =
        name.isEmpty() && concurrencyGroup.isEmpty()
            ? ActorCallOptions.DEFAULT
            : new ActorCallOptions(name, concurrencyGroup);
    return Rusty.runtime().submitActorTask(actor, method, args, options);
  }
}
