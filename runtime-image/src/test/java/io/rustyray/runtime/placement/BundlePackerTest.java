package io.rustyray.runtime.placement;

import static io.rustyray.protocol.proto.PlacementStrategy.STRATEGY_PACK;
import static io.rustyray.protocol.proto.PlacementStrategy.STRATEGY_SPREAD;
import static io.rustyray.protocol.proto.PlacementStrategy.STRATEGY_STRICT_PACK;
import static io.rustyray.protocol.proto.PlacementStrategy.STRATEGY_STRICT_SPREAD;
import static org.assertj.core.api.Assertions.assertThat;

import io.rustyray.runtime.scheduler.ResourceSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BundlePackerTest {
  private static ResourceSet cpu(double amount) {
    return ResourceSet.of(Map.of("cpu", amount));
  }

  private static Map<String, ResourceSet> nodes(Object... idAndCpus) {
    Map<String, ResourceSet> free = new LinkedHashMap<>();
    for (int i = 0; i < idAndCpus.length; i += 2) {
      free.put((String) idAndCpus[i], cpu(((Number) idAndCpus[i + 1]).doubleValue()));
    }
    return free;
  }

  @Test
  void packPutsEveryBundleOnOneNodeWhenOneHasRoomForAll() {
    var layout =
        BundlePacker.pack(List.of(cpu(1), cpu(1)), Map.of(), STRATEGY_PACK, nodes("a", 1, "b", 2));

    assertThat(layout).contains(Map.of(0, "b", 1, "b"));
  }

  @Test
  void packSplitsOverSeveralNodesWhenNoneHasRoomForAll() {
    var layout =
        BundlePacker.pack(
            List.of(cpu(2), cpu(2), cpu(1)), Map.of(), STRATEGY_PACK, nodes("a", 2, "b", 3));

    assertThat(layout).isPresent();
    assertThat(new HashSet<>(layout.get().values())).containsExactlyInAnyOrder("a", "b");
  }

  @Test
  void packWaitsWhenTheBundlesDoNotFitAtAll() {
    assertThat(
            BundlePacker.pack(
                List.of(cpu(2), cpu(2)), Map.of(), STRATEGY_PACK, nodes("a", 2, "b", 1)))
        .isEmpty();
  }

  @Test
  void spreadUsesDistinctNodesWhenThereAreEnough() {
    var layout =
        BundlePacker.pack(
            List.of(cpu(1), cpu(1), cpu(1)),
            Map.of(),
            STRATEGY_SPREAD,
            nodes("a", 4, "b", 4, "c", 4));

    assertThat(new HashSet<>(layout.orElseThrow().values())).hasSize(3);
  }

  @Test
  void spreadSharesANodeWhenThereAreTooFew() {
    var layout =
        BundlePacker.pack(
            List.of(cpu(1), cpu(1), cpu(1)), Map.of(), STRATEGY_SPREAD, nodes("a", 2, "b", 2));

    assertThat(layout.orElseThrow()).hasSize(3);
    assertThat(new HashSet<>(layout.get().values())).containsExactlyInAnyOrder("a", "b");
  }

  @Test
  void strictPackStaysPendingWhenNoSingleNodeHoldsAllTheBundles() {
    assertThat(
            BundlePacker.pack(
                List.of(cpu(2), cpu(2)), Map.of(), STRATEGY_STRICT_PACK, nodes("a", 3, "b", 3)))
        .isEmpty();
    assertThat(
            BundlePacker.pack(
                List.of(cpu(2), cpu(2)),
                Map.of(),
                STRATEGY_STRICT_PACK,
                nodes("a", 3, "b", 3, "c", 4)))
        .contains(Map.of(0, "c", 1, "c"));
  }

  @Test
  void strictSpreadStaysPendingWithFewerNodesThanBundles() {
    assertThat(
            BundlePacker.pack(
                List.of(cpu(1), cpu(1), cpu(1)),
                Map.of(),
                STRATEGY_STRICT_SPREAD,
                nodes("a", 8, "b", 8)))
        .isEmpty();
  }

  @Test
  void strictSpreadFindsTheLayoutThatAFirstFitChoiceWouldMiss() {
    // First fit would give bundle 0 (1 cpu) node "big" and leave bundle 1 (4 cpus) nowhere.
    var layout =
        BundlePacker.pack(
            List.of(cpu(1), cpu(4)), Map.of(), STRATEGY_STRICT_SPREAD, nodes("big", 4, "small", 1));

    assertThat(layout).contains(Map.of(0, "small", 1, "big"));
  }

  @Test
  void reschedulingKeepsTheReservedBundlesAndSpreadsTheLostOnesAwayFromThem() {
    Map<String, ResourceSet> free = nodes("kept", 8, "other", 8, "third", 8);

    var layout =
        BundlePacker.pack(
            List.of(cpu(1), cpu(1), cpu(1)),
            Map.of(0, "kept", 2, "third"),
            STRATEGY_STRICT_SPREAD,
            free);

    assertThat(layout).contains(Map.of(1, "other"));
  }

  @Test
  void reschedulingAStrictPackGroupGoesBackToTheNodeOfItsOtherBundles() {
    var layout =
        BundlePacker.pack(
            List.of(cpu(1), cpu(1)),
            Map.of(0, "kept"),
            STRATEGY_STRICT_PACK,
            nodes("roomy", 8, "kept", 1));

    assertThat(layout).contains(Map.of(1, "kept"));
  }

  @Test
  void packingTakesNothingFromTheNodesItIsGiven() {
    Map<String, ResourceSet> free = nodes("a", 2);

    BundlePacker.pack(List.of(cpu(2)), Map.of(), STRATEGY_PACK, free);

    assertThat(free.get("a")).isEqualTo(cpu(2));
  }
}
