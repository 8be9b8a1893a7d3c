package io.rustyray.runtime.worker;

import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.stub.StreamObserver;
import io.rustyray.protocol.function.AssignedGpus;
import io.rustyray.protocol.function.CurrentActor;
import io.rustyray.protocol.function.TaskNames;
import io.rustyray.protocol.proto.ActorSpec;
import io.rustyray.protocol.proto.CreateActorInstanceReply;
import io.rustyray.protocol.proto.CreateActorInstanceRequest;
import io.rustyray.protocol.proto.KillActorInstanceReply;
import io.rustyray.protocol.proto.KillActorInstanceRequest;
import io.rustyray.protocol.proto.PushActorTaskRequest;
import io.rustyray.protocol.proto.PushTaskRequest;
import io.rustyray.protocol.proto.SkipActorCallsReply;
import io.rustyray.protocol.proto.SkipActorCallsRequest;
import io.rustyray.protocol.proto.TaskReply;
import io.rustyray.protocol.proto.TaskResult;
import io.rustyray.protocol.proto.TaskSpec;
import io.rustyray.protocol.proto.WorkerServiceGrpc;
import io.rustyray.runtime.fencing.Lease;
import io.rustyray.runtime.server.DaemonThreads;
import io.rustyray.runtime.tasks.TaskReplies;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * A worker process's gRPC face: runs its job's tasks on a bounded pool, and hosts actors whose
 * callers reach it directly. A call for an actor this worker does not host (any more) is refused
 * with FAILED_PRECONDITION, which tells the caller that the call did not run and may go to the
 * actor's new home.
 */
final class WorkerService extends WorkerServiceGrpc.WorkerServiceImplBase {
  private static final Logger LOG = Logger.getLogger(WorkerService.class);

  private final WorkerSettings settings;
  private final FunctionInvoker invoker;
  private final ExecutorService taskPool;
  private final ExecutorService actorPool;
  private final Map<String, ActorInstance> actors = new ConcurrentHashMap<>();
  private final Lease lease;
  private final CheckpointSink checkpoints;
  private final ScheduledExecutorService checkpointTimer =
      Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("checkpoint-timer"));
  private static final java.time.Duration LEASE_WAIT = java.time.Duration.ofSeconds(60);

  /**
   * @param lease how long this worker may serve actor calls: its node renews it while the head
   *     hears the node
   * @param checkpoints where durable actors' checkpoints are kept
   */
  WorkerService(
      WorkerSettings settings,
      FunctionInvoker invoker,
      ExecutorService taskPool,
      ExecutorService actorPool,
      Lease lease,
      CheckpointSink checkpoints) {
    this.settings = settings;
    this.invoker = invoker;
    this.taskPool = taskPool;
    this.actorPool = actorPool;
    this.lease = lease;
    this.checkpoints = checkpoints;
  }

  /**
   * A call already in the caller's order waits here while the lease is out, rather than run
   * unconfirmed or be refused out of its turn: the lease comes back, or the node ends this worker.
   */
  private boolean awaitLease(ActorInstance actor) {
    long deadline = System.nanoTime() + LEASE_WAIT.toNanos();
    while (!lease.valid()) {
      if (actor.killed() || System.nanoTime() - deadline > 0) {
        return false;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  /**
   * Refuses a call that did not run: the node's lease from the head ran out, so the head may have
   * declared it dead and started the actor elsewhere. The caller asks the head where it is now.
   */
  private StatusException fenced(String actorId) {
    return Status.ABORTED
        .withDescription(
            "fenced: node "
                + settings.nodeId()
                + " has not been confirmed by the head lately, so actor "
                + actorId
                + " may live elsewhere now; the call did not run, ask the head again")
        .asException();
  }

  @Override
  public StreamObserver<PushTaskRequest> pushTasks(StreamObserver<TaskReply> out) {
    return new StreamObserver<>() {
      @Override
      public void onNext(PushTaskRequest request) {
        taskPool.execute(() -> TaskReplies.send(out, runTask(request.getTask())));
      }

      @Override
      public void onError(Throwable t) {
        LOG.debugf("the node's task stream broke: %s", t);
      }

      @Override
      public void onCompleted() {
        synchronized (out) {
          out.onCompleted();
        }
      }
    };
  }

  private TaskReply runTask(TaskSpec task) {
    try {
      Executable executable = invoker.resolve(task.getFunction());
      if (!(executable instanceof Method) || !Modifier.isStatic(executable.getModifiers())) {
        throw Status.INVALID_ARGUMENT
            .withDescription(task.getFunction().getMethodName() + " is not a static method")
            .asException();
      }
      Object[] args = invoker.arguments(executable, task.getFunction(), task.getArgsList());
      return TaskReply.newBuilder()
          .setTaskId(task.getTaskId())
          .setResult(
              invokeNamed(
                  task.getName(),
                  task.getGpuIdsList(),
                  () ->
                      invoker.invoke(
                          null,
                          executable,
                          task.getFunction(),
                          args,
                          task.getTaskId(),
                          task.getOwnerId())))
          .build();
    } catch (StatusException e) {
      return TaskReplies.failed(task.getTaskId(), e.getStatus());
    } catch (RuntimeException | Error e) {
      LOG.errorf(e, "task %s failed in the runtime", task.getTaskId());
      return TaskReplies.failed(task.getTaskId(), Status.INTERNAL.withDescription(e.toString()));
    }
  }

  @Override
  public void createActorInstance(
      CreateActorInstanceRequest request, StreamObserver<CreateActorInstanceReply> out) {
    if (!lease.valid()) {
      out.onError(fenced(request.getActorId()));
      return;
    }
    ActorSpec spec = request.getSpec();
    CurrentActor identity = new CurrentActor(request.getActorId(), request.getIncarnation());
    actorPool.execute(
        () -> {
          try {
            Executable constructor = invoker.resolve(spec.getConstructor());
            HeldGpus.hold(request.getActorId(), request.getIncarnation(), request.getGpuIdsList());
            List<Object> instances = new ArrayList<>();
            for (int i = 0; i < Math.max(1, spec.getParallelism()); i++) {
              // Each instance of a parallel actor gets arguments of its own: they share no state.
              Object[] args =
                  invoker.arguments(constructor, spec.getConstructor(), spec.getArgsList());
              instances.add(
                  AssignedGpus.serve(
                      request.getGpuIdsList(),
                      () ->
                          identity.serve(
                              () -> invoker.construct(constructor, spec.getConstructor(), args))));
            }
            Object instance = instances.get(0);
            ActorCheckpointer checkpointer =
                spec.hasCheckpoint()
                    ? identity.serve(
                        () ->
                            ActorCheckpointer.restore(
                                request,
                                instance,
                                checkpoints,
                                actorPool,
                                () -> replaced(request.getActorId(), request.getIncarnation())))
                    : null;
            ActorInstance actor =
                new ActorInstance(
                    request.getActorId(),
                    request.getIncarnation(),
                    instances,
                    spec.getJobId(),
                    GroupedCall.executors(request.getActorId(), spec),
                    checkpointer);
            ActorInstance previous = actors.put(request.getActorId(), actor);
            if (previous != null) {
              previous.kill();
            }
            if (checkpointer != null && checkpointer.interval() != null) {
              keepOnTimer(actor, checkpointer.interval());
            }
            // The node says so in its own log; the worker's output is its job's.
            LOG.debugf(
                "actor %s (%s) alive in worker %s",
                request.getActorId(), spec.getConstructor().getClassName(), settings.workerId());
            reply(out, CreateActorInstanceReply.getDefaultInstance());
          } catch (StatusException e) {
            out.onError(e);
          } catch (Exception | Error e) {
            LOG.errorf(e, "creating actor %s failed in the runtime", request.getActorId());
            out.onError(Status.INTERNAL.withDescription(e.toString()).asException());
          }
        });
  }

  /**
   * A timed policy keeps the state of the last calls of a burst too, once their interval is over,
   * without waiting for a further call.
   */
  private void keepOnTimer(ActorInstance actor, java.time.Duration interval) {
    long millis = interval.toMillis();
    ScheduledFuture<?>[] timer = new ScheduledFuture<?>[1];
    timer[0] =
        checkpointTimer.scheduleWithFixedDelay(
            () -> {
              if (actor.killed()) {
                timer[0].cancel(false);
              } else {
                actor.runInTurn(() -> keepPending(actor));
              }
            },
            millis,
            millis,
            TimeUnit.MILLISECONDS);
  }

  /** saveCheckpoint is the actor's code: it runs as the actor, as in a call. */
  private static void keepPending(ActorInstance actor) {
    try {
      new CurrentActor(actor.actorId, actor.incarnation)
          .serve(
              () -> {
                actor.checkpointer.keepPending();
                return null;
              });
    } catch (Exception e) {
      LOG.warnf("the timed checkpoint of actor %s failed: %s", actor.actorId, e);
    }
  }

  @Override
  public void pushActorTask(PushActorTaskRequest request, StreamObserver<TaskResult> out) {
    ActorInstance actor = actors.get(request.getActorId());
    if (actor == null || actor.incarnation != request.getIncarnation() || actor.killed()) {
      out.onError(notHere(request.getActorId()));
      return;
    }
    if (!lease.valid()) {
      out.onError(fenced(request.getActorId()));
      return;
    }
    OnceReply reply = new OnceReply(out);
    boolean accepted =
        actor.accept(
            request.getCallerId(),
            request.getSequence(),
            request.hasClientProcessedUpTo() ? request.getClientProcessedUpTo() : -1,
            GroupedCall.of(actor, request, reply, () -> runCall(actor, request, reply)));
    if (!accepted) {
      out.onError(
          Status.ALREADY_EXISTS
              .withDescription(
                  "call "
                      + request.getSequence()
                      + " of this caller was already received, or given up by it")
              .asException());
    }
  }

  @Override
  public void skipActorCalls(
      SkipActorCallsRequest request, StreamObserver<SkipActorCallsReply> out) {
    ActorInstance actor = actors.get(request.getActorId());
    if (actor != null && actor.incarnation == request.getIncarnation()) {
      actor.skip(request.getCallerId(), request.getClientProcessedUpTo());
    }
    // An instance that is gone has no calls waiting: nothing to skip.
    reply(out, SkipActorCallsReply.getDefaultInstance());
  }

  private void runCall(ActorInstance actor, PushActorTaskRequest request, OnceReply out) {
    if (actor.killed()) {
      out.fail(notHere(actor.actorId));
      return;
    }
    if (!awaitLease(actor)) {
      out.fail(
          Status.UNAVAILABLE
              .withDescription(
                  "node "
                      + settings.nodeId()
                      + " lost its lease from the head while the call waited its turn; it did not"
                      + " run")
              .asException());
      return;
    }
    ActorInstance.RunningCall running =
        actor.started(
            () ->
                out.fail(
                    Status.UNAVAILABLE
                        .withDescription(
                            "actor "
                                + actor.actorId
                                + " was killed while "
                                + request.getFunction().getMethodName()
                                + " ran")
                        .asException()));
    try {
      Executable method = invoker.resolve(request.getFunction());
      if (!(method instanceof Method) || Modifier.isStatic(method.getModifiers())) {
        throw Status.INVALID_ARGUMENT
            .withDescription(request.getFunction().getMethodName() + " is not an instance method")
            .asException();
      }
      Object target = actor.instances.get(request.getInstanceIndex());
      if (!method.getDeclaringClass().isInstance(target)) {
        throw Status.INVALID_ARGUMENT
            .withDescription(
                "actor "
                    + actor.actorId
                    + " is a "
                    + actor.instance.getClass().getName()
                    + ", which has no method "
                    + request.getFunction().getClassName()
                    + "."
                    + request.getFunction().getMethodName())
            .asException();
      }
      Object[] args = invoker.arguments(method, request.getFunction(), request.getArgsList());
      String resultId =
          request.getActorId() + "-" + request.getCallerId() + "-" + request.getSequence();
      CurrentActor current = new CurrentActor(actor.actorId, actor.incarnation);
      TaskResult result =
          current.serve(
              () ->
                  invokeNamed(
                      request.getName(),
                      HeldGpus.of(actor.actorId, actor.incarnation),
                      () ->
                          invoker.invoke(
                              target,
                              method,
                              request.getFunction(),
                              args,
                              resultId,
                              request.getCallerId())));
      if (actor.checkpointer == null) {
        out.ok(result);
      } else {
        // saveCheckpoint is the actor's code too, in the call's turn.
        current.serve(
            () -> {
              actor.checkpointer.afterCall(result, out);
              return null;
            });
      }
    } catch (StatusException e) {
      out.fail(e);
    } catch (Exception | Error e) {
      LOG.errorf(e, "call on actor %s failed in the runtime", actor.actorId);
      out.fail(Status.INTERNAL.withDescription(e.toString()).asException());
    } finally {
      actor.finished(running);
    }
  }

  /** Runs a call on a thread named after it, when the caller named it (setName). */
  private static TaskResult invokeNamed(String name, List<Integer> gpuIds, Invocation invocation)
      throws StatusException {
    try (TaskNames.ThreadName named = TaskNames.nameThread(name)) {
      return AssignedGpus.serve(gpuIds, invocation::run);
    } catch (StatusException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw Status.INTERNAL.withDescription(e.toString()).asException();
    }
  }

  @FunctionalInterface
  private interface Invocation {
    TaskResult run() throws StatusException;
  }

  /** The head keeps another instance of the actor now: this one must not serve again. */
  private void replaced(String actorId, int incarnation) {
    ActorInstance actor = actors.get(actorId);
    if (actor != null && actor.incarnation == incarnation && actors.remove(actorId, actor)) {
      LOG.infof("actor %s was replaced at the head; ending its instance here", actorId);
      actor.kill();
    }
  }

  private StatusException notHere(String actorId) {
    return Status.FAILED_PRECONDITION
        .withDescription(
            "actor " + actorId + " is not alive in worker " + settings.workerId() + " any more")
        .asException();
  }

  @Override
  public void killActorInstance(
      KillActorInstanceRequest request, StreamObserver<KillActorInstanceReply> out) {
    ActorInstance actor = actors.remove(request.getActorId());
    HeldGpus.release(request.getActorId());
    if (actor != null) {
      actor.kill();
      LOG.debugf("actor %s killed in worker %s", request.getActorId(), settings.workerId());
    }
    reply(out, KillActorInstanceReply.getDefaultInstance());
  }

  private static <T> void reply(StreamObserver<T> out, T value) {
    out.onNext(value);
    out.onCompleted();
  }

  /** The reply to one call, sent once: by the call, or by a kill that abandons it first. */
  private static final class OnceReply implements CallReply {
    private final StreamObserver<TaskResult> out;
    private final AtomicBoolean sent = new AtomicBoolean();

    OnceReply(StreamObserver<TaskResult> out) {
      this.out = out;
    }

    @Override
    public void ok(TaskResult result) {
      if (sent.compareAndSet(false, true)) {
        reply(out, result);
      }
    }

    @Override
    public void fail(StatusException e) {
      if (sent.compareAndSet(false, true)) {
        out.onError(e);
      }
    }
  }
}
