package io.rustyray.runtime.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusException;
import io.rustyray.protocol.proto.BundlePlacement;
import io.rustyray.protocol.proto.PlacementGroupInfo;
import io.rustyray.protocol.proto.PlacementGroupSpec;
import io.rustyray.protocol.proto.PlacementGroupState;
import io.rustyray.protocol.proto.PlacementStrategy;
import io.rustyray.protocol.proto.Resources;
import io.rustyray.runtime.scheduler.ResourceScheduler;
import io.rustyray.runtime.scheduler.ResourceSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlacementGroupManagerTest {
  private final ResourceScheduler scheduler = new ResourceScheduler();
  private final List<PlacementGroupInfo> published = new ArrayList<>();
  private final List<String> removals = new ArrayList<>();
  private final PlacementGroupManager groups =
      new PlacementGroupManager(
          scheduler,
          new Object(),
          new PlacementGroupManager.Listener() {
            @Override
            public void changed(PlacementGroupInfo group) {
              published.add(group);
            }

            @Override
            public void removed(String placementGroupId, String cause) {
              removals.add(placementGroupId + ": " + cause);
            }

            @Override
            public void forgotten(String placementGroupId) {}
          });

  private static ResourceSet cpu(double amount) {
    return ResourceSet.of(Map.of("cpu", amount));
  }

  private void node(String id, double cpus) {
    scheduler.addNode(id, id + ":1", cpu(cpus));
  }

  private static PlacementGroupSpec.Builder spec(PlacementStrategy strategy, double... bundles) {
    PlacementGroupSpec.Builder spec =
        PlacementGroupSpec.newBuilder().setStrategy(strategy).setJobId("job-1").setOwnerId("d1");
    for (double b : bundles) {
      spec.addBundles(Resources.newBuilder().putAmounts("cpu", b));
    }
    return spec;
  }

  private static BundlePlacement in(PlacementGroupInfo group, int bundle) {
    return BundlePlacement.newBuilder()
        .setPlacementGroupId(group.getPlacementGroupId())
        .setBundleIndex(bundle)
        .build();
  }

  private PlacementGroupInfo info(PlacementGroupInfo group) {
    return groups.list().stream()
        .filter(g -> g.getPlacementGroupId().equals(group.getPlacementGroupId()))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aGroupThatFitsIsCreatedAtOnceAndItsReservationLeavesTheNodesFreePool() throws Exception {
    node("a", 2);
    node("b", 2);

    PlacementGroupInfo group =
        groups.create(spec(PlacementStrategy.STRATEGY_STRICT_SPREAD, 1, 1).build());

    assertThat(group.getState()).isEqualTo(PlacementGroupState.PG_CREATED);
    assertThat(group.getBundlesList()).extracting(b -> b.getNodeId()).containsOnly("a", "b");
    assertThat(group.getPendingBundlesList()).isEmpty();
    assertThat(scheduler.node("a").orElseThrow().available()).isEqualTo(cpu(1));
    assertThat(scheduler.allocate(cpu(2))).as("other work cannot take the reservation").isEmpty();
  }

  @Test
  void aGroupThatDoesNotFitStaysPendingWithItsBundlesAsDemandUntilANodeJoins() throws Exception {
    node("a", 2);
    node("b", 2);

    PlacementGroupInfo group =
        groups.create(spec(PlacementStrategy.STRATEGY_STRICT_SPREAD, 1, 1, 1).build());

    assertThat(group.getState()).isEqualTo(PlacementGroupState.PG_PENDING);
    assertThat(group.getPendingReason()).contains("3 distinct node(s)").contains("2 node(s) alive");
    assertThat(group.getPendingBundlesList()).hasSize(3);
    assertThat(scheduler.node("a").orElseThrow().available())
        .as("nothing is reserved while pending")
        .isEqualTo(cpu(2));

    node("c", 2);
    groups.placePending();

    assertThat(info(group).getState()).isEqualTo(PlacementGroupState.PG_CREATED);
    assertThat(info(group).getPendingBundlesList()).isEmpty();
  }

  @Test
  void workInABundleRunsOnItsNodeOutOfItsReservationAndWaitsWhenTheBundleIsFull() throws Exception {
    node("a", 4);
    node("b", 4);
    PlacementGroupInfo group =
        groups.create(spec(PlacementStrategy.STRATEGY_STRICT_SPREAD, 1, 1).build());
    String bundleOneNode = group.getBundles(1).getNodeId();

    Grant grant = groups.allocate(in(group, 1), cpu(1), Set.of(), "").orElseThrow();

    assertThat(grant.nodeId()).isEqualTo(bundleOneNode);
    assertThat(scheduler.node(bundleOneNode).orElseThrow().available())
        .as("the node's pool is untouched: the bundle paid")
        .isEqualTo(cpu(3));
    assertThat(groups.allocate(in(group, 1), cpu(1), Set.of(), "")).isEmpty();
    assertThat(groups.whyNothingFits(in(group, 1), cpu(1)))
        .contains("bundle 1 of placement group " + group.getPlacementGroupId());

    groups.release(grant, cpu(1));
    assertThat(groups.allocate(in(group, 1), cpu(1), Set.of(), "")).isPresent();
  }

  @Test
  void aNodeDeathReschedulesItsBundlesOntoAnotherNode() throws Exception {
    node("a", 2);
    node("b", 2);
    node("spare", 2);
    PlacementGroupInfo group =
        groups.create(spec(PlacementStrategy.STRATEGY_STRICT_SPREAD, 1, 1).build());
    String lost = group.getBundles(0).getNodeId();
    String kept = group.getBundles(1).getNodeId();

    scheduler.removeNode(lost);
    groups.onNodeDead(lost);

    PlacementGroupInfo now = info(group);
    assertThat(now.getState()).isEqualTo(PlacementGroupState.PG_CREATED);
    assertThat(now.getBundles(1).getNodeId()).isEqualTo(kept);
    assertThat(now.getBundles(0).getNodeId()).isNotIn(lost, kept);
    assertThat(published)
        .extracting(PlacementGroupInfo::getState)
        .contains(PlacementGroupState.PG_RESCHEDULING);
  }

  @Test
  void aNodeDeathWithNowhereElseToGoLeavesTheGroupReschedulingUntilOneJoins() throws Exception {
    node("a", 2);
    node("b", 2);
    PlacementGroupInfo group =
        groups.create(spec(PlacementStrategy.STRATEGY_STRICT_SPREAD, 1, 1).build());

    scheduler.removeNode("a");
    groups.onNodeDead("a");

    assertThat(info(group).getState()).isEqualTo(PlacementGroupState.PG_RESCHEDULING);
    assertThat(info(group).getPendingBundlesList()).hasSize(1);
    node("c", 2);
    groups.placePending();
    assertThat(info(group).getState()).isEqualTo(PlacementGroupState.PG_CREATED);
  }

  @Test
  void removingFreesTheReservationEndsItsActorsAndIsHarmlessTwice() throws Exception {
    node("a", 2);
    PlacementGroupInfo group = groups.create(spec(PlacementStrategy.STRATEGY_PACK, 2).build());
    assertThat(scheduler.node("a").orElseThrow().available()).isEqualTo(cpu(0));

    groups.remove(group.getPlacementGroupId(), "removed by request");
    PlacementGroupInfo again = groups.remove(group.getPlacementGroupId(), "removed by request");

    assertThat(again.getState()).isEqualTo(PlacementGroupState.PG_REMOVED);
    assertThat(scheduler.node("a").orElseThrow().available()).isEqualTo(cpu(2));
    assertThat(removals).hasSize(1);
    assertThat(removals.get(0)).contains("was removed (removed by request)");
    assertThat(groups.refusal(in(group, 0))).get().asString().contains("was removed");
  }

  @Test
  void namesAreUniquePerNamespaceAmongGroupsNotRemoved() throws Exception {
    node("a", 8);
    PlacementGroupInfo first =
        groups.create(spec(PlacementStrategy.STRATEGY_PACK, 1).setName("pg").build());
    groups.create(
        spec(PlacementStrategy.STRATEGY_PACK, 1).setName("pg").setNamespace("other").build());

    assertThatThrownBy(
            () -> groups.create(spec(PlacementStrategy.STRATEGY_PACK, 1).setName("pg").build()))
        .isInstanceOf(StatusException.class)
        .hasMessageContaining("ALREADY_EXISTS");
    assertThat(groups.await("", "pg", "", 0).join().getPlacementGroup().getPlacementGroupId())
        .isEqualTo(first.getPlacementGroupId());

    groups.remove(first.getPlacementGroupId(), "removed by request");
    assertThat(groups.await("", "pg", "", 0).join().getFound()).isFalse();
    groups.create(spec(PlacementStrategy.STRATEGY_PACK, 1).setName("pg").build());
  }

  @Test
  void anExitedOwnersGroupsAreRemovedButNotItsDetachedOnes() throws Exception {
    node("a", 8);
    PlacementGroupInfo owned = groups.create(spec(PlacementStrategy.STRATEGY_PACK, 1).build());
    PlacementGroupInfo detached =
        groups.create(spec(PlacementStrategy.STRATEGY_PACK, 1).setDetached(true).build());

    groups.ownerExited("d1", "its owner d1 exited");

    assertThat(info(owned).getState()).isEqualTo(PlacementGroupState.PG_REMOVED);
    assertThat(info(owned).getRemovalCause()).isEqualTo("its owner d1 exited");
    assertThat(info(detached).getState()).isEqualTo(PlacementGroupState.PG_CREATED);
  }

  @Test
  void badSpecsAreRefusedWithTheReason() {
    assertThatThrownBy(() -> groups.create(spec(PlacementStrategy.STRATEGY_PACK).build()))
        .satisfies(
            e ->
                assertThat(Status.fromThrowable(e).getCode())
                    .isEqualTo(Status.Code.INVALID_ARGUMENT))
        .hasMessageContaining("at least one bundle");
    assertThatThrownBy(
            () ->
                groups.create(
                    spec(PlacementStrategy.STRATEGY_PACK, 1)
                        .addBundles(Resources.getDefaultInstance())
                        .build()))
        .hasMessageContaining("bundle 1 of the placement group is empty");
    assertThatThrownBy(() -> groups.create(spec(PlacementStrategy.STRATEGY_PACK, 0).build()))
        .hasMessageContaining("cpu=0.0: every amount of a bundle must be a positive number");
    assertThatThrownBy(
            () -> groups.create(spec(PlacementStrategy.PLACEMENT_STRATEGY_UNSPECIFIED, 1).build()))
        .hasMessageContaining("needs a strategy");
  }

  @Test
  void waitingForAPendingGroupAnswersOnceItIsCreated() throws Exception {
    PlacementGroupInfo group = groups.create(spec(PlacementStrategy.STRATEGY_PACK, 1).build());
    var answer = groups.await(group.getPlacementGroupId(), "", "", 60_000);
    assertThat(answer).isNotDone();

    node("a", 1);
    groups.placePending();

    assertThat(answer.join().getPlacementGroup().getState())
        .isEqualTo(PlacementGroupState.PG_CREATED);
  }
}
