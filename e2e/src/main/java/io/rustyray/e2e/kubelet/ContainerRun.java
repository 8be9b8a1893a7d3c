package io.rustyray.e2e.kubelet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One container of a pod as the kubelet runs it: its process, state, restarts and probe results.
 */
final class ContainerRun {
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
