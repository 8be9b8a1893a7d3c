package io.rustyray.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rustyray.api.ActorHandle;
import io.rustyray.api.Rusty;
import io.rustyray.api.exception.RustyCallException;
import io.rustyray.api.exception.RustyException;
import io.rustyray.api.placementgroup.PlacementGroup;
import io.rustyray.api.placementgroup.PlacementGroupState;
import io.rustyray.api.placementgroup.PlacementStrategy;
import io.rustyray.local.examples.Counter;
import io.rustyray.local.examples.Fns;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Placement groups: CREATED at once (no nodes to reserve on), named, removed, checked. */
class PlacementGroupsInLocalModeTest extends LocalModeTest {
  private static final List<Map<String, Double>> TWO_BUNDLES =
      List.of(Map.of("cpu", 1.0), Map.of("cpu", 1.0));

  @Test
  void aGroupIsCreatedAtOnceAndItsTasksAndActorsRun() {
    PlacementGroup group =
        Rusty.placementGroup(TWO_BUNDLES).setStrategy(PlacementStrategy.STRICT_SPREAD).create();

    assertThat(group.wait(Duration.ofSeconds(1))).isTrue();
    assertThat(group.getState()).isEqualTo(PlacementGroupState.CREATED);
    assertThat(group.getStrategy()).isEqualTo(PlacementStrategy.STRICT_SPREAD);
    assertThat(group.getBundles()).isEqualTo(TWO_BUNDLES);
    ActorHandle<Counter> counter =
        Rusty.actor(Counter::new, 0).setPlacementGroup(group, 1).remote();
    assertThat(counter.task(Counter::increment).remote().get()).isEqualTo(1);
    assertThat(Rusty.task(Fns::add, 1, 2).setPlacementGroup(group).remote().get()).isEqualTo(3);
  }

  @Test
  void aNamedGroupIsFoundUntilItIsRemovedAndRemovingTwiceIsHarmless() {
    PlacementGroup group = Rusty.placementGroup(TWO_BUNDLES).setName("local-pg").create();

    assertThat(Rusty.getPlacementGroup("local-pg")).hasValue(group);
    assertThat(Rusty.getAllPlacementGroups()).contains(group);

    Rusty.removePlacementGroup(group.getId());
    Rusty.removePlacementGroup(group.getId());

    assertThat(Rusty.getPlacementGroupById(group.getId()).orElseThrow().getState())
        .isEqualTo(PlacementGroupState.REMOVED);
    assertThatThrownBy(() -> group.wait(Duration.ofSeconds(1)))
        .isInstanceOf(RustyException.class)
        .hasMessageContaining("was removed");
    assertThat(Rusty.getPlacementGroup("local-pg")).isEmpty();
  }

  @Test
  void aRemovedGroupTakesNoNewActorOrTask() {
    PlacementGroup group = Rusty.placementGroup(TWO_BUNDLES).create();
    Rusty.removePlacementGroup(group.getId());

    assertThatThrownBy(() -> Rusty.actor(Counter::new, 0).setPlacementGroup(group, 0).remote())
        .isInstanceOf(RustyCallException.class)
        .hasMessageContaining("was removed");
    assertThatThrownBy(() -> Rusty.task(Fns::add, 1, 2).setPlacementGroup(group, 0).remote())
        .isInstanceOf(RustyCallException.class)
        .hasMessageContaining("was removed");
  }

  @Test
  void aBundleIndexOutsideTheGroupIsRefused() {
    PlacementGroup group = Rusty.placementGroup(TWO_BUNDLES).create();

    assertThatThrownBy(() -> Rusty.actor(Counter::new, 0).setPlacementGroup(group, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bundle index 2 is out of range");
    assertThatThrownBy(() -> Rusty.task(Fns::add, 1, 2).setPlacementGroup(group, -1))
        .as("as in Ray: any bundle is setPlacementGroup(group)")
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("out of range");
  }

  @Test
  void invalidBundlesAreRefusedWithTheReason() {
    Map<String, Double> withNull = new HashMap<>();
    withNull.put("cpu", null);

    assertThatThrownBy(() -> Rusty.placementGroup(List.of()).create())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a placement group needs at least one bundle");
    assertThatThrownBy(() -> Rusty.placementGroup(List.of(Map.of("cpu", 1.0), Map.of())).create())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bundle 1 of the placement group is empty");
    assertThatThrownBy(() -> Rusty.placementGroup(List.of(Map.of("cpu", 0.0))).create())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cpu=0.0: every amount of a bundle must be a positive number");
    assertThatThrownBy(() -> Rusty.placementGroup(List.of(withNull)).create())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("positive");
    assertThatThrownBy(() -> Rusty.placementGroup(TWO_BUNDLES).setStrategy(null).create())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("strategy");
  }

  @Test
  void aSecondGroupWithTheSameNameIsRefused() {
    Rusty.placementGroup(TWO_BUNDLES).setName("taken").create();

    assertThatThrownBy(() -> Rusty.placementGroup(TWO_BUNDLES).setName("taken").create())
        .isInstanceOf(RustyCallException.class)
        .hasMessageContaining("already exists");
  }
}
