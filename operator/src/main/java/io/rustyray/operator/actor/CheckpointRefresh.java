package io.rustyray.operator.actor;

import io.rustyray.operator.common.StatusPatches;
import io.rustyray.operator.crd.CheckpointStatus;
import io.rustyray.operator.crd.RustyActor;
import io.rustyray.operator.crd.RustyActorStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps a busy durable actor from turning its checkpoints into a stream of status writes: the head
 * reports the newest checkpoint of each actor every second while calls run, and a patch per actor
 * per second would load the API server for nobody's benefit. A status whose only news is a newer
 * checkpoint keeps showing the current one until that was shown for {@link #EVERY}; the
 * reconciliation comes back then to show the newest. Any other change (state, node, restores) is
 * written at once, with the newest checkpoint.
 */
final class CheckpointRefresh {
  /** How long a shown checkpoint stays when it is the only news. */
  static final Duration EVERY = Duration.ofSeconds(10);

  /** When this operator last showed a checkpoint in each resource's status (by uid). */
  private final Map<String, Instant> shownAt = new ConcurrentHashMap<>();

  /**
   * @param actor the resource, with the status it shows
   * @param next its new status; its checkpoint is put back to the shown one when held back
   * @param now the time
   * @return when the held-back checkpoint may be shown, or empty when {@code next} is written as it
   *     is
   */
  Optional<Duration> holdBack(RustyActor actor, RustyActorStatus next, Instant now) {
    RustyActorStatus shown = actor.getStatus();
    String uid = actor.getMetadata().getUid();
    if (shown == null
        || uid == null
        || StatusPatches.same(shown.getLastCheckpoint(), next.getLastCheckpoint())) {
      return Optional.empty();
    }
    Instant since = shownAt.get(uid);
    // Nothing shown yet, or by an earlier run of the operator: the first one goes out at once.
    if (since != null && shown.getLastCheckpoint() != null) {
      Duration left = Duration.between(now, since.plus(EVERY));
      if (!left.isNegative() && !left.isZero() && onlyTheCheckpointDiffers(shown, next)) {
        next.setLastCheckpoint(shown.getLastCheckpoint());
        return Optional.of(left);
      }
    }
    shownAt.put(uid, now);
    return Optional.empty();
  }

  /**
   * Forgets a deleted resource.
   *
   * @param actor the resource
   */
  void forget(RustyActor actor) {
    shownAt.remove(actor.getMetadata().getUid());
  }

  private static boolean onlyTheCheckpointDiffers(RustyActorStatus shown, RustyActorStatus next) {
    CheckpointStatus newest = next.getLastCheckpoint();
    next.setLastCheckpoint(shown.getLastCheckpoint());
    boolean same = StatusPatches.same(shown, next);
    next.setLastCheckpoint(newest);
    return same;
  }
}
