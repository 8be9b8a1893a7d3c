package io.rustyray.runtime.gcs;

import io.rustyray.protocol.proto.NodeInfo;
import io.rustyray.protocol.proto.NodeState;
import io.rustyray.runtime.scheduler.ResourceScheduler;
import io.rustyray.runtime.scheduler.ResourceSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The nodes the GCS has seen, alive or dead. Used under the GCS lock. */
final class NodeTable {
  static final class NodeRecord {
    final String nodeId;
    final long joined;
    String address;
    boolean head;
    ResourceSet total;
    // Heartbeats read and write these without the GCS lock, so that a slow store never delays them.
    volatile NodeState state = NodeState.NODE_ALIVE;
    String deathCause = "";
    volatile long lastHeartbeatNanos;
    volatile long storeUsedBytes;
    volatile long storeCapacityBytes;
    volatile long storeSpilledBytes;
    volatile long storeObjects;

    NodeRecord(String nodeId, long joined) {
      this.nodeId = nodeId;
      this.joined = joined;
    }

    boolean alive() {
      return state == NodeState.NODE_ALIVE;
    }
  }

  private final Map<String, NodeRecord> nodes = new ConcurrentHashMap<>();
  private long joins;

  NodeRecord register(String nodeId, String address, ResourceSet total, boolean head, long now) {
    NodeRecord node = nodes.computeIfAbsent(nodeId, id -> new NodeRecord(id, ++joins));
    node.address = address;
    node.total = total;
    node.head = head;
    node.state = NodeState.NODE_ALIVE;
    node.deathCause = "";
    node.lastHeartbeatNanos = now;
    return node;
  }

  /** Any node this head has seen, without the GCS lock (for heartbeats). */
  Optional<NodeRecord> get(String nodeId) {
    return Optional.ofNullable(nodes.get(nodeId));
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

  /** In the order they first joined. */
  Collection<NodeRecord> all() {
    return nodes.values().stream()
        .sorted(Comparator.comparingLong((NodeRecord n) -> n.joined))
        .toList();
  }

  /** After the head's own pause: no node could reach it, so none is blamed for the silence. */
  void heardFromAll(long now) {
    nodes.values().forEach(n -> n.lastHeartbeatNanos = now);
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
