package io.rustyray.api.exception;

/** A call went to an actor that is dead: killed, failed to construct, or out of restarts. */
public class ActorDiedException extends RustyException {
  private final String actorId;
  private final String deathCause;

  public ActorDiedException(String actorId, String deathCause) {
    super("actor " + actorId + " is dead: " + deathCause);
    this.actorId = actorId;
    this.deathCause = deathCause;
  }

  /**
   * @return the id of the dead actor
   */
  public String getActorId() {
    return actorId;
  }

  /**
   * @return why the actor died, as the head recorded it
   */
  public String getDeathCause() {
    return deathCause;
  }
}
