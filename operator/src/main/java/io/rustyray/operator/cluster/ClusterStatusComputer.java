package io.rustyray.operator.cluster;

import io.fabric8.kubernetes.api.model.Pod;
import io.rustyray.operator.common.Conditions;
import io.rustyray.operator.common.Names;
import io.rustyray.operator.crd.ClusterState;
import io.rustyray.operator.crd.HeadStatus;
import io.rustyray.operator.crd.RustyCluster;
import io.rustyray.operator.crd.RustyClusterStatus;
import io.rustyray.operator.crd.WorkerGroupSpec;
import io.rustyray.operator.crd.WorkerGroupStatus;
import io.rustyray.operator.head.HeadState;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The one place a RustyCluster's status is computed, from the spec, the pods and the head's report.
 * Only pods built from the current spec count as ready, so Ready=True always speaks of the
 * generation it names.
 */
public final class ClusterStatusComputer {
  public static final String HEAD_READY = "HeadReady";
  public static final String WORKERS_READY = "WorkersReady";
  public static final String READY = "Ready";

  private final ClusterPods builder;
  private final int headPort;
  private final Clock clock;

  /**
   * @param builder builds pods as the dependent does, to know the current template hashes
   * @param headPort the head's GCS port
   * @param clock the clock for condition transitions
   */
  public ClusterStatusComputer(ClusterPods builder, int headPort, Clock clock) {
    this.builder = builder;
    this.headPort = headPort;
    this.clock = clock;
  }

  /**
   * @param cluster the cluster as reconciled
   * @param pods its pods
   * @param head what its head reports, if the operator follows it
   * @return the new status
   */
  public RustyClusterStatus compute(
      RustyCluster cluster, Collection<Pod> pods, Optional<HeadState> head) {
    var previous = cluster.getStatus();
    Long generation = cluster.getMetadata().getGeneration();
    var status = new RustyClusterStatus();
    status.setObservedGeneration(generation);
    var conditions =
        new Conditions(previous == null ? null : previous.getConditions(), generation, clock);
    String name = cluster.getMetadata().getName();
    boolean suspended = Boolean.TRUE.equals(cluster.getSpec().getSuspend());

    var headStatus = new HeadStatus();
    headStatus.setServiceAddress(
        Names.headService(name) + "." + cluster.getMetadata().getNamespace() + ".svc:" + headPort);
    String headHash = ClusterPods.hashOf(builder.headPod(cluster, "x"));
    Optional<Pod> headPod =
        pods.stream()
            .filter(Pods::isHead)
            .filter(p -> !Pods.isGone(p))
            .filter(p -> headHash.equals(ClusterPods.hashOf(p)))
            .min(Pods.OLDEST_FIRST);
    headPod.ifPresent(
        p -> {
          headStatus.setPodName(p.getMetadata().getName());
          headStatus.setPodIP(p.getStatus() == null ? null : p.getStatus().getPodIP());
        });
    status.setHead(headStatus);
    boolean headReady = headPod.filter(Pods::isReady).isPresent() && headStatus.getPodIP() != null;

    int desiredTotal = 0;
    int readyTotal = 0;
    boolean workersReady = true;
    List<String> waiting = new ArrayList<>();
    List<WorkerGroupStatus> groups = new ArrayList<>();
    for (WorkerGroupSpec group : cluster.getSpec().getWorkerGroups()) {
      int desired = suspended ? 0 : (group.getReplicas() == null ? 1 : group.getReplicas());
      String hash = ClusterPods.hashOf(builder.workerPod(cluster, group, "x"));
      List<Pod> members =
          pods.stream()
              .filter(p -> !Pods.isHead(p) && group.getName().equals(Pods.group(p)))
              .toList();
      int ready =
          (int)
              members.stream()
                  .filter(Pods::isReady)
                  .filter(p -> hash.equals(ClusterPods.hashOf(p)))
                  .count();
      groups.add(new WorkerGroupStatus(group.getName(), desired, ready));
      desiredTotal += desired;
      readyTotal += Math.min(ready, desired);
      if (ready != desired || members.size() != desired) {
        workersReady = false;
        waiting.add(group.getName() + " " + ready + "/" + desired);
      }
    }
    status.setWorkerGroups(groups);
    status.setDesiredWorkers(desiredTotal);
    status.setReadyWorkers(readyTotal);
    head.filter(HeadState::synced).ifPresent(h -> status.setNodesAlive(h.nodesAlive()));

    if (suspended) {
      conditions.set(HEAD_READY, Conditions.FALSE, "Suspended", "spec.suspend is true");
      conditions.set(WORKERS_READY, Conditions.FALSE, "Suspended", "spec.suspend is true");
      conditions.set(READY, Conditions.FALSE, "Suspended", "spec.suspend is true");
      status.setState(ClusterState.Suspended);
    } else {
      if (headReady) {
        conditions.set(
            HEAD_READY, Conditions.TRUE, "PodReady", "head pod " + headStatus.getPodName());
      } else {
        conditions.set(
            HEAD_READY,
            Conditions.FALSE,
            headPod.isPresent() ? "PodNotReady" : "PodMissing",
            headPod
                .map(p -> "head pod " + p.getMetadata().getName() + " is not ready")
                .orElse("no head pod for the current spec yet"));
      }
      if (workersReady) {
        conditions.set(
            WORKERS_READY, Conditions.TRUE, "PodsReady", readyTotal + " worker pods ready");
      } else {
        conditions.set(
            WORKERS_READY,
            Conditions.FALSE,
            "PodsNotReady",
            "waiting for worker pods: " + String.join(", ", waiting));
      }
      if (headReady && workersReady) {
        conditions.set(READY, Conditions.TRUE, "ClusterReady", "head and all workers are ready");
        status.setState(ClusterState.Ready);
      } else {
        conditions.set(
            READY,
            Conditions.FALSE,
            headReady ? "WorkersNotReady" : "HeadNotReady",
            headReady ? "waiting for worker pods" : "waiting for the head pod");
        status.setState(ClusterState.Provisioning);
      }
    }
    status.setConditions(conditions.build());
    return status;
  }

  /**
   * The status after a reconciliation failed: Ready False with the reason, the rest kept.
   *
   * @param cluster the cluster
   * @param reason CamelCase reason
   * @param message what went wrong
   * @param failed whether the spec itself is at fault (state Failed) rather than something
   *     transient (state unchanged, retried)
   * @return the new status
   */
  public RustyClusterStatus error(
      RustyCluster cluster, String reason, String message, boolean failed) {
    var previous = cluster.getStatus() == null ? new RustyClusterStatus() : cluster.getStatus();
    Long generation = cluster.getMetadata().getGeneration();
    var conditions = new Conditions(previous.getConditions(), generation, clock);
    previous.getConditions().stream()
        .filter(c -> !READY.equals(c.getType()))
        .forEach(c -> conditions.set(c.getType(), c.getStatus(), c.getReason(), c.getMessage()));
    conditions.set(READY, Conditions.FALSE, reason, message);
    previous.setConditions(conditions.build());
    previous.setObservedGeneration(generation);
    if (failed) {
      previous.setState(ClusterState.Failed);
    } else if (previous.getState() == null || previous.getState() == ClusterState.Ready) {
      previous.setState(ClusterState.Provisioning);
    }
    return previous;
  }
}
