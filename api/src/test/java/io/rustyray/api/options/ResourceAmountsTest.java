package io.rustyray.api.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rustyray.api.Rusty;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResourceAmountsTest {
  static final class Work {
    static void run() {}
  }

  @Test
  void wholeAmountsAndFractionsOfOneAreFine() {
    assertThat(ResourceAmounts.problem("cpu", 3)).isNull();
    assertThat(ResourceAmounts.problem("cpu", 0.5)).isNull();
    assertThat(ResourceAmounts.problem("gpu", 1)).isNull();
    assertThat(ResourceAmounts.problem("memory", 2_000_000_000d)).isNull();
    assertThat(ResourceAmounts.problem("cpu", 0)).isNull();
  }

  @Test
  void anAmountAboveOneThatIsNotWholeIsRefused() {
    assertThat(ResourceAmounts.problem("cpu", 3.5))
        .contains("resource cpu must be a whole number when above 1")
        .contains("3.5");
    assertThat(ResourceAmounts.problem("fpga", 1.25)).contains("resource fpga");
  }

  @Test
  void negativeAndNonFiniteAmountsAreRefused() {
    assertThat(ResourceAmounts.problem("cpu", -1)).contains("must not be negative");
    assertThat(ResourceAmounts.problem("cpu", Double.NaN)).contains("finite");
    assertThat(ResourceAmounts.problem("cpu", Double.POSITIVE_INFINITY)).contains("finite");
  }

  @Test
  void theSettersOfTasksAndActorsRefuseBadAmountsAtOnce() {
    assertThatThrownBy(() -> Rusty.task(Work::run).setResource("cpu", 3.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("whole number");
    assertThatThrownBy(() -> Rusty.task(Work::run).setResources(Map.of("gpu", -2.0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("negative");
    assertThatThrownBy(() -> Rusty.actor(Work::new).setResource("cpu", Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("finite");
    assertThatThrownBy(() -> Rusty.actor(Work::new).setResources(Map.of("x", 2.5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("whole number");
  }

  @Test
  void raysUpperCaseNamesOfTheBuiltInResourcesMeanOurs() {
    assertThat(ResourceAmounts.canonical(Map.of("CPU", 2.0, "GPU", 1.0, "Custom", 3.0)))
        .containsOnly(Map.entry("cpu", 2.0), Map.entry("gpu", 1.0), Map.entry("Custom", 3.0));
    assertThat(
            new io.rustyray.api.placementgroup.PlacementGroupOptions(
                    java.util.List.of(Map.of("CPU", 1.0)),
                    io.rustyray.api.placementgroup.PlacementStrategy.PACK,
                    "",
                    false)
                .bundles())
        .containsExactly(Map.of("cpu", 1.0));
  }
}
