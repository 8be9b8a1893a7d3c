package io.rustyray.runtime.scheduler;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Logical resources of the alive nodes, what is allocated on each, and where a demand fits. Spreads
 * load: among the nodes that fit, the one with the largest share of its CPUs free wins. Not thread
 * safe: the GCS calls it under its lock.
 */
public final class ResourceScheduler {
  private final Map<String, NodeResources> nodes = new LinkedHashMap<>();
  private long placements;

  /** A node's resources as the scheduler sees them. */
  public static final class NodeResources {
    final String nodeId;
    final String address;
    final ResourceSet total;
    ResourceSet available;
    long lastPlacement;

    NodeResources(String nodeId, String address, ResourceSet total) {
      this.nodeId = nodeId;
      this.address = address;
      this.total = total;
      this.available = total;
    }

    public String nodeId() {
      return nodeId;
    }

    public String address() {
      return address;
    }

    public ResourceSet total() {
      return total;
    }

    public ResourceSet available() {
      return available;
    }

    double freeCpuShare() {
      double cpus = total.get("cpu");
      return cpus == 0 ? 0 : available.get("cpu") / cpus;
    }
  }

  public void addNode(String nodeId, String address, ResourceSet total) {
    nodes.put(nodeId, new NodeResources(nodeId, address, total));
  }

  public void removeNode(String nodeId) {
    nodes.remove(nodeId);
  }

  public Optional<NodeResources> node(String nodeId) {
    return Optional.ofNullable(nodes.get(nodeId));
  }

  /**
   * Finds a node for {@code demand} and allocates it there.
   *
   * @param demand the resources asked for
   * @return the node, or empty when none has them free now
   */
  public Optional<NodeResources> allocate(ResourceSet demand) {
    return allocate(demand, Set.of());
  }

  /**
   * Finds a node for {@code demand}, other than those {@code excluded}, and allocates it there.
   *
   * @param demand the resources asked for
   * @param excluded ids of nodes not to choose
   * @return the node, or empty when none of the others has them free now
   */
  public Optional<NodeResources> allocate(ResourceSet demand, Set<String> excluded) {
    Optional<NodeResources> best =
        nodes.values().stream()
            .filter(n -> !excluded.contains(n.nodeId) && n.available.fits(demand))
            .max(
                Comparator.comparingDouble(NodeResources::freeCpuShare)
                    .thenComparing(n -> -n.lastPlacement));
    best.ifPresent(
        n -> {
          n.available = n.available.minus(demand);
          n.lastPlacement = ++placements;
        });
    return best;
  }

  /**
   * Allocates {@code demand} on {@code preferred} when it fits there, else wherever it fits: an
   * actor whose worker process died comes back on its node, next to its objects, when it can.
   *
   * @param demand the resources asked for
   * @param preferred the id of the node to try first, or empty
   * @return the node, or empty when none has them free now
   */
  public Optional<NodeResources> allocatePreferring(ResourceSet demand, String preferred) {
    NodeResources first = nodes.get(preferred);
    if (first != null && first.available.fits(demand)) {
      first.available = first.available.minus(demand);
      first.lastPlacement = ++placements;
      return Optional.of(first);
    }
    return allocate(demand);
  }

  /**
   * @return the alive nodes, in the order they joined
   */
  public java.util.List<NodeResources> nodes() {
    return java.util.List.copyOf(nodes.values());
  }

  /**
   * Allocates {@code demand} on one node, if it is alive and has it free: a placement group's
   * bundle is reserved on the node its packing chose.
   *
   * @return whether it was allocated
   */
  public boolean allocateOn(String nodeId, ResourceSet demand) {
    NodeResources n = nodes.get(nodeId);
    if (n == null || !n.available.fits(demand)) {
      return false;
    }
    n.available = n.available.minus(demand);
    n.lastPlacement = ++placements;
    return true;
  }

  /**
   * Takes {@code demand} on a given node whatever is free there: an instance that a node reports it
   * still hosts, after a head restart, holds its resources already.
   */
  public void hold(String nodeId, ResourceSet demand) {
    NodeResources n = nodes.get(nodeId);
    if (n != null) {
      n.available = n.available.minus(demand);
    }
  }

  /** Gives back what {@link #allocate} took, if the node is still there. */
  public void release(String nodeId, ResourceSet demand) {
    NodeResources n = nodes.get(nodeId);
    if (n != null) {
      n.available = n.available.plus(demand);
    }
  }

  /**
   * @param demand resources that fit nowhere now
   * @return why, in words a user can act on
   */
  public String whyNothingFits(ResourceSet demand) {
    if (nodes.isEmpty()) {
      return "no node is alive to place " + demand;
    }
    boolean everFits = nodes.values().stream().anyMatch(n -> n.total.fits(demand));
    String view =
        nodes.values().stream()
            .map(n -> n.nodeId + " has " + n.available + " free of " + n.total)
            .collect(Collectors.joining("; "));
    return (everFits
            ? "waiting for " + demand + " to become free"
            : "no alive node has " + demand + " in total; waiting for one to join")
        + " ("
        + view
        + ")";
  }
}
