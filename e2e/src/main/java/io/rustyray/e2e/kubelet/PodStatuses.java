package io.rustyray.e2e.kubelet;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Builds a pod's status from its containers' statuses, as the kubelet computes it: the phase, and
 * the conditions PodScheduled, Initialized, ContainersReady and Ready (each keeping its
 * lastTransitionTime while its status does not change).
 */
public final class PodStatuses {
  /** Pod phases. */
  public static final String PENDING = "Pending";

  /** Pod phases. */
  public static final String RUNNING = "Running";

  /** Pod phases. */
  public static final String SUCCEEDED = "Succeeded";

  /** Pod phases. */
  public static final String FAILED = "Failed";

  private PodStatuses() {}

  /**
   * The phase from the containers: Pending while one has never started; Running while one runs or
   * waits to be restarted; else Failed if one ended with a non-zero code, else Succeeded. A
   * container is left in a terminated state only once it will not be restarted.
   *
   * @param containers the containers' statuses
   * @return the pod phase
   */
  public static String phase(List<ContainerStatus> containers) {
    int running = 0;
    int neverStarted = 0;
    int restarting = 0;
    int failed = 0;
    for (ContainerStatus cs : containers) {
      var state = cs.getState();
      if (state.getRunning() != null) {
        running++;
      } else if (state.getTerminated() != null) {
        if (!Objects.equals(state.getTerminated().getExitCode(), 0)) {
          failed++;
        }
      } else if (cs.getLastState() != null && cs.getLastState().getTerminated() != null) {
        restarting++;
      } else {
        neverStarted++;
      }
    }
    if (neverStarted > 0) {
      return PENDING;
    }
    if (running > 0 || restarting > 0) {
      return RUNNING;
    }
    return failed > 0 ? FAILED : SUCCEEDED;
  }

  /**
   * @param pod the pod
   * @param previous the conditions last published (their lastTransitionTime is kept)
   * @param containers the containers' statuses, in spec order
   * @param podIp the pod's IP (null before one is given)
   * @param hostIp the node's IP
   * @param startTime when the kubelet accepted the pod (RFC 3339)
   * @param now the current time (RFC 3339)
   * @return the complete pod status
   */
  public static PodStatus build(
      Pod pod,
      List<PodCondition> previous,
      List<ContainerStatus> containers,
      String podIp,
      String hostIp,
      String startTime,
      String now) {
    if (previous == null) {
      previous = List.of();
    }
    String phase = phase(containers);
    boolean terminal = phase.equals(SUCCEEDED) || phase.equals(FAILED);
    List<String> unready =
        containers.stream()
            .filter(cs -> !Boolean.TRUE.equals(cs.getReady()))
            .map(ContainerStatus::getName)
            .collect(Collectors.toList());
    List<PodCondition> conditions = new ArrayList<>();
    conditions.add(condition(previous, "Initialized", "True", null, null, now));
    String readyReason =
        terminal ? "PodCompleted" : unready.isEmpty() ? null : "ContainersNotReady";
    String readyMessage =
        terminal || unready.isEmpty()
            ? null
            : "containers with unready status: [" + String.join(" ", unready) + "]";
    String ready = unready.isEmpty() && !terminal ? "True" : "False";
    conditions.add(condition(previous, "Ready", ready, readyReason, readyMessage, now));
    conditions.add(condition(previous, "ContainersReady", ready, readyReason, readyMessage, now));
    conditions.add(condition(previous, "PodScheduled", "True", null, null, now));
    PodStatusBuilder status =
        new PodStatusBuilder()
            .withPhase(phase)
            .withConditions(conditions)
            .withHostIP(hostIp)
            .withStartTime(startTime)
            .withContainerStatuses(containers)
            .withQosClass(pod.getStatus() == null ? null : pod.getStatus().getQosClass());
    if (podIp != null) {
      status.withPodIP(podIp).withPodIPs(new PodIP(podIp));
    }
    return status.build();
  }

  /**
   * A condition that keeps its previous lastTransitionTime while its status is unchanged.
   *
   * @param previous the conditions the pod had
   * @param type the condition type
   * @param status True, False or Unknown
   * @param reason a CamelCase reason, or null
   * @param message a message, or null
   * @param now the current time (RFC 3339)
   * @return the condition
   */
  public static PodCondition condition(
      List<PodCondition> previous,
      String type,
      String status,
      String reason,
      String message,
      String now) {
    String since =
        previous.stream()
            .filter(c -> type.equals(c.getType()) && status.equals(c.getStatus()))
            .map(PodCondition::getLastTransitionTime)
            .filter(Objects::nonNull)
            .findFirst()
            .orElse(now);
    return new PodConditionBuilder()
        .withType(type)
        .withStatus(status)
        .withReason(reason)
        .withMessage(message)
        .withLastProbeTime(null)
        .withLastTransitionTime(since)
        .build();
  }
}
