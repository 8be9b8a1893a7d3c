package io.rustyray.runtime.placement;

import io.grpc.Status;
import io.grpc.StatusException;
import io.rustyray.protocol.proto.BundlePlacement;
import io.rustyray.protocol.proto.GetPlacementGroupReply;
import io.rustyray.protocol.proto.PlacementGroupInfo;
import io.rustyray.protocol.proto.PlacementGroupSpec;
import io.rustyray.protocol.proto.PlacementGroupState;
import io.rustyray.runtime.placement.PlacementGroupRecord.Bundle;
import io.rustyray.runtime.scheduler.ResourceScheduler;
import io.rustyray.runtime.scheduler.ResourceScheduler.NodeResources;
import io.rustyray.runtime.scheduler.ResourceSet;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The head's placement groups: reserves each group's bundles on nodes per its strategy, all or
 * none, out of the scheduler's free pool; gives tasks and actors placed in a bundle their resources
 * out of its reservation; reserves again the bundles of a node that died; frees everything when a
 * group is removed. Every method runs under the GCS lock.
 */
public final class PlacementGroupManager {
  private static final Logger LOG = Logger.getLogger(PlacementGroupManager.class);

  /** REMOVED groups kept for listing; the oldest leave beyond it. */
  static final int REMOVED_RETENTION = 1000;

  /** What the rest of the head hears from placement groups. */
  public interface Listener {
    /** A group was created or changed state: the state stream tells it. */
    void changed(PlacementGroupInfo group);

    /** A group was removed: the actors placed in it die with {@code cause}. */
    void removed(String placementGroupId, String cause);

    /** A removed group left the head's memory (beyond the retention): its record goes too. */
    void forgotten(String placementGroupId);
  }

  private final ResourceScheduler scheduler;
  private final Object lock;
  private final Listener listener;
  private final Map<String, PlacementGroupRecord> groups = new LinkedHashMap<>();
  private final Map<String, String> liveNames = new HashMap<>();
  private final ArrayDeque<String> removedOrder = new ArrayDeque<>();
  private final Map<String, List<CompletableFuture<PlacementGroupInfo>>> waiters = new HashMap<>();

  /**
   * @param scheduler the nodes' resources, from which bundles are reserved
   * @param lock the GCS lock, that every call holds
   * @param listener told of changes and removals
   */
  public PlacementGroupManager(ResourceScheduler scheduler, Object lock, Listener listener) {
    this.scheduler = scheduler;
    this.lock = lock;
    this.listener = listener;
  }

  /**
   * Records a group and reserves its bundles now if they fit; else it stays PENDING until they do.
   *
   * @throws StatusException INVALID_ARGUMENT for a spec that cannot be a group, ALREADY_EXISTS for
   *     a name its namespace has
   */
  public PlacementGroupInfo create(PlacementGroupSpec spec) throws StatusException {
    PlacementGroupSpecCheck.check(spec);
    String key = nameKey(spec.getNamespace(), spec.getName());
    if (!spec.getName().isEmpty() && liveNames.containsKey(key)) {
      throw Status.ALREADY_EXISTS
          .withDescription(
              "a placement group named '"
                  + spec.getName()
                  + "' already exists"
                  + (spec.getNamespace().isEmpty() ? "" : " in namespace " + spec.getNamespace())
                  + " ("
                  + liveNames.get(key)
                  + "); remove it first or pick another name")
          .asException();
    }
    String id = "pg-" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    PlacementGroupRecord group = new PlacementGroupRecord(id, spec, System.currentTimeMillis());
    groups.put(id, group);
    if (!spec.getName().isEmpty()) {
      liveNames.put(key, id);
    }
    LOG.infof(
        "placement group %s%s created: %s, bundles %s",
        id,
        spec.getName().isEmpty() ? "" : " (" + spec.getName() + ")",
        spec.getStrategy(),
        group.shapes());
    if (!tryReserve(group)) {
      changed(group);
    }
    return group.info();
  }

  private static String nameKey(String namespace, String name) {
    return namespace + "\u0000" + name;
  }

  /** Reserves what every PENDING or RESCHEDULING group needs, oldest first, where it fits now. */
  public void placePending() {
    for (PlacementGroupRecord group : new ArrayList<>(groups.values())) {
      if (group.awaitingNodes()) {
        tryReserve(group);
      }
    }
  }

  /**
   * @return whether the group is CREATED now (and the change told)
   */
  private boolean tryReserve(PlacementGroupRecord group) {
    Map<String, ResourceSet> free = new LinkedHashMap<>();
    for (NodeResources node : scheduler.nodes()) {
      free.put(node.nodeId(), node.available());
    }
    Optional<Map<Integer, String>> layout =
        BundlePacker.pack(group.shapes(), group.reservedNodes(), group.spec.getStrategy(), free);
    if (layout.isEmpty()) {
      String reason = whyPending(group);
      if (!reason.equals(group.pendingReason)) {
        group.pendingReason = reason;
        changed(group);
      }
      return false;
    }
    for (Map.Entry<Integer, String> placed : layout.get().entrySet()) {
      Bundle bundle = group.bundles.get(placed.getKey());
      NodeResources node = scheduler.node(placed.getValue()).orElseThrow();
      if (!scheduler.allocateOn(node.nodeId(), bundle.total)) {
        throw new IllegalStateException(
            "bundle " + bundle.index + " no longer fits node " + node.nodeId() + " as packed");
      }
      bundle.reserve(node.nodeId(), node.address());
    }
    group.state = PlacementGroupState.PG_CREATED;
    group.pendingReason = "";
    LOG.infof("placement group %s created on %s", group.id, group.reservedNodes());
    changed(group);
    return true;
  }

  private String whyPending(PlacementGroupRecord group) {
    List<ResourceSet> open =
        group.bundles.stream().filter(b -> !b.reserved()).map(b -> b.total).toList();
    List<NodeResources> nodes = scheduler.nodes();
    String need =
        switch (group.spec.getStrategy()) {
          case STRATEGY_STRICT_PACK -> "one node with " + sum(open) + " free for all its bundles";
          case STRATEGY_STRICT_SPREAD ->
              open.size() + " distinct node(s), one for each of " + open + ", with it free";
          default -> "room for its bundles " + open;
        };
    String view =
        nodes.isEmpty()
            ? "no node is alive"
            : nodes.size()
                + " node(s) alive: "
                + nodes.stream()
                    .map(n -> n.nodeId() + " has " + n.available() + " free of " + n.total())
                    .collect(Collectors.joining("; "));
    return "waiting for " + need + " (" + view + ")";
  }

  private static ResourceSet sum(List<ResourceSet> sets) {
    ResourceSet total = ResourceSet.of(Map.of());
    for (ResourceSet s : sets) {
      total = total.plus(s);
    }
    return total;
  }

  /**
   * A node died: its bundles lose their reservation (and what ran in them), and their groups are
   * RESCHEDULING until those bundles are reserved again, which is tried at once.
   */
  public void onNodeDead(String nodeId) {
    for (PlacementGroupRecord group : groups.values()) {
      if (group.removed()) {
        continue;
      }
      boolean lost = false;
      for (Bundle bundle : group.bundles) {
        if (bundle.nodeId.equals(nodeId)) {
          bundle.unreserve();
          lost = true;
        }
      }
      if (lost) {
        group.state = PlacementGroupState.PG_RESCHEDULING;
        group.pendingReason = "node " + nodeId + " died with some of its bundles";
        LOG.infof("placement group %s rescheduling: node %s died", group.id, nodeId);
        changed(group);
        tryReserve(group);
      }
    }
  }

  /**
   * @param placement where a task or actor asks to run, or the default instance for nowhere
   * @return why it cannot run there ever (the group is unknown, removed, or has no such bundle)
   */
  public Optional<String> refusal(BundlePlacement placement) {
    if (placement.getPlacementGroupId().isEmpty()) {
      return Optional.empty();
    }
    PlacementGroupRecord group = groups.get(placement.getPlacementGroupId());
    if (group == null) {
      return Optional.of("there is no placement group " + placement.getPlacementGroupId());
    }
    if (group.removed()) {
      return Optional.of(
          "placement group " + group.id + " was removed (" + group.removalCause + ")");
    }
    int index = placement.getBundleIndex();
    if (index < -1 || index >= group.bundles.size()) {
      return Optional.of(
          "bundle index "
              + index
              + " is out of range for placement group "
              + group.id
              + ", which has "
              + group.bundles.size()
              + " bundle(s)");
    }
    return Optional.empty();
  }

  /**
   * Gives a task or actor its resources: from its bundle's reservation when it has a placement (on
   * the preferred node's bundle first when it asks for any bundle), else from the node pool.
   *
   * @param placement the bundle, or the default instance for the node pool
   * @param demand what it needs
   * @param excluded nodes not to choose
   * @param preferred a node to try first, or empty
   * @return the grant, or empty when nothing has it free now
   */
  public Optional<Grant> allocate(
      BundlePlacement placement, ResourceSet demand, Set<String> excluded, String preferred) {
    if (placement.getPlacementGroupId().isEmpty()) {
      Optional<NodeResources> node =
          preferred.isEmpty()
              ? scheduler.allocate(demand, excluded)
              : scheduler.allocatePreferring(demand, preferred);
      return node.map(n -> new Grant(n.nodeId(), n.address(), "", -1));
    }
    PlacementGroupRecord group = groups.get(placement.getPlacementGroupId());
    if (group == null || group.removed()) {
      return Optional.empty();
    }
    List<Bundle> candidates =
        group.bundles.stream()
            .filter(b -> placement.getBundleIndex() == -1 || b.index == placement.getBundleIndex())
            .filter(b -> b.reserved() && !b.awaitingNode && !excluded.contains(b.nodeId))
            .filter(b -> b.available.fits(demand))
            .sorted(
                (a, b) -> Boolean.compare(!a.nodeId.equals(preferred), !b.nodeId.equals(preferred)))
            .toList();
    if (candidates.isEmpty()) {
      return Optional.empty();
    }
    Bundle bundle = candidates.get(0);
    bundle.available = bundle.available.minus(demand);
    return Optional.of(new Grant(bundle.nodeId, bundle.address, group.id, bundle.index));
  }

  /**
   * Gives back what {@link #allocate} granted: to the bundle while it is still reserved on that
   * node (a bundle reserved again elsewhere starts afresh), else to the node.
   */
  public void release(Grant grant, ResourceSet demand) {
    if (grant.placementGroupId().isEmpty()) {
      scheduler.release(grant.nodeId(), demand);
      return;
    }
    PlacementGroupRecord group = groups.get(grant.placementGroupId());
    if (group == null || group.removed() || grant.bundleIndex() < 0) {
      return;
    }
    Bundle bundle = group.bundles.get(grant.bundleIndex());
    if (bundle.nodeId.equals(grant.nodeId())) {
      bundle.available = bundle.available.plus(demand);
    }
  }

  /**
   * @return why {@code demand} does not run now where {@code placement} asks, in words a user can
   *     act on
   */
  public String whyNothingFits(BundlePlacement placement, ResourceSet demand) {
    if (placement.getPlacementGroupId().isEmpty()) {
      return scheduler.whyNothingFits(demand);
    }
    PlacementGroupRecord group = groups.get(placement.getPlacementGroupId());
    if (group == null || group.removed()) {
      return refusal(placement).orElse("its placement group is gone");
    }
    String where =
        placement.getBundleIndex() == -1
            ? "placement group " + group.id
            : "bundle " + placement.getBundleIndex() + " of placement group " + group.id;
    if (group.awaitingNodes()) {
      return "waiting for "
          + where
          + ", which is "
          + state(group.state)
          + ": "
          + group.pendingReason;
    }
    String bundles =
        group.bundles.stream()
            .filter(b -> placement.getBundleIndex() == -1 || b.index == placement.getBundleIndex())
            .map(b -> "bundle " + b.index + " has " + b.available + " free of " + b.total)
            .collect(Collectors.joining("; "));
    return "waiting for " + demand + " to become free in " + where + " (" + bundles + ")";
  }

  /**
   * A new head takes the groups its store kept. The bundles reserved on nodes hold nothing until
   * their node registers with this head ({@link #nodeRegistered}); those whose node does not come
   * back within the recovery grace are reserved again elsewhere ({@link #recoveryEnded}).
   */
  public void recover(List<PlacementGroupInfo> stored) {
    for (PlacementGroupInfo info : stored) {
      PlacementGroupRecord group = PlacementGroupRecord.recovered(info);
      groups.put(group.id, group);
      if (group.removed()) {
        removedOrder.add(group.id);
      } else if (!group.spec.getName().isEmpty()) {
        liveNames.put(nameKey(group.spec.getNamespace(), group.spec.getName()), group.id);
      }
    }
    if (!stored.isEmpty()) {
      LOG.infof("recovered %d placement group(s)", stored.size());
    }
  }

  /**
   * @return whether some recovered bundle waits for its node to register again
   */
  public boolean awaitingAnyNode() {
    return groups.values().stream().anyMatch(g -> g.bundles.stream().anyMatch(b -> b.awaitingNode));
  }

  /** A node registered: the recovered bundles on it hold their reservation there again. */
  public void nodeRegistered(String nodeId) {
    for (PlacementGroupRecord group : groups.values()) {
      for (Bundle bundle : group.bundles) {
        if (bundle.awaitingNode && bundle.nodeId.equals(nodeId)) {
          scheduler.hold(nodeId, bundle.total);
          bundle.awaitingNode = false;
        }
      }
    }
  }

  /** The recovery grace is over: bundles whose node did not come back are reserved again. */
  public void recoveryEnded() {
    for (PlacementGroupRecord group : new ArrayList<>(groups.values())) {
      boolean lost = false;
      for (Bundle bundle : group.bundles) {
        if (bundle.awaitingNode) {
          lost = true;
          bundle.unreserve();
        }
      }
      if (lost && !group.removed()) {
        group.state = PlacementGroupState.PG_RESCHEDULING;
        group.pendingReason = "its node did not register again after the head's restart";
        changed(group);
        tryReserve(group);
      }
    }
  }

  /**
   * A recovered actor's instance that its node still hosts holds its resources again: out of its
   * bundle when it is in a placement group, else out of the node's pool.
   *
   * @return the bundle it holds, or -1
   */
  public int hold(BundlePlacement placement, String nodeId, ResourceSet demand) {
    PlacementGroupRecord group = groups.get(placement.getPlacementGroupId());
    if (group == null) {
      scheduler.hold(nodeId, demand);
      return -1;
    }
    for (Bundle bundle : group.bundles) {
      if (bundle.nodeId.equals(nodeId)
          && (placement.getBundleIndex() == -1 || bundle.index == placement.getBundleIndex())) {
        bundle.available = bundle.available.minus(demand);
        return bundle.index;
      }
    }
    return -1;
  }

  private static String state(PlacementGroupState state) {
    return state.name().substring("PG_".length());
  }

  /**
   * Removes a group: frees its reservations and tells the listener, which ends the actors in it.
   * Removing a removed group changes nothing.
   *
   * @throws StatusException NOT_FOUND for an id the head does not know
   */
  public PlacementGroupInfo remove(String placementGroupId, String cause) throws StatusException {
    PlacementGroupRecord group = groups.get(placementGroupId);
    if (group == null) {
      throw Status.NOT_FOUND
          .withDescription("there is no placement group " + placementGroupId)
          .asException();
    }
    if (!group.removed()) {
      removeGroup(group, cause);
    }
    return group.info();
  }

  private void removeGroup(PlacementGroupRecord group, String cause) {
    for (Bundle bundle : group.bundles) {
      if (bundle.reserved()) {
        scheduler.release(bundle.nodeId, bundle.total);
      }
      bundle.unreserve();
    }
    group.state = PlacementGroupState.PG_REMOVED;
    group.removalCause = cause;
    group.pendingReason = "";
    liveNames.remove(nameKey(group.spec.getNamespace(), group.spec.getName()), group.id);
    LOG.infof("placement group %s removed: %s", group.id, cause);
    changed(group);
    listener.removed(group.id, "its placement group " + group.id + " was removed (" + cause + ")");
    removedOrder.add(group.id);
    while (removedOrder.size() > REMOVED_RETENTION) {
      String gone = removedOrder.poll();
      groups.remove(gone);
      listener.forgotten(gone);
    }
  }

  /** Removes the non-detached groups an exited client owned, as its non-detached actors end. */
  public void ownerExited(String ownerId, String cause) {
    for (PlacementGroupRecord group : new ArrayList<>(groups.values())) {
      if (group.spec.getOwnerId().equals(ownerId)
          && !group.spec.getDetached()
          && !group.removed()) {
        removeGroup(group, cause);
      }
    }
  }

  /** Removes the non-detached groups of a job whose driver ended. */
  public void jobEnded(String jobId) {
    for (PlacementGroupRecord group : new ArrayList<>(groups.values())) {
      if (group.spec.getJobId().equals(jobId) && !group.spec.getDetached() && !group.removed()) {
        removeGroup(group, "its job " + jobId + " ended");
      }
    }
  }

  /**
   * Finds a group by id, or by name in a namespace among those not removed, and answers once it is
   * CREATED or REMOVED, or after {@code waitMs}.
   */
  public CompletableFuture<GetPlacementGroupReply> await(
      String placementGroupId, String name, String namespace, long waitMs) {
    String id =
        placementGroupId.isEmpty()
            ? liveNames.getOrDefault(nameKey(namespace, name), "")
            : placementGroupId;
    PlacementGroupRecord group = groups.get(id);
    if (group == null) {
      return CompletableFuture.completedFuture(
          GetPlacementGroupReply.newBuilder().setFound(false).build());
    }
    if (!group.awaitingNodes() || waitMs <= 0) {
      return CompletableFuture.completedFuture(found(group.info()));
    }
    CompletableFuture<PlacementGroupInfo> settled = new CompletableFuture<>();
    waiters.computeIfAbsent(id, k -> new ArrayList<>()).add(settled);
    return settled
        .completeOnTimeout(null, waitMs, TimeUnit.MILLISECONDS)
        .thenApply(
            info -> {
              if (info != null) {
                return found(info);
              }
              synchronized (lock) {
                List<CompletableFuture<PlacementGroupInfo>> list = waiters.get(id);
                if (list != null) {
                  list.remove(settled);
                }
                return found(group.info());
              }
            });
  }

  private static GetPlacementGroupReply found(PlacementGroupInfo info) {
    return GetPlacementGroupReply.newBuilder().setFound(true).setPlacementGroup(info).build();
  }

  /**
   * @return every group the head keeps, removed ones included (the newest of them)
   */
  public List<PlacementGroupInfo> list() {
    return groups.values().stream().map(PlacementGroupRecord::info).toList();
  }

  private void changed(PlacementGroupRecord group) {
    PlacementGroupInfo info = group.info();
    listener.changed(info);
    if (!group.awaitingNodes()) {
      List<CompletableFuture<PlacementGroupInfo>> settled = waiters.remove(group.id);
      if (settled != null) {
        settled.forEach(w -> w.complete(info));
      }
    }
  }
}
