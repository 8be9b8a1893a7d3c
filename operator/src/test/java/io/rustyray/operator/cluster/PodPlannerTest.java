package io.rustyray.operator.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import io.rustyray.operator.common.InvalidSpecException;
import io.rustyray.operator.crd.WorkerGroupSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PodPlannerTest {
  private final ClusterPods builder = new ClusterPods(ClusterFixtures.IMAGE, 6379);
  private final AtomicInteger counter = new AtomicInteger();
  private final PodPlanner planner = new PodPlanner(builder, () -> "n" + counter.incrementAndGet());

  @Test
  void aNewClusterGetsOneHeadAndOnePodPerReplica() {
    var desired = planner.desired(ClusterFixtures.cluster("demo", 3), List.of());
    assertThat(desired.keySet())
        .containsExactly("demo-head-n1", "demo-cpu-n2", "demo-cpu-n3", "demo-cpu-n4");
  }

  @Test
  void scaleDownRemovesTheListedWorkerAndKeepsTheOthers() {
    var cluster = ClusterFixtures.cluster("demo", 3);
    var group = cluster.getSpec().getWorkerGroups().get(0);
    List<Pod> existing = new ArrayList<>();
    existing.add(
        ClusterFixtures.running(
            builder.headPod(cluster, "demo-head-h"), "10.0.0.1", "2024-01-01T00:00:00Z"));
    for (String n : List.of("a", "b", "c")) {
      existing.add(
          ClusterFixtures.running(
              builder.workerPod(cluster, group, "demo-cpu-" + n),
              "10.0.0.2",
              "2024-01-01T00:00:0" + n.charAt(0) % 10 + "Z"));
    }
    group.setReplicas(2);
    group.setWorkersToDelete(List.of("demo-cpu-a"));
    assertThat(planner.desired(cluster, existing).keySet())
        .containsExactlyInAnyOrder("demo-head-h", "demo-cpu-b", "demo-cpu-c");
  }

  @Test
  void aFailedWorkerIsReplacedByANewPod() {
    var cluster = ClusterFixtures.cluster("demo", 2);
    WorkerGroupSpec group = cluster.getSpec().getWorkerGroups().get(0);
    var existing =
        List.of(
            ClusterFixtures.running(
                builder.headPod(cluster, "demo-head-h"), "10.0.0.1", "2024-01-01T00:00:00Z"),
            ClusterFixtures.running(
                builder.workerPod(cluster, group, "demo-cpu-a"),
                "10.0.0.2",
                "2024-01-01T00:00:00Z"),
            ClusterFixtures.failed(builder.workerPod(cluster, group, "demo-cpu-b")));
    assertThat(planner.desired(cluster, existing).keySet())
        .containsExactlyInAnyOrder("demo-head-h", "demo-cpu-a", "demo-cpu-n1");
  }

  @Test
  void podsBuiltFromAnOlderSpecAreReplaced() {
    var cluster = ClusterFixtures.cluster("demo", 1);
    var existing =
        List.of(
            ClusterFixtures.running(
                builder.headPod(cluster, "demo-head-h"), "10.0.0.1", "2024-01-01T00:00:00Z"));
    cluster.getSpec().setImage("example.org/new:2");
    assertThat(planner.desired(cluster, existing).keySet()).doesNotContain("demo-head-h");
  }

  @Test
  void aSuspendedClusterHasNoPods() {
    var cluster = ClusterFixtures.cluster("demo", 2);
    cluster.getSpec().setSuspend(true);
    assertThat(planner.desired(cluster, List.of())).isEmpty();
  }

  @Test
  void duplicateGroupNamesAreAnInvalidSpec() {
    var cluster = ClusterFixtures.cluster("demo", 1);
    var twin = new WorkerGroupSpec();
    twin.setName("cpu");
    cluster.getSpec().getWorkerGroups().add(twin);
    assertThatThrownBy(() -> planner.desired(cluster, List.of()))
        .isInstanceOf(InvalidSpecException.class)
        .hasMessageContaining("unique");
  }

  private static io.fabric8.kubernetes.api.model.Pod deleting(Pod pod) {
    return new io.fabric8.kubernetes.api.model.PodBuilder(pod)
        .editMetadata()
        .withDeletionTimestamp("2024-01-01T00:01:00Z")
        .endMetadata()
        .build();
  }

  @Test
  void aDurableHeadIsReplacedOnlyOnceThePreviousHeadsProcessHasEnded() {
    var cluster = ClusterFixtures.cluster("demo", 0);
    cluster.getSpec().getHead().setGcsStore(ClusterFixtures.volumeStore("1Gi", null));
    Pod old =
        ClusterFixtures.running(
            builder.headPod(cluster, "demo-head-h"), "10.0.0.1", "2024-01-01T00:00:00Z");
    assertThat(planner.desired(cluster, List.of(deleting(old)))).isEmpty();
    assertThat(planner.desired(cluster, List.of(ClusterFixtures.failed(old))).keySet())
        .containsExactly("demo-head-n1");
    assertThat(planner.desired(cluster, List.of()).keySet()).containsExactly("demo-head-n2");
  }

  @Test
  void anInMemoryHeadIsReplacedAtOnce() {
    var cluster = ClusterFixtures.cluster("demo", 0);
    Pod old =
        ClusterFixtures.running(
            builder.headPod(cluster, "demo-head-h"), "10.0.0.1", "2024-01-01T00:00:00Z");
    assertThat(planner.desired(cluster, List.of(deleting(old))).keySet())
        .containsExactly("demo-head-n1");
  }
}
