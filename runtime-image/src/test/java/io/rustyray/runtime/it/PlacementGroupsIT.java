package io.rustyray.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.rustyray.api.ActorHandle;
import io.rustyray.api.ObjectRef;
import io.rustyray.api.Rusty;
import io.rustyray.api.exception.ActorDiedException;
import io.rustyray.api.exception.RustyCallException;
import io.rustyray.api.exception.RustyException;
import io.rustyray.api.placementgroup.PlacementGroup;
import io.rustyray.api.placementgroup.PlacementGroupState;
import io.rustyray.api.placementgroup.PlacementStrategy;
import io.rustyray.examples.Counter;
import io.rustyray.examples.Fns;
import io.rustyray.protocol.proto.ActorInfo;
import io.rustyray.protocol.proto.ActorState;
import io.rustyray.protocol.proto.BundleInfo;
import io.rustyray.protocol.proto.CreatePlacementGroupRequest;
import io.rustyray.protocol.proto.ListPlacementGroupsRequest;
import io.rustyray.protocol.proto.PlacementGroupInfo;
import io.rustyray.protocol.proto.PlacementGroupSpec;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Placement groups on real processes, as Ray's PlacementGroupTest asserts them: a head without a
 * node agent and two worker nodes with 2 CPUs each (and one "slot" each, which a third node brings
 * too when it joins). Every test removes the groups it made, so that each starts on free nodes.
 */
class PlacementGroupsIT {
  private static final String TOKEN = "pg-token-" + System.nanoTime();
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static LocalCluster cluster;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = LocalCluster.startHead(TOKEN, "--no-node-agent");
    cluster.startWorker("w1", "{\"cpu\": 2, \"slot\": 1}");
    cluster.startWorker("w2", "{\"cpu\": 2, \"slot\": 1}");
    Rusty.init(cluster.address(), TOKEN);
  }

  @AfterAll
  static void stopCluster() throws Exception {
    Rusty.shutdown();
    if (cluster != null) {
      cluster.close();
    }
  }

  @AfterEach
  void removeTheGroupsATestLeft() {
    for (PlacementGroup group : Rusty.getAllPlacementGroups()) {
      Rusty.removePlacementGroup(group.getId());
    }
  }

  private static PlacementGroupInfo info(PlacementGroup group) {
    return cluster
        .gcs()
        .listPlacementGroups(ListPlacementGroupsRequest.getDefaultInstance())
        .getPlacementGroupsList()
        .stream()
        .filter(g -> g.getPlacementGroupId().equals(group.getId()))
        .findFirst()
        .orElseThrow();
  }

  private static String nodeOfBundle(PlacementGroup group, int index) {
    return info(group).getBundles(index).getNodeId();
  }

  private static ActorInfo actorInfo(ActorHandle<?> actor) {
    return cluster.actor(actor.getId()).orElseThrow();
  }

  @Test
  void aGroupThatFitsIsCreatedAndWaitReturnsTrue() {
    PlacementGroup group =
        Rusty.placementGroup(List.of(Map.of("cpu", 1.0), Map.of("cpu", 1.0)))
            .setStrategy(PlacementStrategy.PACK)
            .create();

    assertThat(group.wait(TIMEOUT)).isTrue();
    assertThat(group.getState()).isEqualTo(PlacementGroupState.CREATED);
    assertThat(group.getBundles()).hasSize(2);
    assertThat(info(group).getBundlesList())
        .as("PACK puts both on one node when one has room")
        .extracting(BundleInfo::getNodeId)
        .containsOnly(nodeOfBundle(group, 0));
  }

  @Test
  void strictSpreadWithMoreBundlesThanNodesStaysPendingUntilAThirdNodeJoins() throws Exception {
    PlacementGroup group =
        Rusty.placementGroup(List.of(Map.of("slot", 1.0), Map.of("slot", 1.0), Map.of("slot", 1.0)))
            .setStrategy(PlacementStrategy.STRICT_SPREAD)
            .create();

    assertThat(group.wait(Duration.ofSeconds(2))).isFalse();
    assertThat(group.getState()).isEqualTo(PlacementGroupState.PENDING);
    PlacementGroupInfo pending = info(group);
    assertThat(pending.getPendingReason()).contains("3 distinct node(s)");
    assertThat(pending.getPendingBundlesList())
        .as("an autoscaler sees the pending bundles as demand")
        .hasSize(3)
        .allSatisfy(shape -> assertThat(shape.getAmountsMap()).isEqualTo(Map.of("slot", 1.0)));

    cluster.startWorker("w3", "{\"slot\": 1}");

    assertThat(group.wait(TIMEOUT)).isTrue();
    assertThat(info(group).getBundlesList())
        .extracting(BundleInfo::getNodeId)
        .containsExactlyInAnyOrder("w1", "w2", "w3");
    LocalCluster.CliResult status = cluster.cli(Map.of(), "status", "--address", cluster.address());
    assertThat(status.stdout())
        .contains("Placement groups")
        .containsPattern(group.getId() + " +STRICT_SPREAD +CREATED +0:\\{slot=1\\}@w");
  }

  @Test
  void actorsInBundlesZeroAndOneOfAStrictSpreadGroupRunOnDifferentNodes() {
    PlacementGroup group =
        Rusty.placementGroup(List.of(Map.of("cpu", 1.0), Map.of("cpu", 1.0)))
            .setStrategy(PlacementStrategy.STRICT_SPREAD)
            .create();
    assertThat(group.wait(TIMEOUT)).isTrue();

    ActorHandle<Counter> first = Rusty.actor(Counter::new, 0).setPlacementGroup(group, 0).remote();
    ActorHandle<Counter> second =
        Rusty.actor(Counter::new, 10).setPlacementGroup(group, 1).remote();

    assertThat(first.task(Counter::increment).remote().get(TIMEOUT)).isEqualTo(1);
    assertThat(second.task(Counter::increment).remote().get(TIMEOUT)).isEqualTo(11);
    assertThat(actorInfo(first).getNodeId()).isEqualTo(nodeOfBundle(group, 0));
    assertThat(actorInfo(second).getNodeId()).isEqualTo(nodeOfBundle(group, 1));
    assertThat(actorInfo(first).getNodeId()).isNotEqualTo(actorInfo(second).getNodeId());
    assertThat(actorInfo(first).getPlacementGroupId()).isEqualTo(group.getId());
  }

  @Test
  void aTaskInABundleRunsOnThatBundlesNodeAndOtherWorkWaitsForTheReservedResources() {
    PlacementGroup group =
        Rusty.placementGroup(List.of(Map.of("cpu", 2.0), Map.of("cpu", 2.0)))
            .setStrategy(PlacementStrategy.STRICT_SPREAD)
            .create();
    assertThat(group.wait(TIMEOUT)).isTrue();

    ObjectRef<String> outside = Rusty.task(Fns::nodeId).remote();
    for (int bundle = 0; bundle < 2; bundle++) {
      assertThat(Rusty.task(Fns::nodeId).setPlacementGroup(group, bundle).remote().get(TIMEOUT))
          .isEqualTo(nodeOfBundle(group, bundle));
    }
    assertThat(Rusty.wait(List.of(outside), 1, Duration.ofSeconds(2)).ready())
        .as("every CPU is reserved: a task outside the group waits")
        .isEmpty();

    Rusty.removePlacementGroup(group.getId());

    assertThat(outside.get(TIMEOUT)).isIn("w1", "w2");
    assertThat(group.getState()).isEqualTo(PlacementGroupState.REMOVED);
  }

  @Test
  void aNamedGroupIsFoundByNameUntilItIsRemovedAndByIdAfterwards() {
    PlacementGroup group =
        Rusty.placementGroup(List.of(Map.of("cpu", 1.0))).setName("named-group").create();
    PlacementGroup byId = Rusty.getPlacementGroupById(group.getId()).orElseThrow();
    assertThat(byId.getName()).isEqualTo("named-group");
    assertThat(byId.getStrategy()).isEqualTo(PlacementStrategy.PACK);
    assertThat(byId.getBundles()).isEqualTo(List.of(Map.of("cpu", 1.0)));

    assertThat(Rusty.getPlacementGroup("named-group"))
        .map(PlacementGroup::getId)
        .hasValue(group.getId());
    assertThat(Rusty.getAllPlacementGroups())
        .extracting(PlacementGroup::getId)
        .contains(group.getId());
    assertThatThrownBy(
            () -> Rusty.placementGroup(List.of(Map.of("cpu", 1.0))).setName("named-group").create())
        .isInstanceOf(RustyCallException.class)
        .hasMessageContaining("already exists");

    Rusty.removePlacementGroup(group.getId());
    Rusty.removePlacementGroup(group.getId());

    assertThat(Rusty.getPlacementGroup("named-group")).isEmpty();
    PlacementGroup removed = Rusty.getPlacementGroupById(group.getId()).orElseThrow();
    assertThat(removed.getState()).isEqualTo(PlacementGroupState.REMOVED);
    assertThatThrownBy(() -> removed.wait(Duration.ofSeconds(5)))
        .isInstanceOf(RustyException.class)
        .hasMessageContaining("was removed");
  }

  @Test
  void removingAGroupKillsItsActorsFreesItsResourcesAndRefusesNewWork() {
    PlacementGroup group =
        Rusty.placementGroup(List.of(Map.of("cpu", 2.0), Map.of("cpu", 2.0)))
            .setStrategy(PlacementStrategy.SPREAD)
            .create();
    assertThat(group.wait(TIMEOUT)).isTrue();
    ActorHandle<Counter> actor = Rusty.actor(Counter::new, 0).setPlacementGroup(group).remote();
    assertThat(actor.task(Counter::increment).remote().get(TIMEOUT)).isEqualTo(1);

    Rusty.removePlacementGroup(group.getId());

    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              ActorInfo dead = actorInfo(actor);
              assertThat(dead.getState()).isEqualTo(ActorState.DEAD);
              assertThat(dead.getDeathCause())
                  .contains("placement group " + group.getId() + " was removed");
            });
    assertThatThrownBy(() -> actor.task(Counter::increment).remote().get(TIMEOUT))
        .isInstanceOf(ActorDiedException.class);
    assertThat(Rusty.task(Fns::nodeId).setResource("cpu", 2).remote().get(TIMEOUT))
        .as("its 4 CPUs are free again")
        .isIn("w1", "w2");
    assertThatThrownBy(() -> Rusty.actor(Counter::new, 0).setPlacementGroup(group, 0).remote())
        .isInstanceOf(RustyCallException.class)
        .hasMessageContaining("was removed");
    assertThatThrownBy(
            () -> Rusty.task(Fns::nodeId).setPlacementGroup(group, 1).remote().get(TIMEOUT))
        .isInstanceOf(RustyCallException.class)
        .hasMessageContaining("was removed");
  }

  @Test
  void invalidBundlesAreRefusedByTheSdkAndByTheHead() {
    assertThatThrownBy(() -> Rusty.placementGroup(List.of()).create())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one bundle");
    assertThatThrownBy(() -> Rusty.placementGroup(List.of(Map.of("cpu", -1.0))).create())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("positive");
    PlacementGroup one = Rusty.placementGroup(List.of(Map.of("cpu", 1.0))).create();
    assertThatThrownBy(() -> Rusty.actor(Counter::new, 0).setPlacementGroup(one, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("out of range");

    assertThatThrownBy(
            () ->
                cluster
                    .gcs()
                    .createPlacementGroup(
                        CreatePlacementGroupRequest.newBuilder()
                            .setSpec(PlacementGroupSpec.getDefaultInstance())
                            .build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
              assertThat(e.getStatus().getDescription()).contains("at least one bundle");
            });
  }

  @Test
  void aJobsGroupIsRemovedWhenItsDriverExitsButADetachedOneStays() throws Exception {
    Process driver =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m",
                "-cp",
                System.getProperty("java.class.path"),
                PlacementGroupOwnerThatExits.class.getName(),
                cluster.address(),
                TOKEN,
                Rusty.getNamespace())
            .redirectErrorStream(true)
            .start();
    Map<String, String> printed = new HashMap<>();
    BufferedReader lines =
        new BufferedReader(new InputStreamReader(driver.getInputStream(), StandardCharsets.UTF_8));
    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
      String[] parts = line.trim().split(" ");
      if (parts.length == 2) {
        printed.put(parts[0], parts[1]);
      }
      if (line.startsWith("ready")) {
        break;
      }
    }
    assertThat(printed).containsEntry("ready", "CREATED").containsKeys("owned", "detached");

    driver.getOutputStream().write('\n');
    driver.getOutputStream().flush();
    assertThat(driver.waitFor(30, TimeUnit.SECONDS)).isTrue();

    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              Map<String, PlacementGroupInfo> byId = new HashMap<>();
              cluster
                  .gcs()
                  .listPlacementGroups(ListPlacementGroupsRequest.getDefaultInstance())
                  .getPlacementGroupsList()
                  .forEach(g -> byId.put(g.getPlacementGroupId(), g));
              PlacementGroupInfo owned = byId.get(printed.get("owned"));
              assertThat(owned.getState().name()).isEqualTo("PG_REMOVED");
              assertThat(owned.getRemovalCause()).contains("exited");
              assertThat(byId.get(printed.get("detached")).getState().name())
                  .isEqualTo("PG_CREATED");
            });
    assertThat(Rusty.getPlacementGroup("outlives-its-job")).isPresent();
  }
}
