package io.rustyray.api.parallelactor;

import io.rustyray.api.ActorHandle;

/**
 * A handle to a parallel actor: {@link #getInstance(int)} reaches one of its instances.
 *
 * @param <A> the instances' class
 */
public final class ParallelActorHandle<A> {
  private final ActorHandle<A> actor;
  private final int parallelism;

  /**
   * @param actor the actor that holds the instances
   * @param parallelism how many instances it holds
   */
  public ParallelActorHandle(ActorHandle<A> actor, int parallelism) {
    this.actor = actor;
    this.parallelism = parallelism;
  }

  /**
   * @return the actor's id, unique in the cluster
   */
  public String getId() {
    return actor.getId();
  }

  /**
   * @return how many instances the actor holds
   */
  public int getParallelism() {
    return parallelism;
  }

  /**
   * A handle whose calls run on one instance: one at a time, in the order they were made, beside
   * the other instances' calls.
   *
   * @param index the instance, from 0
   * @return its handle
   * @throws IllegalArgumentException when the actor has no such instance
   */
  public ActorHandle<A> getInstance(int index) {
    if (index < 0 || index >= parallelism) {
      throw new IllegalArgumentException(
          "parallel actor "
              + actor.getId()
              + " has instances 0 to "
              + (parallelism - 1)
              + "; there is no instance "
              + index);
    }
    return new ParallelActorInstance<>(actor.getId(), actor.getName(), index);
  }

  /** Kills the actor, all its instances, for good. */
  public void kill() {
    actor.kill();
  }
}
