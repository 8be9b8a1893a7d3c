package io.rustyray.protocol.function;

import io.rustyray.api.exception.RustyException;

/**
 * Thrown by {@code Rusty.exitActor()} once the actor is recorded dead: it unwinds the actor's
 * method, whose remaining code must not run. The runtime that hosts the actor recognises it, and
 * the exiting call's caller gets an {@link io.rustyray.api.exception.ActorDiedException} instead,
 * as in Ray.
 */
public final class ActorExitSignal extends RustyException {
  /** The death cause of an actor that exited, as callers read it in ActorDiedException. */
  public static final String DEATH_CAUSE =
      "the actor exited itself (Rusty.exitActor() in one of its methods); it is not restarted";

  /**
   * @param actorId the actor that exited
   */
  public ActorExitSignal(String actorId) {
    super(
        "actor "
            + actorId
            + " exited itself (Rusty.exitActor()); the rest of its method is skipped");
  }

  /**
   * @return the exception Rusty.exitActor() throws when called outside any actor
   */
  public static RustyException outsideAnActor() {
    return new RustyException(
        "Rusty.exitActor() ends the actor whose method calls it, but it was called outside any"
            + " actor (in a driver or a task); use handle.kill() to end an actor from outside");
  }
}
