package io.rustyray.operator.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Pod;
import io.rustyray.operator.crd.ClusterState;
import io.rustyray.operator.crd.RustyCluster;
import io.rustyray.operator.crd.RustyClusterStatus;
import io.rustyray.operator.head.ClusterKey;
import io.rustyray.operator.head.HeadEndpoint;
import io.rustyray.operator.head.HeadState;
import io.rustyray.protocol.proto.NodeInfo;
import io.rustyray.protocol.proto.NodeState;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClusterStatusComputerTest {
  private final ClusterPods builder = new ClusterPods(ClusterFixtures.IMAGE, 6379);
  private final ClusterStatusComputer computer =
      new ClusterStatusComputer(
          builder, 6379, Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC));

  private static String condition(RustyClusterStatus status, String type) {
    return status.getConditions().stream()
        .filter(c -> type.equals(c.getType()))
        .map(Condition::getStatus)
        .findFirst()
        .orElseThrow();
  }

  private List<Pod> pods(RustyCluster cluster, boolean workerReady) {
    var group = cluster.getSpec().getWorkerGroups().get(0);
    Pod worker = builder.workerPod(cluster, group, "demo-cpu-a");
    return List.of(
        ClusterFixtures.running(
            builder.headPod(cluster, "demo-head-h"), "10.0.0.1", "2024-01-01T00:00:00Z"),
        workerReady
            ? ClusterFixtures.running(worker, "10.0.0.2", "2024-01-01T00:00:00Z")
            : ClusterFixtures.pending(worker, "2024-01-01T00:00:00Z"));
  }

  /** What the head reports once these node agents have registered. */
  private static Optional<HeadState> headWith(String... nodeIds) {
    var nodes = new java.util.HashMap<String, NodeInfo>();
    for (String id : nodeIds) {
      nodes.put(id, NodeInfo.newBuilder().setNodeId(id).setState(NodeState.NODE_ALIVE).build());
    }
    return Optional.of(
        new HeadState(
            new ClusterKey("ns", "demo"),
            new HeadEndpoint("10.0.0.1:6379", "t"),
            true,
            Map.of(),
            nodes,
            Map.of()));
  }

  @Test
  void readyIsFalseWhileAWorkerPodIsPending() {
    var cluster = ClusterFixtures.cluster("demo", 1);
    var status = computer.compute(cluster, pods(cluster, false), Optional.empty());
    assertThat(status.getState()).isEqualTo(ClusterState.Provisioning);
    assertThat(condition(status, "HeadReady")).isEqualTo("True");
    assertThat(condition(status, "WorkersReady")).isEqualTo("False");
    assertThat(condition(status, "Ready")).isEqualTo("False");
    assertThat(status.getReadyWorkers()).isZero();
  }

  @Test
  void readyIsTrueWhenHeadAndEveryWorkerAreReadyAndNamesTheGeneration() {
    var cluster = ClusterFixtures.cluster("demo", 1);
    cluster.getMetadata().setGeneration(4L);
    var status = computer.compute(cluster, pods(cluster, true), headWith("demo-cpu-a"));
    assertThat(status.getState()).isEqualTo(ClusterState.Ready);
    assertThat(condition(status, "Ready")).isEqualTo("True");
    assertThat(status.getObservedGeneration()).isEqualTo(4L);
    assertThat(status.getConditions()).allMatch(c -> c.getObservedGeneration() == 4L);
    assertThat(status.getHead().getPodIP()).isEqualTo("10.0.0.1");
    assertThat(status.getHead().getServiceAddress()).isEqualTo("demo-head.ns.svc:6379");
    assertThat(status.getWorkerGroups().get(0).getReady()).isEqualTo(1);
  }

  @Test
  void readyWaitsForEveryReadyWorkerToJoinTheHead() {
    var cluster = ClusterFixtures.cluster("demo", 1);

    var unsynced = computer.compute(cluster, pods(cluster, true), Optional.empty());
    var notJoined = computer.compute(cluster, pods(cluster, true), headWith());

    assertThat(condition(unsynced, "WorkersReady")).isEqualTo("True");
    assertThat(unsynced.getState()).isEqualTo(ClusterState.Provisioning);
    assertThat(reason(unsynced)).isEqualTo("HeadNotSynced");
    assertThat(notJoined.getState()).isEqualTo(ClusterState.Provisioning);
    assertThat(reason(notJoined)).isEqualTo("NodesNotJoined");
    assertThat(message(notJoined)).isEqualTo("waiting for workers to join the head: demo-cpu-a");
  }

  @Test
  void aHeadThatRunsWorkMustHaveJoinedItsOwnHeadToo() {
    var cluster = ClusterFixtures.cluster("demo", 1);
    cluster.getSpec().getHead().setRunsWork(true);

    var workerOnly = computer.compute(cluster, pods(cluster, true), headWith("demo-cpu-a"));
    var both =
        computer.compute(cluster, pods(cluster, true), headWith("demo-cpu-a", "demo-head-h"));

    assertThat(message(workerOnly)).endsWith(": demo-head-h");
    assertThat(both.getState()).isEqualTo(ClusterState.Ready);
  }

  private static String reason(RustyClusterStatus status) {
    return io.rustyray.operator.common.Conditions.find(status.getConditions(), "Ready")
        .orElseThrow()
        .getReason();
  }

  private static String message(RustyClusterStatus status) {
    return io.rustyray.operator.common.Conditions.find(status.getConditions(), "Ready")
        .orElseThrow()
        .getMessage();
  }

  @Test
  void podsOfAnOlderSpecDoNotMakeANewGenerationReady() {
    var cluster = ClusterFixtures.cluster("demo", 1);
    var oldPods = pods(cluster, true);
    cluster.getSpec().setImage("example.org/new:2");
    cluster.getMetadata().setGeneration(2L);
    var status = computer.compute(cluster, oldPods, Optional.empty());
    assertThat(condition(status, "Ready")).isEqualTo("False");
  }

  @Test
  void aSuspendedClusterIsSuspendedAndNotReady() {
    var cluster = ClusterFixtures.cluster("demo", 1);
    cluster.getSpec().setSuspend(true);
    var status = computer.compute(cluster, List.of(), Optional.empty());
    assertThat(status.getState()).isEqualTo(ClusterState.Suspended);
    assertThat(condition(status, "Ready")).isEqualTo("False");
    assertThat(status.getDesiredWorkers()).isZero();
  }

  @Test
  void lastTransitionTimeIsKeptWhileTheConditionDoesNotFlip() {
    var cluster = ClusterFixtures.cluster("demo", 1);
    var first = computer.compute(cluster, pods(cluster, false), Optional.empty());
    first.getConditions().forEach(c -> c.setLastTransitionTime("2020-01-01T00:00:00Z"));
    cluster.setStatus(first);
    var second = computer.compute(cluster, pods(cluster, true), headWith("demo-cpu-a"));
    assertThat(second.getConditions())
        .filteredOn(c -> c.getType().equals("HeadReady"))
        .extracting(Condition::getLastTransitionTime)
        .containsExactly("2020-01-01T00:00:00Z");
    assertThat(second.getConditions())
        .filteredOn(c -> c.getType().equals("Ready"))
        .extracting(Condition::getLastTransitionTime)
        .containsExactly("2025-01-01T00:00:00Z");
  }
}
