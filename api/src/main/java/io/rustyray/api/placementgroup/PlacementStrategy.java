package io.rustyray.api.placementgroup;

/** How a placement group's bundles are laid out on nodes, as in Ray. */
public enum PlacementStrategy {
  /** As few nodes as possible; bundles may go to several nodes when one does not fit them all. */
  PACK,
  /** As many nodes as possible; bundles may share a node when there are too few. */
  SPREAD,
  /** All bundles on one node, or the group stays pending. */
  STRICT_PACK,
  /** Every bundle on a node of its own, or the group stays pending. */
  STRICT_SPREAD
}
