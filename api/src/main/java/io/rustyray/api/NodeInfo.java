package io.rustyray.api;

import java.util.Map;

/**
 * What the cluster knows of one node, as {@link Rusty#getAllNodeInfo()} lists it.
 *
 * @param nodeId the node's id
 * @param address where it listens
 * @param alive whether it is alive
 * @param head whether it is the head's own node
 * @param totalResources its logical resources
 * @param availableResources what of them no task, actor or placement group holds
 */
public record NodeInfo(
    String nodeId,
    String address,
    boolean alive,
    boolean head,
    Map<String, Double> totalResources,
    Map<String, Double> availableResources) {
  public NodeInfo {
    totalResources = Map.copyOf(totalResources);
    availableResources = Map.copyOf(availableResources);
  }
}
