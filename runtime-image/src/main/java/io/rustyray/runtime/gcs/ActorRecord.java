package io.rustyray.runtime.gcs;

import io.rustyray.protocol.proto.ActorCheckpoint;
import io.rustyray.protocol.proto.ActorInfo;
import io.rustyray.protocol.proto.ActorSpec;
import io.rustyray.protocol.proto.ActorState;
import io.rustyray.protocol.proto.CheckpointInfo;
import io.rustyray.protocol.proto.StoredActor;
import io.rustyray.runtime.placement.Grant;
import io.rustyray.runtime.scheduler.ResourceSet;

/** One actor in the GCS, moving through Ray's actor state machine. Used under the GCS lock. */
final class ActorRecord {
  final String actorId;
  ActorSpec spec;
  ActorState state;
  String nodeId = "";
  String nodeAddress = "";
  int restarts;
  String deathCause = "";
  String pendingReason = "";

  /** The worker process that hosts the instance, once it is ALIVE. */
  String workerId = "";

  String workerAddress = "";
  long workerPid;

  /** Placement groups: the bundle whose reservation the instance holds, or -1. */
  int bundleIndex = -1;

  /** Where to place the next instance first: the node of a worker that died. */
  String preferredNode = "";

  /**
   * Recovered from the store by a new head, on a node that has not registered with it yet: its
   * resources are not held in the scheduler until the node says it still hosts the instance.
   */
  boolean awaitingNode;

  /** A durable actor's checkpoint at the head; null for an actor that keeps none. */
  CheckpointSlot checkpoint;

  /** Instances built again from a checkpoint, and the newest such restore. */
  int restores;

  ActorCheckpoint restoredFrom;
  long restoredAtMs;

  ActorRecord(String actorId, ActorSpec spec, ActorState state) {
    this.actorId = actorId;
    this.spec = spec;
    this.state = state;
  }

  ResourceSet demand() {
    return ResourceSet.of(spec.getResources());
  }

  /** What the instance holds, for giving it back. */
  Grant grant() {
    return new Grant(nodeId, nodeAddress, spec.getPlacement().getPlacementGroupId(), bundleIndex);
  }

  boolean placed() {
    return !nodeId.isEmpty();
  }

  /** Forgets where the instance was: it is gone, or never came to be. */
  void unplace() {
    awaitingNode = false;
    bundleIndex = -1;
    nodeId = "";
    nodeAddress = "";
    workerId = "";
    workerAddress = "";
    workerPid = 0;
  }

  boolean settled() {
    return state == ActorState.ALIVE || state == ActorState.DEAD;
  }

  boolean canRestart() {
    return spec.getMaxRestarts() == -1 || restarts < spec.getMaxRestarts();
  }

  StoredActor stored() {
    return StoredActor.newBuilder()
        .setSpec(spec)
        .setInfo(info())
        .setPreferredNode(preferredNode)
        .build();
  }

  /** The record a new head rebuilds from its store. */
  static ActorRecord recovered(StoredActor stored) {
    ActorInfo info = stored.getInfo();
    ActorRecord actor = new ActorRecord(info.getActorId(), stored.getSpec(), info.getState());
    actor.nodeId = info.getNodeId();
    actor.nodeAddress = info.getNodeAddress();
    actor.restarts = info.getRestarts();
    actor.deathCause = info.getDeathCause();
    actor.pendingReason = info.getPendingReason();
    actor.workerId = info.getWorkerId();
    actor.workerAddress = info.getWorkerAddress();
    actor.workerPid = info.getWorkerPid();
    actor.preferredNode = stored.getPreferredNode();
    actor.awaitingNode = actor.placed() && actor.state != ActorState.DEAD;
    CheckpointInfo checkpoint = info.getCheckpoint();
    actor.restores = checkpoint.getRestores();
    if (checkpoint.getRestores() > 0) {
      actor.restoredFrom =
          ActorCheckpoint.newBuilder()
              .setCalls(checkpoint.getRestoredCalls())
              .setTakenAtMs(checkpoint.getRestoredTakenAtMs())
              .build();
      actor.restoredAtMs = checkpoint.getRestoredAtMs();
    }
    return actor;
  }

  /** A new instance came alive with {@code checkpoint} loaded. */
  void restored(ActorCheckpoint checkpoint, long atMs) {
    restores++;
    restoredFrom = checkpoint;
    restoredAtMs = atMs;
  }

  ActorInfo info() {
    ActorInfo.Builder info = ActorInfo.newBuilder();
    if (checkpoint != null) {
      info.setCheckpoint(checkpointInfo());
    }
    return info.setActorId(actorId)
        .setName(spec.getName())
        .setNamespace(spec.getNamespace())
        .setState(state)
        .setClassName(spec.getConstructor().getClassName())
        .setNodeId(nodeId)
        .setNodeAddress(nodeAddress)
        .setRestarts(restarts)
        .setMaxRestarts(spec.getMaxRestarts())
        .setDeathCause(deathCause)
        .setPendingReason(pendingReason)
        .setDetached(spec.getDetached())
        .setResources(spec.getResources())
        .setJobId(spec.getJobId())
        .setWorkerId(workerId)
        .setWorkerAddress(workerAddress)
        .setWorkerPid(workerPid)
        .setPlacementGroupId(spec.getPlacement().getPlacementGroupId())
        .setBundleIndex(spec.hasPlacement() ? spec.getPlacement().getBundleIndex() : -1)
        .build();
  }

  private CheckpointInfo checkpointInfo() {
    CheckpointInfo.Builder info =
        CheckpointInfo.newBuilder().setPolicy(checkpoint.policy).setRestores(restores);
    ActorCheckpoint latest = checkpoint.latest();
    if (latest != null) {
      info.setCalls(latest.getCalls())
          .setTakenAtMs(latest.getTakenAtMs())
          .setSizeBytes(latest.getState().size());
    }
    if (restoredFrom != null) {
      info.setRestoredCalls(restoredFrom.getCalls())
          .setRestoredTakenAtMs(restoredFrom.getTakenAtMs())
          .setRestoredAtMs(restoredAtMs);
    }
    return info.build();
  }
}
