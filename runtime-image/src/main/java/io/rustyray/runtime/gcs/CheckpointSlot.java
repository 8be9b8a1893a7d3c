package io.rustyray.runtime.gcs;

import io.rustyray.protocol.proto.ActorCheckpoint;
import io.rustyray.protocol.proto.CheckpointPolicy;

/**
 * Where a durable actor's newest checkpoint lives at the head, and which instance may replace it.
 * Saves and restarts meet here under this object's monitor: a restart moves the slot to the new
 * incarnation before the new instance is given the checkpoint, so a late save from the old instance
 * can never replace what the new one started from.
 */
final class CheckpointSlot {
  final String actorId;
  final CheckpointPolicy policy;
  private int incarnation;
  private ActorCheckpoint latest;
  private boolean closed;
  private boolean unpublished;

  CheckpointSlot(String actorId, CheckpointPolicy policy, int incarnation, ActorCheckpoint latest) {
    this.actorId = actorId;
    this.policy = policy;
    this.incarnation = incarnation;
    this.latest = latest;
  }

  /** The instance of this incarnation is now the only one whose saves are kept. */
  synchronized void moveTo(int incarnation) {
    this.incarnation = incarnation;
  }

  synchronized int incarnation() {
    return incarnation;
  }

  /**
   * @return the newest checkpoint, or null before the first
   */
  synchronized ActorCheckpoint latest() {
    return latest;
  }

  synchronized void kept(ActorCheckpoint checkpoint) {
    latest = checkpoint;
    unpublished = true;
  }

  /** The actor ended: no save is kept any more. */
  synchronized void close() {
    closed = true;
  }

  synchronized boolean closed() {
    return closed;
  }

  /**
   * @return true once per run of saves since the state stream last heard of them
   */
  synchronized boolean takeUnpublished() {
    boolean was = unpublished;
    unpublished = false;
    return was;
  }
}
