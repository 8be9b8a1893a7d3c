package io.rustyray.api.exception;

/**
 * A durable actor's checkpoint was larger than the cluster accepts: the call whose state it was
 * fails with this, and the last good checkpoint stays. The call itself ran; its change lives in the
 * instance's memory until a later checkpoint that fits keeps it, or a restart loses it.
 */
public class CheckpointTooLargeException extends RustyException {
  public CheckpointTooLargeException(String message) {
    super(message);
  }
}
