package io.rustyray.protocol.checkpoint;

/** A checkpoint over the cluster's size limit: the call that took it fails, the last one stays. */
public final class CheckpointTooLarge extends Exception {
  public CheckpointTooLarge(String message) {
    super(message);
  }
}
