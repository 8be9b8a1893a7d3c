package io.rustyray.runtime.gcs;

import io.grpc.Status;
import io.grpc.StatusException;
import io.rustyray.api.parallelactor.ParallelActorCreator;
import io.rustyray.protocol.proto.ActorSpec;

/** What the head refuses in a parallel actor's spec. */
final class ParallelActorCheck {
  private ParallelActorCheck() {}

  /**
   * @throws StatusException INVALID_ARGUMENT, saying what is wrong
   */
  static void check(ActorSpec spec) throws StatusException {
    int parallelism = spec.getParallelism();
    if (parallelism < 0 || parallelism > ParallelActorCreator.MAX_PARALLELISM) {
      throw refused(
          "parallelism must be from 1 to "
              + ParallelActorCreator.MAX_PARALLELISM
              + ", got "
              + parallelism);
    }
    if (parallelism <= 1) {
      return;
    }
    // Each instance runs its calls in a lane of one: groups and a wider limit would contradict it.
    if (spec.getConcurrencyGroupsCount() > 0 || spec.getMaxConcurrency() > 1) {
      throw refused(
          "a parallel actor runs each instance's calls one at a time; it takes no concurrency"
              + " groups and no maxConcurrency");
    }
    // A checkpoint holds one instance's state; a parallel actor has several.
    if (spec.hasCheckpoint()) {
      throw refused("a parallel actor keeps no checkpoint");
    }
  }

  private static StatusException refused(String why) {
    return Status.INVALID_ARGUMENT.withDescription(why).asException();
  }
}
