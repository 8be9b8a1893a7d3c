package io.rustyray.runtime.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResourceSchedulerTest {
  private static ResourceSet cpus(double n) {
    return ResourceSet.of(Map.of("cpu", n));
  }

  @Test
  void demandsSpreadOverNodesByTheirFreeShareOfCpus() {
    ResourceScheduler scheduler = new ResourceScheduler();
    scheduler.addNode("a", "a:1", cpus(2));
    scheduler.addNode("b", "b:1", cpus(2));

    Map<String, Integer> placed = new HashMap<>();
    for (int i = 0; i < 4; i++) {
      placed.merge(scheduler.allocate(cpus(1)).orElseThrow().nodeId(), 1, Integer::sum);
    }

    assertThat(placed).containsEntry("a", 2).containsEntry("b", 2);
    assertThat(scheduler.allocate(cpus(1))).as("all four CPUs are taken").isEmpty();
  }

  @Test
  void releasedResourcesCanBeAllocatedAgain() {
    ResourceScheduler scheduler = new ResourceScheduler();
    scheduler.addNode("a", "a:1", cpus(1));
    scheduler.allocate(cpus(1)).orElseThrow();

    scheduler.release("a", cpus(1));

    assertThat(scheduler.allocate(cpus(1))).isPresent();
  }

  @Test
  void customResourceGoesOnlyWhereItExists() {
    ResourceScheduler scheduler = new ResourceScheduler();
    scheduler.addNode("plain", "p:1", cpus(8));
    scheduler.addNode("gpu", "g:1", ResourceSet.of(Map.of("cpu", 1.0, "gpu", 1.0)));

    assertThat(scheduler.allocate(ResourceSet.of(Map.of("gpu", 1.0))).orElseThrow().nodeId())
        .isEqualTo("gpu");
  }

  @Test
  void reasonSaysWhetherTheDemandFitsNoNodeEverOrOnlyNotNow() {
    ResourceScheduler scheduler = new ResourceScheduler();
    scheduler.addNode("a", "a:1", cpus(1));
    scheduler.allocate(cpus(1));

    assertThat(scheduler.whyNothingFits(ResourceSet.of(Map.of("gpu", 1.0))))
        .startsWith("no alive node has {gpu=1} in total")
        .contains("a has {cpu=0} free of {cpu=1}");
    assertThat(scheduler.whyNothingFits(cpus(1))).startsWith("waiting for {cpu=1} to become free");
  }

  @Test
  void removedNodeIsNeverChosen() {
    ResourceScheduler scheduler = new ResourceScheduler();
    scheduler.addNode("a", "a:1", cpus(4));
    scheduler.removeNode("a");

    assertThat(scheduler.allocate(cpus(1))).isEmpty();
    assertThat(scheduler.whyNothingFits(cpus(1))).startsWith("no node is alive");
  }
}
