package io.rustyray.e2e.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodStatusesTest {
  private static final Pod POD =
      TestPods.pod("metadata: {name: p, namespace: ns}\nspec: {containers: [{name: c, image: x}]}");

  private static ContainerStatus status(ContainerState state, ContainerState last, boolean ready) {
    return new ContainerStatusBuilder()
        .withName("c")
        .withReady(ready)
        .withRestartCount(last == null ? 0 : 1)
        .withState(state)
        .withLastState(last == null ? new ContainerState() : last)
        .build();
  }

  private static ContainerState waiting(String reason) {
    return new ContainerStateBuilder().withNewWaiting().withReason(reason).endWaiting().build();
  }

  private static ContainerState running() {
    return new ContainerStateBuilder().withNewRunning("2026-01-01T00:00:00Z").build();
  }

  private static ContainerState exited(int code) {
    return new ContainerStateBuilder()
        .withNewTerminated()
        .withExitCode(code)
        .endTerminated()
        .build();
  }

  private static String condition(PodStatus s, String type) {
    return s.getConditions().stream()
        .filter(c -> c.getType().equals(type))
        .map(PodCondition::getStatus)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void phaseIsPendingUntilEveryContainerHasStarted() {
    assertThat(PodStatuses.phase(List.of(status(waiting("ContainerCreating"), null, false))))
        .isEqualTo("Pending");
    assertThat(PodStatuses.phase(List.of(status(waiting("ImageNotRunnable"), null, false))))
        .isEqualTo("Pending");
  }

  @Test
  void phaseIsRunningWhileAContainerRunsOrWaitsToBeRestarted() {
    assertThat(PodStatuses.phase(List.of(status(running(), null, false)))).isEqualTo("Running");
    assertThat(PodStatuses.phase(List.of(status(waiting("CrashLoopBackOff"), exited(1), false))))
        .isEqualTo("Running");
  }

  @Test
  void phaseIsSucceededOrFailedOnceContainersEndForGood() {
    assertThat(PodStatuses.phase(List.of(status(exited(0), null, false)))).isEqualTo("Succeeded");
    assertThat(PodStatuses.phase(List.of(status(exited(137), null, false)))).isEqualTo("Failed");
  }

  @Test
  void readyOnlyWhenEveryContainerIsReady() {
    PodStatus notReady =
        PodStatuses.build(
            POD,
            List.of(),
            List.of(status(running(), null, false)),
            "127.1.0.2",
            "127.0.0.1",
            "t0",
            "t1");
    PodStatus ready =
        PodStatuses.build(
            POD,
            notReady.getConditions(),
            List.of(status(running(), null, true)),
            "127.1.0.2",
            "127.0.0.1",
            "t0",
            "t2");

    assertThat(condition(notReady, "Ready")).isEqualTo("False");
    assertThat(condition(notReady, "ContainersReady")).isEqualTo("False");
    assertThat(condition(notReady, "PodScheduled")).isEqualTo("True");
    assertThat(condition(notReady, "Initialized")).isEqualTo("True");
    assertThat(notReady.getConditions())
        .filteredOn(c -> c.getType().equals("Ready"))
        .first()
        .satisfies(
            c -> assertThat(c.getMessage()).isEqualTo("containers with unready status: [c]"));
    assertThat(condition(ready, "Ready")).isEqualTo("True");
    assertThat(ready.getPodIP()).isEqualTo("127.1.0.2");
    assertThat(ready.getPhase()).isEqualTo("Running");
  }

  @Test
  void lastTransitionTimeChangesOnlyWhenTheConditionFlips() {
    PodStatus first =
        PodStatuses.build(
            POD, List.of(), List.of(status(running(), null, true)), "ip", "h", "t0", "t1");
    PodStatus again =
        PodStatuses.build(
            POD,
            first.getConditions(),
            List.of(status(running(), null, true)),
            "ip",
            "h",
            "t0",
            "t2");
    PodStatus flipped =
        PodStatuses.build(
            POD,
            again.getConditions(),
            List.of(status(running(), null, false)),
            "ip",
            "h",
            "t0",
            "t3");

    assertThat(transition(again, "Ready")).isEqualTo("t1");
    assertThat(transition(flipped, "Ready")).isEqualTo("t3");
    assertThat(transition(flipped, "PodScheduled")).isEqualTo("t1");
  }

  @Test
  void aCompletedPodIsNotReady() {
    PodStatus done =
        PodStatuses.build(
            POD, List.of(), List.of(status(exited(0), null, false)), "ip", "h", "t0", "t1");

    assertThat(done.getPhase()).isEqualTo("Succeeded");
    assertThat(done.getConditions())
        .filteredOn(c -> c.getType().equals("Ready"))
        .first()
        .satisfies(c -> assertThat(c.getReason()).isEqualTo("PodCompleted"));
  }

  private static String transition(PodStatus s, String type) {
    return s.getConditions().stream()
        .filter(c -> c.getType().equals(type))
        .map(PodCondition::getLastTransitionTime)
        .findFirst()
        .orElseThrow();
  }
}
