package io.rustyray.api.placementgroup;

/** Where a placement group is in its life, as Ray names the states. */
public enum PlacementGroupState {
  /** Waiting for nodes that fit its bundles. */
  PENDING,
  /** Every bundle is reserved on a node. */
  CREATED,
  /** A node holding some of its bundles died; they are being reserved again. */
  RESCHEDULING,
  /** Removed; its resources are free again and the actors in it are dead. */
  REMOVED
}
