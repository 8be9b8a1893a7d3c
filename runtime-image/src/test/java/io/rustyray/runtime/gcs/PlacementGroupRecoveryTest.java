package io.rustyray.runtime.gcs;

import static org.assertj.core.api.Assertions.assertThat;

import io.rustyray.protocol.proto.HeartbeatRequest;
import io.rustyray.protocol.proto.PlacementGroupInfo;
import io.rustyray.protocol.proto.PlacementGroupSpec;
import io.rustyray.protocol.proto.PlacementGroupState;
import io.rustyray.protocol.proto.PlacementStrategy;
import io.rustyray.protocol.proto.Resources;
import io.rustyray.runtime.gcs.store.MemoryStore;
import io.rustyray.runtime.scheduler.ResourceSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A new head on the same store keeps the placement groups, and their reservations on nodes. */
class PlacementGroupRecoveryTest {
  private static final GcsSettings SETTINGS =
      new GcsSettings(Duration.ofSeconds(1), Duration.ofSeconds(4));
  private static final ResourceSet TWO_CPUS = ResourceSet.of(Map.of("cpu", 2.0));

  private final MemoryStore store = new MemoryStore();
  private final List<Gcs> heads = new ArrayList<>();
  private final List<TestingClock> clocks = new ArrayList<>();

  @AfterEach
  void stopHeads() {
    heads.forEach(Gcs::close);
  }

  private Gcs startHead() throws Exception {
    TestingClock clock = new TestingClock();
    Gcs gcs = new Gcs(new TestingNodeClients(), clock, store, SETTINGS);
    gcs.recover();
    gcs.start();
    heads.add(gcs);
    clocks.add(clock);
    return gcs;
  }

  private static PlacementGroupInfo create(Gcs gcs, String name) throws Exception {
    PlacementGroupSpec spec =
        PlacementGroupSpec.newBuilder()
            .setStrategy(PlacementStrategy.STRATEGY_STRICT_SPREAD)
            .setName(name)
            .addBundles(Resources.newBuilder().putAmounts("cpu", 1.0))
            .addBundles(Resources.newBuilder().putAmounts("cpu", 1.0))
            .build();
    synchronized (gcs.lock()) {
      return gcs.placementGroups().create(spec);
    }
  }

  private static PlacementGroupInfo group(Gcs gcs, String id) {
    synchronized (gcs.lock()) {
      return gcs.placementGroups().list().stream()
          .filter(g -> g.getPlacementGroupId().equals(id))
          .findFirst()
          .orElseThrow();
    }
  }

  private static double freeCpus(Gcs gcs, String nodeId) {
    synchronized (gcs.lock()) {
      return gcs.scheduler().node(nodeId).orElseThrow().available().get("cpu");
    }
  }

  @Test
  void aRecoveredGroupHoldsItsBundlesAgainOnTheNodesThatRegisterAgain() throws Exception {
    Gcs first = startHead();
    first.registerNode("a", "a:1", TWO_CPUS, false, List.of());
    first.registerNode("b", "b:1", TWO_CPUS, false, List.of());
    PlacementGroupInfo created = create(first, "kept");
    first.close();

    Gcs second = startHead();
    second.registerNode("a", "a:1", TWO_CPUS, false, List.of());
    second.registerNode("b", "b:1", TWO_CPUS, false, List.of());

    PlacementGroupInfo recovered = group(second, created.getPlacementGroupId());
    assertThat(recovered.getState()).isEqualTo(PlacementGroupState.PG_CREATED);
    assertThat(recovered.getBundlesList()).isEqualTo(created.getBundlesList());
    assertThat(freeCpus(second, "a")).as("the bundle holds its CPU again").isEqualTo(1.0);
    assertThat(freeCpus(second, "b")).isEqualTo(1.0);
    assertThat(second.headInfo().getRecovering()).isFalse();
    synchronized (second.lock()) {
      assertThat(second.placementGroups().await("", "kept", "", 0).join().getFound()).isTrue();
    }
  }

  @Test
  void aRecoveredBundleWhoseNodeDoesNotComeBackIsReservedElsewhereAfterTheGrace() throws Exception {
    Gcs first = startHead();
    first.registerNode("a", "a:1", TWO_CPUS, false, List.of());
    first.registerNode("b", "b:1", TWO_CPUS, false, List.of());
    PlacementGroupInfo created = create(first, "");
    first.close();

    Gcs next = startHead();
    next.registerNode("a", "a:1", TWO_CPUS, false, List.of());
    next.registerNode("c", "c:1", TWO_CPUS, false, List.of());
    assertThat(next.headInfo().getRecovering()).as("b may still come back").isTrue();

    for (int s = 0; s <= SETTINGS.recoveryGrace().toSeconds(); s++) {
      clocks.get(1).advance(Duration.ofSeconds(1));
      for (String alive : List.of("a", "c")) {
        next.heartbeat(HeartbeatRequest.newBuilder().setNodeId(alive).build());
      }
    }

    PlacementGroupInfo now = group(next, created.getPlacementGroupId());
    assertThat(now.getState()).isEqualTo(PlacementGroupState.PG_CREATED);
    assertThat(now.getBundlesList())
        .extracting(b -> b.getNodeId())
        .containsExactlyInAnyOrder("a", "c");
    assertThat(freeCpus(next, "c")).isEqualTo(1.0);
  }
}
