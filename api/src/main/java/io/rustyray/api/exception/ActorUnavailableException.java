package io.rustyray.api.exception;

/**
 * The actor's process failed while this call was in flight, so the call may or may not have run.
 * The actor itself is restarting; later calls go to the new instance.
 */
public class ActorUnavailableException extends RustyException {
  public ActorUnavailableException(String message) {
    super(message);
  }
}
