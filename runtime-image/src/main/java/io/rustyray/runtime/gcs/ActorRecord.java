package io.rustyray.runtime.gcs;

import io.rustyray.protocol.proto.ActorInfo;
import io.rustyray.protocol.proto.ActorSpec;
import io.rustyray.protocol.proto.ActorState;
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

  /** Where to place the next instance first: the node of a worker that died. */
  String preferredNode = "";

  ActorRecord(String actorId, ActorSpec spec, ActorState state) {
    this.actorId = actorId;
    this.spec = spec;
    this.state = state;
  }

  ResourceSet demand() {
    return ResourceSet.of(spec.getResources());
  }

  boolean placed() {
    return !nodeId.isEmpty();
  }

  /** Forgets where the instance was: it is gone, or never came to be. */
  void unplace() {
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

  ActorInfo info() {
    return ActorInfo.newBuilder()
        .setActorId(actorId)
        .setName(spec.getName())
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
        .build();
  }
}
