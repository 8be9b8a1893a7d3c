package io.rustyray.operator.actor;

import io.rustyray.operator.common.Reason;
import io.rustyray.operator.crd.ActorState;

/** Every reason a RustyActor's conditions and Events carry. */
public enum ActorReason implements Reason {
  /** The RustyCluster named by clusterRef does not exist (Argo CD: Missing). */
  ClusterNotFound,
  /** The cluster exists but cannot take the actor yet. */
  ClusterNotReady,
  /** The operator has no current picture from the head's state stream yet. */
  HeadConnecting,
  /**
   * A durable head came back and waits for its nodes to register again: the actor is not created
   * anew meanwhile.
   */
  HeadRecovering,
  /** A call to the head failed; retried. */
  HeadUnreachable,
  /** The spec cannot be turned into an actor (e.g. args that are not JSON values). */
  InvalidSpec,
  /** Another live actor on the cluster holds the name. */
  NameTaken,
  /** The head refused to create the actor (unknown class, wrong arguments). */
  CreateFailed,
  /** The actor is alive on a node. */
  ActorAlive,
  /** The actor is dead for good. */
  ActorDead,
  /** The actor's node died and it is being restarted. */
  ActorRestarting,
  /** The cluster has the actor but has not placed it yet. */
  ActorPending,
  /** Event: the actor waits for its creation. */
  ActorPendingCreation,
  /** Event: the actor waits for its arguments. */
  ActorDependenciesUnready,
  /** Event: the operator created the actor. */
  ActorCreated,
  /** Event: the spec changed, so the old actor was killed and a new one created. */
  ActorReplaced,
  /** Event: the cluster lost the actor (head replaced) and the operator created it again. */
  ActorRecreated,
  /**
   * Event: a restarted instance of a durable actor was given its newest checkpoint before any call.
   */
  Restored;

  /**
   * @param state an actor state
   * @return the reason of the Event that announces it
   */
  static ActorReason announcing(ActorState state) {
    return switch (state) {
      case ALIVE -> ActorAlive;
      case DEAD -> ActorDead;
      case RESTARTING -> ActorRestarting;
      case PENDING_CREATION -> ActorPendingCreation;
      case DEPENDENCIES_UNREADY -> ActorDependenciesUnready;
    };
  }
}
