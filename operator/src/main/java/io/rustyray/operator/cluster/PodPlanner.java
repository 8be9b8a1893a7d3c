package io.rustyray.operator.cluster;

import io.fabric8.kubernetes.api.model.Pod;
import io.rustyray.operator.common.InvalidSpecException;
import io.rustyray.operator.common.Names;
import io.rustyray.operator.crd.RustyCluster;
import io.rustyray.operator.crd.WorkerGroupSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Decides which pods a cluster should have, by name. Pods keep their names while they serve and
 * match the spec; a pod that ended, is being deleted or was built from an older spec is left out
 * (so it is deleted) and a pod with a new name takes its place. On scale-down the pods listed in
 * {@code workersToDelete} go first, then pods that are not ready, then the newest.
 */
public final class PodPlanner {
  private final ClusterPods builder;
  private final Supplier<String> suffixes;

  /**
   * @param builder builds each pod
   * @param suffixes random name suffixes for new pods
   */
  public PodPlanner(ClusterPods builder, Supplier<String> suffixes) {
    this.builder = builder;
    this.suffixes = suffixes;
  }

  /**
   * A durable head shares its store with the head before it, so the next one waits until the
   * previous head's process has ended (its pod Failed or gone): two heads never write one store.
   */
  private static boolean durable(RustyCluster cluster) {
    return cluster.getSpec().getHead() != null && cluster.getSpec().getHead().getGcsStore() != null;
  }

  private static boolean anyStillRunning(Collection<Pod> existing) {
    return existing.stream()
        .filter(Pods::isHead)
        .anyMatch(
            p ->
                p.getStatus() == null
                    || !("Failed".equals(p.getStatus().getPhase())
                        || "Succeeded".equals(p.getStatus().getPhase())));
  }

  /**
   * @param cluster the cluster
   * @param existing its pods now
   * @return the pods it should have, by name
   */
  public Map<String, Pod> desired(RustyCluster cluster, Collection<Pod> existing) {
    validate(cluster);
    Map<String, Pod> result = new LinkedHashMap<>();
    if (Boolean.TRUE.equals(cluster.getSpec().getSuspend())) {
      return result;
    }
    String name = cluster.getMetadata().getName();
    Set<String> existingNames =
        existing.stream().map(p -> p.getMetadata().getName()).collect(Collectors.toSet());

    String headHash = builder.headTemplateHash(cluster);
    List<Pod> heads = keep(existing.stream().filter(Pods::isHead).toList(), headHash, Set.of());
    if (!heads.isEmpty() || !(durable(cluster) && anyStillRunning(existing))) {
      String headName =
          heads.isEmpty()
              ? fresh(Names.headPodPrefix(name), existingNames)
              : heads.get(0).getMetadata().getName();
      result.put(headName, builder.headPod(cluster, headName));
    }

    for (WorkerGroupSpec group : cluster.getSpec().getWorkerGroups()) {
      int replicas = group.getReplicas() == null ? 1 : group.getReplicas();
      String hash = builder.workerTemplateHash(cluster, group);
      Set<String> toDelete =
          group.getWorkersToDelete() == null ? Set.of() : Set.copyOf(group.getWorkersToDelete());
      List<Pod> kept =
          keep(
              existing.stream()
                  .filter(p -> !Pods.isHead(p) && group.getName().equals(Pods.group(p)))
                  .toList(),
              hash,
              Set.of());
      List<Pod> ordered = new ArrayList<>(kept);
      // Scale-down order: listed pods first, then not ready, then newest.
      ordered.sort(
          Comparator.comparing((Pod p) -> !toDelete.contains(p.getMetadata().getName()))
              .thenComparing(Pods::isReady)
              .thenComparing(Pods.OLDEST_FIRST.reversed()));
      int surplus = Math.max(0, ordered.size() - replicas);
      List<Pod> staying = ordered.subList(surplus, ordered.size());
      staying.forEach(
          p ->
              result.put(
                  p.getMetadata().getName(),
                  builder.workerPod(cluster, group, p.getMetadata().getName())));
      for (int i = staying.size(); i < replicas; i++) {
        String podName = fresh(Names.workerPodPrefix(name, group.getName()), existingNames);
        existingNames.add(podName);
        result.put(podName, builder.workerPod(cluster, group, podName));
      }
    }
    return result;
  }

  /**
   * Checks what the CRD's schema and CEL rules say, for API servers that do not enforce them.
   *
   * @param cluster the cluster
   * @throws InvalidSpecException when the spec cannot be turned into pods
   */
  static void validate(RustyCluster cluster) {
    Set<String> seen = new HashSet<>();
    for (WorkerGroupSpec group : cluster.getSpec().getWorkerGroups()) {
      if (group.getName() == null || !seen.add(group.getName())) {
        throw new InvalidSpecException(
            "worker group names must be unique and set: " + group.getName());
      }
      int replicas = group.getReplicas() == null ? 1 : group.getReplicas();
      int min = group.getMinReplicas() == null ? 0 : group.getMinReplicas();
      int max = group.getMaxReplicas() == null ? 100 : group.getMaxReplicas();
      if (min > replicas || replicas > max) {
        throw new InvalidSpecException(
            "worker group "
                + group.getName()
                + ": minReplicas <= replicas <= maxReplicas must hold");
      }
    }
  }

  private static List<Pod> keep(List<Pod> pods, String hash, Set<String> unused) {
    return pods.stream()
        .filter(p -> !Pods.isGone(p))
        .filter(p -> hash.equals(ClusterPods.hashOf(p)))
        .sorted(Pods.OLDEST_FIRST)
        .toList();
  }

  private String fresh(String prefix, Set<String> taken) {
    String candidate;
    do {
      candidate = prefix + suffixes.get();
    } while (taken.contains(candidate));
    return candidate;
  }
}
