package io.rustyray.runtime.gcs;

import io.grpc.Status;
import io.grpc.StatusException;
import io.rustyray.protocol.proto.ActorCheckpoint;
import io.rustyray.protocol.proto.ActorSpec;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The newest checkpoint of every durable actor, written to the head's store before the worker that
 * took it hears that it is kept (with no durable store, the memory store holds them: they outlive
 * workers and nodes, not the head). Saves run outside the GCS lock, since a store write may wait
 * for an fsync or a round trip to Redis; each one holds only its actor's slot.
 */
final class ActorCheckpoints {
  private final DurableTables tables;
  private final long limitBytes;
  private final Map<String, CheckpointSlot> slots = new ConcurrentHashMap<>();

  /**
   * @param tables where checkpoints are written
   * @param limitBytes the largest checkpoint kept
   */
  ActorCheckpoints(DurableTables tables, long limitBytes) {
    this.tables = tables;
    this.limitBytes = limitBytes;
  }

  long limitBytes() {
    return limitBytes;
  }

  /**
   * @return the slot of a new durable actor, or null when its spec asks for no checkpoint
   */
  CheckpointSlot open(String actorId, ActorSpec spec, int incarnation, ActorCheckpoint kept) {
    if (!spec.hasCheckpoint()) {
      return null;
    }
    CheckpointSlot slot = new CheckpointSlot(actorId, spec.getCheckpoint(), incarnation, kept);
    slots.put(actorId, slot);
    return slot;
  }

  /** The actor ended for good: its checkpoint goes. */
  void close(String actorId) {
    CheckpointSlot slot = slots.remove(actorId);
    if (slot != null) {
      slot.close();
      tables.deleteCheckpoint(actorId);
    }
  }

  Collection<CheckpointSlot> slots() {
    return slots.values();
  }

  /**
   * Keeps a checkpoint that the actor's current instance took.
   *
   * @throws StatusException RESOURCE_EXHAUSTED over the limit, ABORTED ("fenced:") from an instance
   *     that is not the current one, FAILED_PRECONDITION for an actor that is not durable or has
   *     ended, UNAVAILABLE while the store cannot be written
   */
  void save(String actorId, ActorCheckpoint checkpoint) throws StatusException {
    CheckpointSlot slot = slots.get(actorId);
    if (slot == null) {
      throw Status.FAILED_PRECONDITION
          .withDescription(
              "actor " + actorId + " is not a live durable actor of this head; nothing was kept")
          .asException();
    }
    if (checkpoint.getState().size() > limitBytes) {
      throw Status.RESOURCE_EXHAUSTED
          .withDescription(
              "the checkpoint of actor "
                  + actorId
                  + " is "
                  + checkpoint.getState().size()
                  + " bytes, over the head's limit of "
                  + limitBytes
                  + " bytes (--max-checkpoint-bytes)")
          .asException();
    }
    synchronized (slot) {
      if (slot.closed()) {
        throw Status.FAILED_PRECONDITION
            .withDescription("actor " + actorId + " has ended; its checkpoint is not kept")
            .asException();
      }
      if (checkpoint.getIncarnation() != slot.incarnation()) {
        throw Status.ABORTED
            .withDescription(
                "fenced: instance "
                    + checkpoint.getIncarnation()
                    + " of actor "
                    + actorId
                    + " is not its current one ("
                    + slot.incarnation()
                    + "), so its state is not kept; the call did not take effect, ask the head"
                    + " again")
            .asException();
      }
      ActorCheckpoint latest = slot.latest();
      if (latest != null && latest.getCalls() > checkpoint.getCalls()) {
        return; // a newer one of the same instance is kept already, and includes this one's calls
      }
      tables.putCheckpointOrFail(actorId, checkpoint);
      slot.kept(checkpoint);
    }
  }
}
