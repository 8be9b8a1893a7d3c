package io.rustyray.runtime.placement;

/**
 * Resources given to a task or an actor: on a node's free pool, or on a placement group bundle's
 * reservation there.
 *
 * @param nodeId the node it runs on
 * @param address the node's address
 * @param placementGroupId the group whose bundle holds it, or empty for the node's pool
 * @param bundleIndex that bundle, or -1
 */
public record Grant(String nodeId, String address, String placementGroupId, int bundleIndex) {}
