package io.rustyray.runtime.gcs;

import io.grpc.Status;
import io.grpc.StatusException;
import io.rustyray.protocol.concurrencygroup.ConcurrencyGroupRouting;
import io.rustyray.protocol.proto.ActorSpec;
import io.rustyray.protocol.resources.ResourceRequests;
import io.rustyray.protocol.resources.WorkerJvmOptions;
import java.util.Optional;

/** What the head refuses in an actor's spec before it records the actor. */
final class ActorSpecCheck {
  private ActorSpecCheck() {}

  /**
   * @throws StatusException INVALID_ARGUMENT, saying what is wrong, when the head cannot take it
   */
  static void check(ActorSpec spec) throws StatusException {
    if (spec.getConstructor().getClassName().isEmpty()) {
      throw Status.INVALID_ARGUMENT
          .withDescription("the actor spec names no class to construct")
          .asException();
    }
    if (spec.getMaxRestarts() < -1) {
      throw Status.INVALID_ARGUMENT
          .withDescription("maxRestarts must be -1 or more, got " + spec.getMaxRestarts())
          .asException();
    }
    if (spec.getMaxConcurrency() < 0) {
      throw Status.INVALID_ARGUMENT
          .withDescription("maxConcurrency must be 1 or more, got " + spec.getMaxConcurrency())
          .asException();
    }
    Optional<String> badOptions = WorkerJvmOptions.problem(spec.getJvmOptionsList());
    if (badOptions.isPresent()) {
      throw Status.INVALID_ARGUMENT
          .withDescription("jvmOptions: " + badOptions.get())
          .asException();
    }
    if (spec.getSharedWorker() && spec.getJvmOptionsCount() > 0) {
      throw Status.INVALID_ARGUMENT
          .withDescription(
              "an actor in a shared worker takes no JVM options of its own (the job's worker"
                  + " options apply); drop jvmOptions or sharedWorker")
          .asException();
    }
    try {
      new ConcurrencyGroupRouting(spec.getConcurrencyGroupsList());
    } catch (IllegalArgumentException e) {
      throw Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asException();
    }
    ParallelActorCheck.check(spec);
    Optional<String> badResources = ResourceRequests.problem(spec.getResources());
    if (badResources.isPresent()) {
      throw Status.INVALID_ARGUMENT.withDescription(badResources.get()).asException();
    }
  }
}
