package io.rustyray.runtime.gcs;

import io.rustyray.protocol.proto.ActorInstanceRef;
import io.rustyray.protocol.proto.ActorState;
import io.rustyray.protocol.proto.HostedInstance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * What a head that started on a durable store does with the actors it recovered: it keeps an
 * instance that its node reports when registering again (ALIVE, same incarnation, restarts
 * unchanged), restarts one whose node no longer has it, and, once the grace for nodes to come back
 * is over, restarts the actors of nodes that never did. Every method runs under the GCS lock.
 */
final class ActorRecovery {
  private static final Logger LOG = Logger.getLogger(ActorRecovery.class);

  private final Gcs gcs;
  private final ActorManager actors;
  private int lostWithNodes;

  ActorRecovery(Gcs gcs, ActorManager actors) {
    this.gcs = gcs;
    this.actors = actors;
  }

  boolean awaitingAnyNode() {
    return actors.records().values().stream().anyMatch(a -> a.awaitingNode);
  }

  int lostWithNodes() {
    return lostWithNodes;
  }

  /**
   * A node registers (again) with the instances it hosts.
   *
   * @param fresh whether the node is a new incarnation that may keep nothing (it was fenced)
   * @return the instances the node must end: this head does not know them at that incarnation
   */
  List<ActorInstanceRef> nodeRegistered(
      String nodeId, String address, List<HostedInstance> hosted, boolean fresh) {
    List<ActorInstanceRef> drop = new ArrayList<>();
    for (HostedInstance instance : hosted) {
      ActorRecord actor = actors.records().get(instance.getActorId());
      if (!fresh && keeps(actor, nodeId, instance)) {
        actor.awaitingNode = false;
        actor.nodeAddress = address;
        actor.workerId = instance.getWorkerId();
        actor.workerAddress = instance.getWorkerAddress();
        actor.workerPid = instance.getWorkerPid();
        actor.pendingReason = "";
        actor.state = ActorState.ALIVE;
        actor.bundleIndex =
            gcs.placementGroups().hold(actor.spec.getPlacement(), nodeId, actor.demand());
        LOG.infof("actor %s kept ALIVE on node %s after the head's restart", actor.actorId, nodeId);
        actors.changed(actor);
      } else {
        drop.add(
            ActorInstanceRef.newBuilder()
                .setActorId(instance.getActorId())
                .setIncarnation(instance.getIncarnation())
                .build());
      }
    }
    for (ActorRecord actor : new ArrayList<>(actors.records().values())) {
      if (actor.awaitingNode && actor.nodeId.equals(nodeId)) {
        lose(actor, "node " + nodeId + " no longer hosted it when it registered with the new head");
      }
    }
    return drop;
  }

  private static boolean keeps(ActorRecord actor, String nodeId, HostedInstance instance) {
    return actor != null
        && actor.awaitingNode
        && actor.nodeId.equals(nodeId)
        && actor.restarts == instance.getIncarnation();
  }

  /** The grace is over: the actors of nodes that did not come back restart (or end). */
  void graceEnded(Duration grace) {
    for (ActorRecord actor : new ArrayList<>(actors.records().values())) {
      if (actor.awaitingNode) {
        lostWithNodes++;
        lose(
            actor,
            String.format(
                "node %s did not register again within %.1f s of the head's restart",
                actor.nodeId, grace.toMillis() / 1000.0));
      }
    }
  }

  private void lose(ActorRecord actor, String cause) {
    boolean wasAlive = actor.state == ActorState.ALIVE;
    actor.unplace();
    if (wasAlive) {
      actors.failed(actor, cause);
    } else {
      // Its creation was in flight when the old head died: it never ran, so place it again.
      actors.place(actor);
    }
  }
}
