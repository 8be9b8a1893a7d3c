package io.rustyray.operator.actor;

import io.rustyray.operator.crd.RustyActor;
import io.rustyray.operator.crd.RustyActorStatus;
import io.rustyray.protocol.proto.ActorInfo;
import io.rustyray.protocol.proto.CheckpointInfo;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Says when a durable actor was restored from its checkpoint, once per restore. Whether a restore
 * is news is derived from what was observed, not from the trigger of a reconciliation: the restores
 * count the status already shows for the same actor (so a restarted operator does not announce the
 * restores before it again), and, within a run, the count last announced here (the informer's cache
 * may not show our own status patch yet when the next reconciliation runs).
 */
final class RestoreAnnouncer {
  private record Announced(String actorId, int restores) {}

  private final Map<String, Announced> announced = new ConcurrentHashMap<>();

  /**
   * @param actor the resource, with the status it shows
   * @param info the head's record of its actor
   * @return the message of the Restored Event when the head counts a restore not announced yet
   */
  Optional<String> restored(RustyActor actor, ActorInfo info) {
    if (!info.hasCheckpoint()) {
      return Optional.empty();
    }
    CheckpointInfo checkpoint = info.getCheckpoint();
    String uid = actor.getMetadata().getUid();
    int before = announcedBefore(uid, actor.getStatus(), info.getActorId());
    int now = checkpoint.getRestores();
    if (uid != null) {
      announced.put(uid, new Announced(info.getActorId(), Math.max(before, now)));
    }
    if (now <= before) {
      return Optional.empty();
    }
    return Optional.of(message(checkpoint));
  }

  /**
   * Forgets a deleted resource.
   *
   * @param actor the resource
   */
  void forget(RustyActor actor) {
    announced.remove(actor.getMetadata().getUid());
  }

  private int announcedBefore(String uid, RustyActorStatus shown, String actorId) {
    Announced last = uid == null ? null : announced.get(uid);
    if (last != null && last.actorId().equals(actorId)) {
      return last.restores();
    }
    // Another actor's restores (one the spec replaced, or the head lost) are not this one's.
    if (shown != null && actorId.equals(shown.getActorId()) && shown.getRestores() != null) {
      return shown.getRestores();
    }
    return 0;
  }

  /**
   * @param checkpoint what the head holds, after a restore
   * @return "instance restored from the checkpoint of call N taken at T (restore K)"
   */
  static String message(CheckpointInfo checkpoint) {
    return "instance restored from the checkpoint of call "
        + checkpoint.getRestoredCalls()
        + (checkpoint.getRestoredTakenAtMs() > 0
            ? " taken at " + ActorStatusComputer.time(checkpoint.getRestoredTakenAtMs())
            : "")
        + " (restore "
        + checkpoint.getRestores()
        + ")";
  }
}
