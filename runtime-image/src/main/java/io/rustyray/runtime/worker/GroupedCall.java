package io.rustyray.runtime.worker;

import io.grpc.Status;
import io.grpc.StatusException;
import io.rustyray.protocol.concurrencygroup.ConcurrencyGroupExecutors;
import io.rustyray.protocol.concurrencygroup.ConcurrencyGroupRouting;
import io.rustyray.protocol.parallelactor.ParallelInstances;
import io.rustyray.protocol.proto.ActorSpec;
import io.rustyray.protocol.proto.PushActorTaskRequest;

/**
 * An actor call and the concurrency group it runs in.
 *
 * @param group the group, or null for a call refused before it runs: its refusal takes its place
 *     among its caller's calls, so that the calls after it do not wait for it, and needs no turn
 * @param call what runs
 */
record GroupedCall(String group, Runnable call) {

  static GroupedCall inDefaultGroup(Runnable call) {
    return new GroupedCall(ConcurrencyGroupRouting.DEFAULT_GROUP, call);
  }

  /**
   * @param run runs the call, in its group
   * @return the call in the group it asked for or its method is in; a refusal when it asked for a
   *     group the actor does not have
   */
  static GroupedCall of(
      ActorInstance actor, PushActorTaskRequest request, CallReply reply, Runnable run) {
    String notParallel =
        ParallelInstances.problem(
            actor.actorId, actor.instances.size(), request.getInstanceIndex());
    if (notParallel != null) {
      return refused(notParallel, reply);
    }
    if (actor.instances.size() > 1) {
      if (!request.getConcurrencyGroup().isEmpty()) {
        return refused(ParallelInstances.noGroups(actor.actorId), reply);
      }
      return new GroupedCall(ParallelInstances.lane(request.getInstanceIndex()), run);
    }
    try {
      return new GroupedCall(
          actor.routing().groupOf(request.getFunction(), request.getConcurrencyGroup()), run);
    } catch (IllegalArgumentException unknownGroup) {
      return refused(
          "call "
              + request.getFunction().getMethodName()
              + " on actor "
              + actor.actorId
              + ": "
              + unknownGroup.getMessage(),
          reply);
    }
  }

  private static GroupedCall refused(String why, CallReply reply) {
    StatusException refusal = Status.INVALID_ARGUMENT.withDescription(why).asException();
    return new GroupedCall(null, () -> reply.fail(refusal));
  }

  /**
   * @return the executors of the actor's groups, each with threads of its own
   * @throws StatusException INVALID_ARGUMENT when the spec's groups contradict each other
   */
  static ConcurrencyGroupExecutors executors(String actorId, ActorSpec spec)
      throws StatusException {
    try {
      return ConcurrencyGroupExecutors.ownThreads(
          "actor-" + actorId,
          spec.getMaxConcurrency(),
          new ConcurrencyGroupRouting(
              spec.getParallelism() > 1
                  ? ParallelInstances.lanes(spec.getParallelism())
                  : spec.getConcurrencyGroupsList()));
    } catch (IllegalArgumentException e) {
      throw Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asException();
    }
  }
}
