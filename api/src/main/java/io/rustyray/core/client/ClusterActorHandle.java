package io.rustyray.core.client;

import io.rustyray.api.ActorHandle;

/**
 * A handle is only a name for the actor; the process-wide {@link ActorSubmitter} for its id keeps
 * the call order, so every handle to one actor in a process shares it.
 *
 * @param id the actor's id
 * @param name the actor's name, or empty
 */
public record ClusterActorHandle<A>(String id, String name) implements ActorHandle<A> {
  @Override
  public String getId() {
    return id;
  }

  @Override
  public String getName() {
    return name;
  }
}
