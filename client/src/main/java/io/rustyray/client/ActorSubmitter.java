package io.rustyray.client;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.rustyray.api.exception.ActorDiedException;
import io.rustyray.api.exception.ActorUnavailableException;
import io.rustyray.protocol.function.ResolvedFunction;
import io.rustyray.protocol.proto.ActorInfo;
import io.rustyray.protocol.proto.ActorState;
import io.rustyray.protocol.proto.GetActorRequest;
import io.rustyray.protocol.proto.PushActorTaskRequest;
import io.rustyray.protocol.proto.TaskArg;
import io.rustyray.protocol.proto.TaskResult;
import io.rustyray.protocol.proto.WorkerServiceGrpc;
import io.rustyray.protocol.transport.Calls;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Sends one process's calls to one actor, in the order they were made. Each call carries a sequence
 * number per actor incarnation, and the node runs them in that order. Calls wait here while the
 * actor's location is unknown (pending, restarting); calls the node refused because the actor moved
 * are sent again to the new instance.
 */
final class ActorSubmitter {
  private static final long SETTLE_WAIT_MS = 30_000;

  private final String actorId;
  private final HeadConnection head;
  private final String callerId;
  private final PriorityQueue<PendingCall> queue =
      new PriorityQueue<>((a, b) -> Long.compare(a.order, b.order));
  private long nextOrder;
  private CompletableFuture<Void> registered = CompletableFuture.completedFuture(null);
  private Location location;
  private int lastIncarnation = -1;
  private long nextSequence;
  private boolean resolving;
  private String deathCause;

  ActorSubmitter(String actorId, HeadConnection head, String callerId) {
    this.actorId = actorId;
    this.head = head;
    this.callerId = callerId;
  }

  /** Calls wait until {@code creation} completes: the actor is only known to the head then. */
  synchronized void awaitCreation(CompletableFuture<Void> creation) {
    registered = creation;
    creation.whenComplete((ok, failure) -> pump());
  }

  /** The actor is known dead (this process killed it): calls fail from now on. */
  void dead(String cause) {
    synchronized (this) {
      deathCause = cause;
      location = null;
    }
    pump();
  }

  synchronized CompletableFuture<ObjectValue> submit(
      ResolvedFunction function, CompletableFuture<List<TaskArg>> args) {
    PendingCall call = new PendingCall(nextOrder++, function, args);
    queue.add(call);
    args.whenComplete((ok, failure) -> pump());
    pump();
    return call.result;
  }

  private void pump() {
    List<Runnable> sends = new ArrayList<>();
    synchronized (this) {
      if (!registered.isDone()) {
        return;
      }
      if (registered.isCompletedExceptionally()) {
        failAll(registered.handle((ok, t) -> t).join());
        return;
      }
      while (!queue.isEmpty()) {
        PendingCall call = queue.peek();
        if (deathCause != null) {
          queue.poll().result.completeExceptionally(new ActorDiedException(actorId, deathCause));
          continue;
        }
        if (!call.args.isDone()) {
          return;
        }
        if (call.args.isCompletedExceptionally()) {
          queue.poll();
          call.args.whenComplete((ok, t) -> call.result.completeExceptionally(t));
          continue;
        }
        if (location == null) {
          resolve(0);
          break;
        }
        queue.poll();
        Location target = location;
        long sequence = nextSequence++;
        sends.add(() -> send(call, target, sequence));
      }
    }
    // Sent outside the lock, in order: a send may complete inline and re-enter pump().
    sends.forEach(Runnable::run);
  }

  private void failAll(Throwable failure) {
    while (!queue.isEmpty()) {
      queue.poll().result.completeExceptionally(failure);
    }
  }

  private void resolve(long delayMs) {
    if (resolving) {
      return;
    }
    resolving = true;
    CompletableFuture<Void> delay =
        delayMs == 0
            ? CompletableFuture.completedFuture(null)
            : CompletableFuture.runAsync(
                () -> {}, CompletableFuture.delayedExecutor(delayMs, TimeUnit.MILLISECONDS));
    delay
        .thenCompose(
            ignored ->
                head.getActor(
                    GetActorRequest.newBuilder()
                        .setActorId(actorId)
                        .setWaitSettledMs(SETTLE_WAIT_MS)
                        .build()))
        .whenComplete(
            (reply, failure) -> {
              synchronized (this) {
                resolving = false;
                if (failure != null) {
                  failAll(Errors.toRusty(failure));
                  return;
                }
                if (!reply.getFound()) {
                  deathCause = "the cluster does not know this actor";
                } else {
                  onActorInfo(reply.getActor());
                }
              }
              pump();
            });
  }

  private void onActorInfo(ActorInfo actor) {
    if (actor.getState() == ActorState.DEAD) {
      deathCause = actor.getDeathCause();
    } else if (actor.getState() == ActorState.ALIVE) {
      if (actor.getRestarts() != lastIncarnation) {
        lastIncarnation = actor.getRestarts();
        nextSequence = 0;
      }
      // Calls go straight to the actor's worker process, not through its node.
      location =
          new Location(
              actor.getWorkerAddress().isEmpty()
                  ? actor.getNodeAddress()
                  : actor.getWorkerAddress(),
              actor.getRestarts());
    }
    // Still pending or restarting after the wait: the next pump() asks again.
  }

  private void send(PendingCall call, Location target, long sequence) {
    PushActorTaskRequest request =
        PushActorTaskRequest.newBuilder()
            .setActorId(actorId)
            .setIncarnation(target.incarnation)
            .setCallerId(callerId)
            .setSequence(sequence)
            .setFunction(call.function.descriptor())
            .addAllArgs(call.args.join())
            .build();
    Calls.<TaskResult>unary(
            observer ->
                WorkerServiceGrpc.newStub(head.channel(target.address))
                    .pushActorTask(request, observer))
        .whenComplete(
            (result, failure) -> {
              if (failure == null) {
                ObjectValue.complete(call.result, call.function, result);
              } else {
                onSendFailure(call, target, Errors.unwrap(failure));
              }
            });
  }

  private void onSendFailure(PendingCall call, Location target, Throwable failure) {
    Status.Code code =
        failure instanceof StatusRuntimeException s ? s.getStatus().getCode() : Status.Code.UNKNOWN;
    if (code == Status.Code.FAILED_PRECONDITION
        || code == Status.Code.ABORTED
        || neverConnected(failure)) {
      // The node does not host this incarnation: the call never ran, so it can go again.
      synchronized (this) {
        if (location == target) {
          location = null;
        }
        queue.add(call);
        resolve(100);
      }
      return;
    }
    if (code == Status.Code.UNAVAILABLE) {
      synchronized (this) {
        if (location == target) {
          location = null;
        }
      }
      head.getActor(GetActorRequest.newBuilder().setActorId(actorId).build())
          .whenComplete(
              (reply, t) -> {
                if (t == null
                    && reply.getFound()
                    && reply.getActor().getState() == ActorState.DEAD) {
                  call.result.completeExceptionally(
                      new ActorDiedException(actorId, reply.getActor().getDeathCause()));
                } else {
                  call.result.completeExceptionally(
                      new ActorUnavailableException(
                          "the worker process of actor "
                              + actorId
                              + " at "
                              + target.address
                              + " failed while "
                              + call.function.display()
                              + " was in flight; the call may or may not have run"));
                }
              });
      pump();
      return;
    }
    call.result.completeExceptionally(Errors.toRusty(failure));
  }

  /** The connection was refused: the call never left this process, so it did not run. */
  private static boolean neverConnected(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof java.net.ConnectException) {
        return true;
      }
    }
    return false;
  }

  private record Location(String address, int incarnation) {}

  private static final class PendingCall {
    final long order;
    final ResolvedFunction function;
    final CompletableFuture<List<TaskArg>> args;
    final CompletableFuture<ObjectValue> result = new CompletableFuture<>();

    PendingCall(long order, ResolvedFunction function, CompletableFuture<List<TaskArg>> args) {
      this.order = order;
      this.function = function;
      this.args = args;
    }
  }
}
