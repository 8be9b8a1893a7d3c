package io.rustyray.runtime.placement;

import io.rustyray.protocol.proto.BundleInfo;
import io.rustyray.protocol.proto.PlacementGroupInfo;
import io.rustyray.protocol.proto.PlacementGroupSpec;
import io.rustyray.protocol.proto.PlacementGroupState;
import io.rustyray.protocol.proto.Resources;
import io.rustyray.runtime.scheduler.ResourceSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One placement group at the head: its bundles and where each is reserved. Used under the lock. */
final class PlacementGroupRecord {
  final String id;
  final PlacementGroupSpec spec;
  final long createdAtMs;
  final List<Bundle> bundles = new ArrayList<>();
  PlacementGroupState state = PlacementGroupState.PG_PENDING;
  String pendingReason = "";
  String removalCause = "";

  /** A bundle: its reservation on a node, and what of it the tasks and actors in it hold. */
  static final class Bundle {
    final int index;
    final ResourceSet total;
    ResourceSet available;
    String nodeId = "";
    String address = "";

    /**
     * Recovered by a new head on a node that has not registered with it yet: nothing is held there
     * until it does.
     */
    boolean awaitingNode;

    Bundle(int index, ResourceSet total) {
      this.index = index;
      this.total = total;
      this.available = total;
    }

    boolean reserved() {
      return !nodeId.isEmpty();
    }

    void reserve(String nodeId, String address) {
      this.nodeId = nodeId;
      this.address = address;
      this.available = total;
    }

    void unreserve() {
      awaitingNode = false;
      nodeId = "";
      address = "";
      available = total;
    }
  }

  /** The record a new head rebuilds from its store. */
  static PlacementGroupRecord recovered(PlacementGroupInfo info) {
    PlacementGroupRecord group =
        new PlacementGroupRecord(info.getPlacementGroupId(), info.getSpec(), info.getCreatedAtMs());
    group.state = info.getState();
    group.pendingReason = info.getPendingReason();
    group.removalCause = info.getRemovalCause();
    for (BundleInfo stored : info.getBundlesList()) {
      if (stored.getIndex() < group.bundles.size() && !stored.getNodeId().isEmpty()) {
        Bundle bundle = group.bundles.get(stored.getIndex());
        bundle.reserve(stored.getNodeId(), stored.getNodeAddress());
        bundle.awaitingNode = !group.removed();
      }
    }
    return group;
  }

  PlacementGroupRecord(String id, PlacementGroupSpec spec, long createdAtMs) {
    this.id = id;
    this.spec = spec;
    this.createdAtMs = createdAtMs;
    for (Resources resources : spec.getBundlesList()) {
      bundles.add(new Bundle(bundles.size(), ResourceSet.of(resources)));
    }
  }

  boolean removed() {
    return state == PlacementGroupState.PG_REMOVED;
  }

  boolean awaitingNodes() {
    return state == PlacementGroupState.PG_PENDING || state == PlacementGroupState.PG_RESCHEDULING;
  }

  /** The bundles that hold a node now, by index. */
  Map<Integer, String> reservedNodes() {
    Map<Integer, String> reserved = new LinkedHashMap<>();
    for (Bundle b : bundles) {
      if (b.reserved()) {
        reserved.put(b.index, b.nodeId);
      }
    }
    return reserved;
  }

  List<ResourceSet> shapes() {
    return bundles.stream().map(b -> b.total).toList();
  }

  PlacementGroupInfo info() {
    PlacementGroupInfo.Builder info =
        PlacementGroupInfo.newBuilder()
            .setPlacementGroupId(id)
            .setSpec(spec)
            .setState(state)
            .setPendingReason(pendingReason)
            .setRemovalCause(removalCause)
            .setCreatedAtMs(createdAtMs);
    for (Bundle b : bundles) {
      info.addBundles(
          BundleInfo.newBuilder()
              .setIndex(b.index)
              .setResources(b.total.toProto())
              .setNodeId(b.nodeId)
              .setNodeAddress(b.address));
      if (!b.reserved() && !removed()) {
        info.addPendingBundles(b.total.toProto());
      }
    }
    return info.build();
  }
}
