package io.rustyray.e2e.kubelet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One container of a pod as the kubelet runs it: its process, state, restarts and probe results.
 */
final class ContainerRun {
  private static final int MAX_BACKOFF_SECONDS = 30;

  final Container spec;
  Process process;
  Path logFile;
  Map<String, String> env = Map.of();
  UnaryOperator<String> rewrite = UnaryOperator.identity();
  int restartCount;
  ContainerState state;
  ContainerState lastState;
  boolean ready;
  boolean finished;
  Instant startedAt;
  Instant restartAt;
  int backoffSeconds;
  Instant nextReadiness;
  int readinessSuccesses;
  int readinessFailures;
  Instant nextLiveness;
  int livenessFailures;
  boolean killedByLiveness;
  Instant nextConfigAttempt = Instant.EPOCH;

  ContainerRun(Container spec) {
    this.spec = spec;
    waiting("ContainerCreating", null);
  }

  /**
   * Continues from what an earlier kubelet published about this container, so restart counts go on
   * across kubelet restarts, and a container that ran before and may not be restarted is reported
   * as lost instead of silently running again.
   *
   * @param previous the container's status as the pod carries it
   * @param policy the pod's restartPolicy
   */
  void restore(ContainerStatus previous, RestartPolicy policy) {
    restartCount = previous.getRestartCount() == null ? 0 : previous.getRestartCount();
    ContainerState was = previous.getState();
    boolean ranBefore = was != null && (was.getRunning() != null || was.getTerminated() != null);
    if (was != null
        && was.getTerminated() != null
        && !policy.restartsAfter(was.getTerminated().getExitCode())) {
      state = was;
      finished = true;
    } else if (ranBefore && policy == RestartPolicy.NEVER) {
      state =
          terminated(
              137, "ContainerLost", "the kubelet restarted and lost this process", Instant.now());
      finished = true;
    } else if (ranBefore) {
      restartCount++;
    }
  }

  /**
   * Its process has just started: running, not ready, probes counted afresh from their initial
   * delays.
   *
   * @param processEnv the process's environment (exec probes run with it)
   * @param pathRewrite rewrites mount paths in probe commands as in the container's own
   * @param log the file its output goes to
   */
  void started(Map<String, String> processEnv, UnaryOperator<String> pathRewrite, Path log) {
    env = processEnv;
    rewrite = pathRewrite;
    logFile = log;
    startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    running(startedAt);
    ready = false;
    restartAt = null;
    readinessSuccesses = 0;
    readinessFailures = 0;
    livenessFailures = 0;
    killedByLiveness = false;
    Probe rp = spec.getReadinessProbe();
    nextReadiness =
        Instant.now()
            .plusSeconds(rp == null ? 0 : Probes.orDefault(rp.getInitialDelaySeconds(), 0));
    Probe lp = spec.getLivenessProbe();
    nextLiveness =
        Instant.now()
            .plusSeconds(lp == null ? 0 : Probes.orDefault(lp.getInitialDelaySeconds(), 0));
  }

  /**
   * It exited and will be started again after a back-off of 1, 2, 4 ... 30 s, which starts over at
   * 1 s once a run lasted more than 60 s.
   *
   * @param exit its terminated state (becomes lastState)
   * @param now when it exited
   */
  void backOff(ContainerState exit, Instant now) {
    boolean ranLong = startedAt != null && Duration.between(startedAt, now).toSeconds() > 60;
    backoffSeconds =
        ranLong || backoffSeconds == 0 ? 1 : Math.min(MAX_BACKOFF_SECONDS, backoffSeconds * 2);
    restartAt = now.plusSeconds(backoffSeconds);
    lastState = exit;
    restartCount++;
    waiting(
        "CrashLoopBackOff",
        "back-off " + backoffSeconds + "s restarting failed container=" + spec.getName());
  }

  void waiting(String reason, String message) {
    state =
        new ContainerStateBuilder()
            .withNewWaiting()
            .withReason(reason)
            .withMessage(message)
            .endWaiting()
            .build();
  }

  void running(Instant since) {
    state = new ContainerStateBuilder().withNewRunning(since.toString()).build();
  }

  ContainerState terminated(int exitCode, String reason, String message, Instant finishedAt) {
    return new ContainerStateBuilder()
        .withNewTerminated()
        .withExitCode(exitCode)
        .withReason(reason)
        .withMessage(message)
        .withStartedAt(startedAt == null ? null : startedAt.toString())
        .withFinishedAt(finishedAt.toString())
        .withContainerID(process == null ? null : "process://" + process.pid())
        .endTerminated()
        .build();
  }

  ContainerStatus status() {
    return new ContainerStatusBuilder()
        .withName(spec.getName())
        .withImage(spec.getImage())
        .withImageID(spec.getImage())
        .withContainerID(process == null ? null : "process://" + process.pid())
        .withReady(ready)
        .withStarted(state.getRunning() != null)
        .withRestartCount(restartCount)
        .withState(state)
        .withLastState(lastState == null ? new ContainerState() : lastState)
        .build();
  }
}
