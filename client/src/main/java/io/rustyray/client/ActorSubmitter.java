package io.rustyray.client;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.rustyray.api.exception.ActorDiedException;
import io.rustyray.api.exception.ActorUnavailableException;
import io.rustyray.api.options.ActorCallOptions;
import io.rustyray.protocol.function.ResolvedFunction;
import io.rustyray.protocol.function.TaskNames;
import io.rustyray.protocol.proto.ActorInfo;
import io.rustyray.protocol.proto.ActorState;
import io.rustyray.protocol.proto.GetActorRequest;
import io.rustyray.protocol.proto.PushActorTaskRequest;
import io.rustyray.protocol.proto.SkipActorCallsReply;
import io.rustyray.protocol.proto.SkipActorCallsRequest;
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
 * are sent again to the new instance. Each call also tells the worker up to which sequence this
 * process has every outcome, so that a call lost on the wire never holds up the ones after it.
 */
final class ActorSubmitter {
  private static final long SETTLE_WAIT_MS = 30_000;
  // A refusal (actor moved, worker fenced) sends the call back through the head: paced, so that a
  // head that still names the refusing worker is not asked in a tight loop.
  private static final long FIRST_RETRY_DELAY_MS = 100;
  private static final long MAX_RETRY_DELAY_MS = 1_000;
  private static final long SKIP_DEADLINE_SECONDS = 5;

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
  private CallOutcomes outcomes = new CallOutcomes(-1);
  private long retryDelayMs = FIRST_RETRY_DELAY_MS;
  private boolean resolving;
  private long headAwaySinceNanos;
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
      ResolvedFunction function,
      CompletableFuture<List<TaskArg>> args,
      ActorCallOptions options,
      int instanceIndex) {
    PendingCall call = new PendingCall(nextOrder++, function, args, options, instanceIndex);
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
        // A call refused before it ran goes again under the number it had, so that the worker,
        // which waits for that number, runs it in its place among the caller's calls.
        if (call.incarnation != target.incarnation) {
          call.incarnation = target.incarnation;
          call.sequence = nextSequence++;
        }
        long sequence = call.sequence;
        long processedUpTo = outcomes.upTo();
        sends.add(() -> send(call, target, sequence, processedUpTo));
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
                if (failure != null && headAway(failure)) {
                  // A head being replaced: the calls wait for it, as tasks do, within a bound.
                  resolveAfterRefusal();
                  return;
                }
                if (failure != null) {
                  failAll(Errors.toRusty(failure));
                  return;
                }
                headAwaySinceNanos = 0;
                if (!reply.getFound()) {
                  deathCause = "the cluster does not know this actor";
                } else {
                  onActorInfo(reply.getActor());
                }
              }
              pump();
            });
  }

  /** Whether the head cannot be reached, and has not been for longer than the calls wait. */
  private boolean headAway(Throwable failure) {
    if (Status.fromThrowable(failure).getCode() != Status.Code.UNAVAILABLE) {
      return false;
    }
    long now = System.nanoTime();
    if (headAwaySinceNanos == 0) {
      headAwaySinceNanos = now;
    }
    return now - headAwaySinceNanos < TaskStream.HEAD_WAIT.toNanos();
  }

  private void onActorInfo(ActorInfo actor) {
    if (actor.getState() == ActorState.DEAD) {
      deathCause = actor.getDeathCause();
    } else if (actor.getState() == ActorState.ALIVE) {
      if (actor.getRestarts() != lastIncarnation) {
        lastIncarnation = actor.getRestarts();
        nextSequence = 0;
        outcomes = new CallOutcomes(lastIncarnation);
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

  private void send(PendingCall call, Location target, long sequence, long processedUpTo) {
    PushActorTaskRequest request =
        PushActorTaskRequest.newBuilder()
            .setActorId(actorId)
            .setIncarnation(target.incarnation)
            .setCallerId(callerId)
            .setSequence(sequence)
            .setClientProcessedUpTo(processedUpTo)
            .setFunction(call.function.descriptor())
            .addAllArgs(call.args.join())
            .setConcurrencyGroup(call.options.concurrencyGroup())
            .setName(call.options.name())
            .setInstanceIndex(call.instanceIndex)
            .build();
    Calls.<TaskResult>unary(
            observer ->
                WorkerServiceGrpc.newStub(head.channel(target.address))
                    .pushActorTask(request, observer))
        .whenComplete(
            (result, failure) -> {
              if (failure == null || !refused(Errors.unwrap(failure))) {
                outcome(target, sequence, failure == null);
              }
              if (failure == null) {
                ObjectValue.complete(
                    call.result, TaskNames.display(call.options.name(), call.function), result);
              } else {
                onSendFailure(call, target, Errors.unwrap(failure));
              }
            });
  }

  /**
   * Every outcome counts towards what the next call tells the worker. A failure may be a call that
   * never reached it while later ones wait there for it: a skip tells the worker at once.
   */
  private void outcome(Location target, long sequence, boolean replied) {
    long processedUpTo;
    synchronized (this) {
      if (replied) {
        retryDelayMs = FIRST_RETRY_DELAY_MS;
      }
      if (outcomes.incarnation != target.incarnation) {
        return;
      }
      if (!replied) {
        outcomes.failed(sequence);
      }
      // A failure counts once every call before it has an outcome too: the reply of an earlier
      // call may be what makes the gap at a failed one known.
      if (!outcomes.done(sequence) || !outcomes.gapToAnnounce()) {
        return;
      }
      processedUpTo = outcomes.upTo();
      if (processedUpTo >= nextSequence - 1) {
        // Nothing is in flight behind it: the next call carries the news.
        return;
      }
    }
    SkipActorCallsRequest skip =
        SkipActorCallsRequest.newBuilder()
            .setActorId(actorId)
            .setIncarnation(target.incarnation)
            .setCallerId(callerId)
            .setClientProcessedUpTo(processedUpTo)
            .build();
    // Best effort: if the worker is gone too, the calls waiting there fail with it.
    Calls.<SkipActorCallsReply>unary(
        observer ->
            WorkerServiceGrpc.newStub(head.channel(target.address))
                .withDeadlineAfter(SKIP_DEADLINE_SECONDS, TimeUnit.SECONDS)
                .skipActorCalls(skip, observer));
  }

  /** Asks the head again after a refusal, a little later each time until a call gets through. */
  private void resolveAfterRefusal() {
    if (resolving) {
      return;
    }
    long delay = retryDelayMs;
    retryDelayMs = Math.min(retryDelayMs * 2, MAX_RETRY_DELAY_MS);
    resolve(delay);
  }

  /** The worker did not take the call (or was not reached): it did not run, and goes again. */
  private static boolean refused(Throwable failure) {
    Status.Code code =
        failure instanceof StatusRuntimeException s ? s.getStatus().getCode() : Status.Code.UNKNOWN;
    return code == Status.Code.FAILED_PRECONDITION
        || code == Status.Code.ABORTED
        || neverConnected(failure);
  }

  /** The worker's connection closed under the call without a status: it died mid-call. */
  private static boolean connectionClosed(Throwable failure) {
    return failure instanceof StatusRuntimeException s
        && s.getStatus().getCode() == Status.Code.UNKNOWN
        && "channel closed".equals(s.getStatus().getDescription());
  }

  private void onSendFailure(PendingCall call, Location target, Throwable failure) {
    Status.Code code =
        failure instanceof StatusRuntimeException s ? s.getStatus().getCode() : Status.Code.UNKNOWN;
    if (refused(failure)) {
      // The worker does not host this incarnation, or its node was fenced (ABORTED): the call
      // never ran, so it can go again, wherever the head says the actor is now.
      synchronized (this) {
        if (location == target) {
          location = null;
        }
        queue.add(call);
        resolveAfterRefusal();
      }
      return;
    }
    if (code == Status.Code.UNAVAILABLE || connectionClosed(failure)) {
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
    // The incarnation and sequence it was last sent with; -1 before its first send.
    int incarnation = -1;
    long sequence;
    final ResolvedFunction function;
    final CompletableFuture<List<TaskArg>> args;
    final ActorCallOptions options;
    final int instanceIndex;
    final CompletableFuture<ObjectValue> result = new CompletableFuture<>();

    PendingCall(
        long order,
        ResolvedFunction function,
        CompletableFuture<List<TaskArg>> args,
        ActorCallOptions options,
        int instanceIndex) {
      this.order = order;
      this.instanceIndex = instanceIndex;
      this.function = function;
      this.args = args;
      this.options = options;
    }
  }
}
