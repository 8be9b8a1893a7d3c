package io.rustyray.protocol.codec;

import io.rustyray.api.ActorHandle;

/**
 * An actor handle as a value: only its id and name, which is all that travels when a handle is an
 * argument or a result. It lives beside the codec, which reads every {@link ActorHandle} as one.
 * Calls through it go to {@code Rusty.runtime()}, whose per-actor state (the call order) is shared
 * by every handle to one actor in a process.
 *
 * @param id the actor's id
 * @param name the actor's name, or empty
 */
public record ActorHandleValue<A>(String id, String name) implements ActorHandle<A> {
  @Override
  public String getId() {
    return id;
  }

  @Override
  public String getName() {
    return name;
  }
}
