package io.rustyray.client;

import io.grpc.StatusRuntimeException;
import io.rustyray.api.RuntimeContext;
import io.rustyray.protocol.function.ActorExitSignal;
import io.rustyray.protocol.proto.KillActorRequest;

/**
 * {@code Rusty.exitActor()} in a worker: the head records the actor dead for good (no restart) and
 * ends its instance, which ends its worker process, or only that actor in a shared worker. Callers
 * of the exiting call and of every later call get an ActorDiedException that says it exited.
 */
final class ActorSelfExit {
  private ActorSelfExit() {}

  static void exit(HeadConnection head, RuntimeContext context) {
    if (context.actorId().isEmpty()) {
      throw ActorExitSignal.outsideAnActor();
    }
    try {
      head.blocking(HeadConnection.CALL_TIMEOUT_SECONDS)
          .killActor(
              KillActorRequest.newBuilder()
                  .setActorId(context.actorId())
                  .setNoRestart(true)
                  .setExitedItself(true)
                  .build());
    } catch (StatusRuntimeException e) {
      throw Errors.toRusty(e);
    }
    // Still here in a shared worker (an own worker process ends with the instance): the method
    // must stop; its caller has its answer from the kill already.
    throw new ActorExitSignal(context.actorId());
  }
}
