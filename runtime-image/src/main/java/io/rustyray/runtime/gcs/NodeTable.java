package io.rustyray.runtime.gcs;

import io.rustyray.protocol.proto.NodeInfo;
import io.rustyray.protocol.proto.NodeState;
import io.rustyray.runtime.scheduler.ResourceScheduler;
import io.rustyray.runtime.scheduler.ResourceSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The nodes the GCS has seen, alive or dead. Used under the GCS lock. */
final class NodeTable {
  static final class NodeRecord {
    final String nodeId;
    String address;
    boolean head;
    ResourceSet total;
    NodeState state = NodeState.NODE_ALIVE;
    String deathCause = "";
    long lastHeartbeatNanos;
    long storeUsedBytes;
    long storeCapacityBytes;
    long storeSpilledBytes;
    long storeObjects;

    NodeRecord(String nodeId) {
      this.nodeId = nodeId;
    }

    boolean alive() {
      return state == NodeState.NODE_ALIVE;
    }
  }

  private final Map<String, NodeRecord> nodes = new LinkedHashMap<>();

  NodeRecord register(String nodeId, String address, ResourceSet total, boolean head, long now) {
    NodeRecord node = nodes.computeIfAbsent(nodeId, NodeRecord::new);
    node.address = address;
    node.total = total;
    node.head = head;
    node.state = NodeState.NODE_ALIVE;
    node.deathCause = "";
    node.lastHeartbeatNanos = now;
    return node;
  }

  Optional<NodeRecord> alive(String nodeId) {
    return Optional.ofNullable(nodes.get(nodeId)).filter(NodeRecord::alive);
  }

  Optional<NodeRecord> byAddress(String address) {
    return nodes.values().stream().filter(n -> n.alive() && n.address.equals(address)).findFirst();
  }

  List<NodeRecord> silentSince(long deadlineNanos) {
    List<NodeRecord> silent = new ArrayList<>();
    for (NodeRecord node : nodes.values()) {
      if (node.alive() && node.lastHeartbeatNanos < deadlineNanos) {
        silent.add(node);
      }
    }
    return silent;
  }

  Collection<NodeRecord> all() {
    return nodes.values();
  }

  static NodeInfo info(NodeRecord node, ResourceScheduler scheduler) {
    NodeInfo.Builder info =
        NodeInfo.newBuilder()
            .setNodeId(node.nodeId)
            .setAddress(node.address)
            .setState(node.state)
            .setIsHead(node.head)
            .setResourcesTotal(node.total.toProto())
            .setDeathCause(node.deathCause)
            .setStoreUsedBytes(node.storeUsedBytes)
            .setStoreCapacityBytes(node.storeCapacityBytes)
            .setStoreSpilledBytes(node.storeSpilledBytes)
            .setStoreObjects(node.storeObjects);
    scheduler.node(node.nodeId).ifPresent(r -> info.setResourcesAvailable(r.available().toProto()));
    return info.build();
  }
}
