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
  private static final String SUSPENDED = "spec.suspend is true";

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
    String headHash = builder.headTemplateHash(cluster);
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
    // Node agents the head must know before work can be placed: the node id is the pod's name.
    List<String> mustJoin = new ArrayList<>();
    if (cluster.getSpec().getHead() != null && cluster.getSpec().getHead().isRunsWork()) {
      headPod.filter(Pods::isReady).ifPresent(p -> mustJoin.add(p.getMetadata().getName()));
    }
    for (WorkerGroupSpec group : cluster.getSpec().getWorkerGroups()) {
      int desired = suspended ? 0 : (group.getReplicas() == null ? 1 : group.getReplicas());
      String hash = builder.workerTemplateHash(cluster, group);
      List<Pod> members =
          pods.stream()
              .filter(p -> !Pods.isHead(p) && group.getName().equals(Pods.group(p)))
              .toList();
      List<Pod> readyMembers =
          members.stream()
              .filter(Pods::isReady)
              .filter(p -> hash.equals(ClusterPods.hashOf(p)))
              .toList();
      int ready = readyMembers.size();
      readyMembers.forEach(p -> mustJoin.add(p.getMetadata().getName()));
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
    Optional<HeadState> synced = head.filter(HeadState::synced);
    synced.ifPresent(h -> status.setNodesAlive(h.nodesAlive()));
    HeadIdentity.describe(
        headStatus,
        synced.flatMap(HeadState::headInfo),
        previous == null ? null : previous.getHead());
    List<String> notJoined =
        synced.map(h -> mustJoin.stream().filter(n -> !h.nodeAlive(n)).toList()).orElse(mustJoin);

    if (suspended) {
      conditions.set(HEAD_READY, Conditions.FALSE, ClusterReason.Suspended, SUSPENDED);
      conditions.set(WORKERS_READY, Conditions.FALSE, ClusterReason.Suspended, SUSPENDED);
      conditions.set(READY, Conditions.FALSE, ClusterReason.Suspended, SUSPENDED);
      status.setState(ClusterState.Suspended);
    } else {
      if (headReady) {
        conditions.set(
            HEAD_READY,
            Conditions.TRUE,
            ClusterReason.PodReady,
            "head pod " + headStatus.getPodName());
      } else {
        conditions.set(
            HEAD_READY,
            Conditions.FALSE,
            headPod.isPresent() ? ClusterReason.PodNotReady : ClusterReason.PodMissing,
            headPod
                .map(p -> "head pod " + p.getMetadata().getName() + " is not ready")
                .orElse("no head pod for the current spec yet"));
      }
      if (workersReady) {
        conditions.set(
            WORKERS_READY,
            Conditions.TRUE,
            ClusterReason.PodsReady,
            readyTotal + " worker pods ready");
      } else {
        conditions.set(
            WORKERS_READY,
            Conditions.FALSE,
            ClusterReason.PodsNotReady,
            "waiting for worker pods: " + String.join(", ", waiting));
      }
      if (headReady && workersReady && synced.isPresent() && notJoined.isEmpty()) {
        conditions.set(
            READY,
            Conditions.TRUE,
            ClusterReason.ClusterReady,
            "head and all workers are ready and joined");
        status.setState(ClusterState.Ready);
      } else {
        setNotReady(conditions, headReady, workersReady, synced.isPresent(), notJoined);
        status.setState(ClusterState.Provisioning);
      }
    }
    status.setConditions(conditions.build());
    return status;
  }

  /** Ready False, with the first thing the cluster still waits for. */
  private static void setNotReady(
      Conditions conditions,
      boolean headReady,
      boolean workersReady,
      boolean synced,
      List<String> notJoined) {
    if (!headReady) {
      conditions.set(
          READY, Conditions.FALSE, ClusterReason.HeadNotReady, "waiting for the head pod");
    } else if (!workersReady) {
      conditions.set(
          READY, Conditions.FALSE, ClusterReason.WorkersNotReady, "waiting for worker pods");
    } else if (!synced) {
      conditions.set(
          READY,
          Conditions.FALSE,
          ClusterReason.HeadNotSynced,
          "waiting for the head's report of its nodes");
    } else {
      conditions.set(
          READY,
          Conditions.FALSE,
          ClusterReason.NodesNotJoined,
          "waiting for workers to join the head: " + String.join(", ", notJoined));
    }
  }

  /**
   * The status after a reconciliation failed: Ready False with the reason, the rest kept.
   *
   * @param cluster the cluster
   * @param reason why
   * @param message what went wrong
   * @param failed whether the spec itself is at fault (state Failed) rather than something
   *     transient (state unchanged, retried)
   * @return the new status
   */
  public RustyClusterStatus error(
      RustyCluster cluster, ClusterReason reason, String message, boolean failed) {
    var previous = cluster.getStatus() == null ? new RustyClusterStatus() : cluster.getStatus();
    Long generation = cluster.getMetadata().getGeneration();
    var conditions = new Conditions(previous.getConditions(), generation, clock);
    previous.getConditions().stream()
        .filter(c -> !READY.equals(c.getType()))
        .forEach(conditions::keep);
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
