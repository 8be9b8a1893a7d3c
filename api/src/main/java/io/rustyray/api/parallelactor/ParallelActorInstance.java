package io.rustyray.api.parallelactor;

import io.rustyray.api.ActorHandle;

/**
 * The handle of one instance of a parallel actor: its calls run on that instance. Killing it kills
 * the whole actor. Passed to another task or actor as an argument, it becomes a handle of the actor
 * whose calls reach instance 0.
 *
 * @param id the actor's id
 * @param name the actor's name, or empty
 * @param index the instance, from 0
 * @param <A> the instances' class
 */
public record ParallelActorInstance<A>(String id, String name, int index)
    implements ActorHandle<A> {
  @Override
  public String getId() {
    return id;
  }

  @Override
  public String getName() {
    return name;
  }
}
