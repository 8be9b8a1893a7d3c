package io.rustyray.runtime.gcs;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Which nodes hold a copy of which object. */
final class ObjectDirectory {
  record Location(String nodeId, long sizeBytes) {}

  private final Map<String, Map<String, Long>> locations = new ConcurrentHashMap<>();

  void add(String objectId, String nodeId, long sizeBytes) {
    locations.computeIfAbsent(objectId, id -> new ConcurrentHashMap<>()).put(nodeId, sizeBytes);
  }

  void remove(String objectId, String nodeId) {
    locations.computeIfPresent(
        objectId,
        (id, nodes) -> {
          nodes.remove(nodeId);
          return nodes.isEmpty() ? null : nodes;
        });
  }

  List<Location> get(String objectId) {
    return locations.getOrDefault(objectId, Map.of()).entrySet().stream()
        .map(e -> new Location(e.getKey(), e.getValue()))
        .toList();
  }

  /** Forgets every copy that lived on a node that died. */
  void removeNode(String nodeId) {
    for (String objectId : Set.copyOf(locations.keySet())) {
      remove(objectId, nodeId);
    }
  }
}
