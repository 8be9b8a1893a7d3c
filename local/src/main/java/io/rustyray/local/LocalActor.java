package io.rustyray.local;

import io.rustyray.api.ActorInfo;
import io.rustyray.api.ActorState;
import io.rustyray.api.exception.ActorDiedException;
import io.rustyray.api.exception.RustyException;
import io.rustyray.api.options.ActorOptions;
import io.rustyray.protocol.concurrencygroup.ConcurrencyGroupExecutors;
import io.rustyray.protocol.concurrencygroup.ConcurrencyGroupRouting;
import io.rustyray.protocol.concurrencygroup.ConcurrencyGroupSpecs;
import io.rustyray.protocol.function.ActorExitSignal;
import io.rustyray.protocol.function.CurrentActor;
import io.rustyray.protocol.function.ResolvedFunction;
import io.rustyray.protocol.function.TaskNames;
import io.rustyray.protocol.parallelactor.ParallelInstances;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

/**
 * One actor of the local runtime, with Ray's states. Its constructor runs first, on the actor's own
 * executor (as many threads as {@code maxConcurrency}); its calls then start in the order they were
 * made, each once its ObjectRef arguments are ready, at most {@code maxConcurrency} at once. A
 * later call never overtakes an earlier one that waits for its arguments, as in the cluster, where
 * the caller sends calls in order.
 *
 * <p>Each concurrency group is a lane of its own, with its own threads and limit, in which the same
 * holds; the methods in no group, and the constructor, use the default lane above. A lane busy to
 * its limit holds up no other.
 *
 * <p>A durable actor (created with a checkpoint policy) has its state taken after its calls, before
 * their results are delivered, and a restarted instance gets the newest one before its first call
 * ({@link LocalCheckpoints}).
 *
 * <p>Futures are completed outside this object's lock: completing one runs whatever waits on it
 * (another actor's calls, say), which must not run while this actor is locked.
 */
final class LocalActor {
  /** Ray's actor states, as the head names them (and as the cluster's refusals print them). */
  enum State {
    DEPENDENCIES_UNREADY,
    PENDING_CREATION,
    ALIVE,
    RESTARTING,
    DEAD
  }

  private final String id;
  private final ResolvedFunction constructor;
  private final CompletableFuture<List<byte[]>> constructorArgs;
  private final ActorOptions options;
  private final LocalInvoker invoker;
  private final ConcurrencyGroupExecutors groups;
  private final LocalCheckpoints checkpoints; // null for an actor that keeps no state
  private final Map<String, Lane> lanes = new LinkedHashMap<>();
  private State state;
  private int restarts;
  private final int parallelism;
  // The instances, by index (one but for a parallel actor); null while none is alive.
  private List<Object> instances;
  private String deathCause;
  private Throwable argumentFailure;

  private record PendingCall(
      ResolvedFunction method,
      CompletableFuture<List<byte[]>> args,
      CompletableFuture<byte[]> result,
      Lane lane,
      String name,
      int index) {}

  /** The calls of one concurrency group that have not started yet, and how many run. */
  private static final class Lane {
    final String group;
    final int limit;
    final ArrayDeque<PendingCall> queue = new ArrayDeque<>();
    int running;
    CompletableFuture<?> awaited;

    Lane(String group, int limit) {
      this.group = group;
      this.limit = limit;
    }
  }

  LocalActor(
      String id,
      ResolvedFunction constructor,
      List<CompletableFuture<byte[]>> args,
      ActorOptions options,
      int parallelism,
      LocalInvoker invoker,
      String runtimeTag,
      long checkpointLimitBytes) {
    this.id = id;
    this.constructor = constructor;
    this.constructorArgs = LocalArguments.whenReady(args);
    this.options = options;
    this.invoker = invoker;
    this.state = constructorArgs.isDone() ? State.PENDING_CREATION : State.DEPENDENCIES_UNREADY;
    this.parallelism = Math.max(1, parallelism);
    ConcurrencyGroupRouting routing =
        new ConcurrencyGroupRouting(
            this.parallelism > 1
                ? ParallelInstances.lanes(this.parallelism)
                : ConcurrencyGroupSpecs.of(constructor, options.concurrencyGroups()));
    // Threads end when idle, so that many actors in one test JVM do not hold a thread each.
    this.groups =
        ConcurrencyGroupExecutors.ownThreads(
            runtimeTag + "-" + id, options.maxConcurrency(), routing);
    lanes.put(
        ConcurrencyGroupRouting.DEFAULT_GROUP,
        new Lane(ConcurrencyGroupRouting.DEFAULT_GROUP, Math.max(1, options.maxConcurrency())));
    routing.groups().forEach((name, limit) -> lanes.put(name, new Lane(name, limit)));
    this.checkpoints =
        options.checkpoint() == null
            ? null
            : new LocalCheckpoints(
                id, options.checkpoint(), checkpointLimitBytes, groups.defaultGroup());
  }

  String id() {
    return id;
  }

  synchronized State state() {
    return state;
  }

  synchronized boolean isDead() {
    return state == State.DEAD;
  }

  /** Builds the instance once the constructor's arguments are ready. */
  void start() {
    constructorArgs.whenComplete(
        (ready, failure) -> {
          List<PendingCall> failed = List.of();
          synchronized (this) {
            if (state == State.DEAD) {
              return;
            }
            if (failure == null) {
              if (state == State.DEPENDENCIES_UNREADY) {
                state = State.PENDING_CREATION;
              }
              scheduleConstruction(restarts, ready);
              return;
            }
            // As in the cluster, the calls fail with what the argument failed with.
            argumentFailure = LocalErrors.unwrap(failure);
            failed = dieLocked("an argument of its constructor failed: " + argumentFailure);
          }
          failAll(failed);
        });
  }

  private void scheduleConstruction(int incarnation, List<byte[]> args) {
    groups.defaultGroup().execute(() -> construct(incarnation, args));
  }

  private void construct(int incarnation, List<byte[]> args) {
    List<Object> built = null;
    String failure = null;
    try {
      built = new CurrentActor(id, incarnation).serve(() -> build(incarnation, args));
    } catch (CallRefused e) {
      failure = e.description();
    } catch (Exception | Error e) {
      failure = e.toString();
    }
    List<PendingCall> failed = List.of();
    synchronized (this) {
      if (state == State.DEAD || restarts != incarnation) {
        return; // killed meanwhile: this instance is not the actor's any more
      }
      if (failure != null) {
        failed = dieLocked("creation failed on node " + invoker.nodeId() + ": " + failure);
      } else {
        instances = built;
        state = State.ALIVE;
      }
    }
    failAll(failed);
    pump();
  }

  /**
   * Runs the constructor (once per instance of a parallel actor, each with arguments of its own),
   * then gives a durable actor's instance the newest kept state.
   */
  private List<Object> build(int incarnation, List<byte[]> args) throws CallRefused {
    List<Object> built = new ArrayList<>();
    for (int i = 0; i < parallelism; i++) {
      built.add(invoker.construct(constructor, invoker.arguments(constructor, args)));
    }
    if (checkpoints != null) {
      checkpoints.attach(built.get(0), incarnation);
    }
    return built;
  }

  /**
   * Queues a call; it runs after every call made before it.
   *
   * @param method an instance method of the actor's class
   * @param args the call's encoded arguments
   * @param result completed with the encoded result, or the failure
   * @param requestedGroup the concurrency group the call asked for, or empty for its method's
   * @param name the call's name, or empty
   * @param index the instance of a parallel actor the call runs on; 0 for any other actor
   */
  void call(
      ResolvedFunction method,
      List<CompletableFuture<byte[]>> args,
      CompletableFuture<byte[]> result,
      String requestedGroup,
      String name,
      int index) {
    Lane lane;
    try {
      lane = laneOf(method, requestedGroup, index);
    } catch (IllegalArgumentException refused) {
      result.completeExceptionally(
          LocalErrors.refused("INVALID_ARGUMENT", refused.getMessage(), null));
      return;
    }
    PendingCall call =
        new PendingCall(method, LocalArguments.whenReady(args), result, lane, name, index);
    Throwable failNow = null;
    synchronized (this) {
      if (state == State.DEAD) {
        failNow = deathFailure();
      } else {
        lane.queue.add(call);
      }
    }
    if (failNow != null) {
      result.completeExceptionally(failNow);
    } else {
      pump();
    }
  }

  private Lane laneOf(ResolvedFunction method, String requestedGroup, int index) {
    String notThere = ParallelInstances.problem(id, parallelism, index);
    if (notThere != null) {
      throw new IllegalArgumentException(notThere);
    }
    if (parallelism > 1) {
      if (!requestedGroup.isEmpty()) {
        throw new IllegalArgumentException(ParallelInstances.noGroups(id));
      }
      return lanes.get(ParallelInstances.lane(index));
    }
    try {
      return lanes.get(groups.routing().groupOf(method.descriptor(), requestedGroup));
    } catch (IllegalArgumentException unknownGroup) {
      throw new IllegalArgumentException(
          "call "
              + method.descriptor().getMethodName()
              + " on actor "
              + id
              + ": "
              + unknownGroup.getMessage());
    }
  }

  /** Starts the calls that may start now, in order in each lane. */
  private void pump() {
    List<PendingCall> argumentsFailed = new ArrayList<>();
    List<PendingCall> rejected = new ArrayList<>();
    List<CompletableFuture<?>> waitFor = new ArrayList<>();
    synchronized (this) {
      if (state != State.ALIVE) {
        return;
      }
      for (Lane lane : lanes.values()) {
        startReady(lane, argumentsFailed, rejected, waitFor);
      }
    }
    for (PendingCall call : argumentsFailed) {
      call.args()
          .whenComplete((v, t) -> call.result().completeExceptionally(LocalErrors.unwrap(t)));
    }
    RustyException stopped = new RustyException("the local runtime is shut down");
    rejected.forEach(call -> call.result().completeExceptionally(stopped));
    waitFor.forEach(args -> args.whenComplete((v, t) -> pump()));
  }

  private void startReady(
      Lane lane,
      List<PendingCall> argumentsFailed,
      List<PendingCall> rejected,
      List<CompletableFuture<?>> waitFor) {
    while (lane.running < lane.limit && !lane.queue.isEmpty()) {
      PendingCall next = lane.queue.peek();
      if (!next.args().isDone()) {
        if (lane.awaited != next.args()) {
          lane.awaited = next.args();
          waitFor.add(next.args());
        }
        return;
      }
      lane.queue.poll();
      if (next.args().isCompletedExceptionally()) {
        argumentsFailed.add(next);
        continue;
      }
      Object target = instances.get(next.index());
      int incarnation = restarts;
      lane.running++;
      try {
        groups.execute(lane.group, () -> run(next, target, incarnation));
      } catch (RejectedExecutionException e) {
        lane.running--;
        rejected.add(next);
      }
    }
  }

  private void run(PendingCall call, Object target, int incarnation) {
    ResolvedFunction f = call.method();
    try (TaskNames.ThreadName named = TaskNames.nameThread(call.name())) {
      if (!f.executable().getDeclaringClass().isInstance(target)) {
        throw new CallRefused(
            "INVALID_ARGUMENT",
            "actor "
                + id
                + " is a "
                + target.getClass().getName()
                + ", which has no method "
                + f.descriptor().getClassName()
                + "."
                + f.descriptor().getMethodName(),
            null);
      }
      Object[] args = invoker.arguments(f, call.args().join());
      call.result()
          .complete(
              new CurrentActor(id, incarnation)
                  .serve(() -> invokeAndKeep(target, f, args, incarnation)));
    } catch (CallRefused e) {
      call.result().completeExceptionally(e.toCallException());
    } catch (LocalInvoker.UserCodeThrew e) {
      if (e.getCause() instanceof ActorExitSignal) {
        // As in Ray, the exiting call's caller learns that the actor is gone, not of a throw.
        call.result().completeExceptionally(deathFailure());
      } else {
        call.result()
            .completeExceptionally(
                LocalErrors.taskFailed(TaskNames.display(call.name(), f), e.getCause()));
      }
    } catch (RustyException e) {
      call.result().completeExceptionally(e); // the state this call left could not be kept
    } catch (Exception | Error e) {
      call.result().completeExceptionally(LocalErrors.refused("INTERNAL", e.toString(), e));
    } finally {
      synchronized (this) {
        call.lane().running--;
      }
      pump();
    }
  }

  /**
   * Runs a call, then has a durable actor's state taken as its policy says, before the result is
   * delivered.
   *
   * @throws RustyException when the call returned but the state it left could not be kept
   */
  private byte[] invokeAndKeep(Object target, ResolvedFunction f, Object[] args, int incarnation)
      throws CallRefused, LocalInvoker.UserCodeThrew {
    if (checkpoints == null) {
      return invoker.invoke(target, f, args);
    }
    byte[] result;
    try {
      result = invoker.invoke(target, f, args);
    } catch (CallRefused | LocalInvoker.UserCodeThrew failed) {
      keepAfterFailedCall(f, incarnation);
      throw failed;
    }
    checkpoints.callFinished(incarnation, f.display());
    return result;
  }

  /**
   * A call that threw may have changed the state before it did, so its state is taken too. Its
   * caller learns of the call's own failure; if the state cannot be kept either, the last good
   * checkpoint stays and the next call's checkpoint, due at once, tries again and reports.
   */
  private void keepAfterFailedCall(ResolvedFunction f, int incarnation) {
    try {
      checkpoints.callFinished(incarnation, f.display());
    } catch (RustyException notKept) {
      // The call's own failure is the one its caller gets (see above).
    }
  }

  /**
   * Kills the actor, as the head does: for good, or rebuilt from its constructor arguments while
   * restarts remain. A call already running finishes; calls not started yet fail, or wait for the
   * new instance.
   */
  void kill(boolean noRestart) {
    List<PendingCall> failed = List.of();
    synchronized (this) {
      if (state == State.DEAD) {
        return;
      }
      boolean canRestart = options.maxRestarts() == -1 || restarts < options.maxRestarts();
      if (noRestart) {
        failed = dieLocked("killed by request (handle.kill())");
      } else if (!canRestart) {
        failed =
            dieLocked(
                "killed by request, restart allowed; no restarts left (maxRestarts="
                    + options.maxRestarts()
                    + ")");
      } else {
        restarts++;
        instances = null;
        if (state != State.DEPENDENCIES_UNREADY) {
          state = State.RESTARTING;
          scheduleConstruction(restarts, constructorArgs.join());
        }
      }
    }
    failAll(failed);
  }

  /** The actor ended itself (Rusty.exitActor()): for good, whatever restarts it has left. */
  void exitItself() {
    List<PendingCall> failed = List.of();
    synchronized (this) {
      if (state != State.DEAD) {
        failed = dieLocked(ActorExitSignal.DEATH_CAUSE);
      }
    }
    failAll(failed);
  }

  /** What the head's actor table would say of this actor. */
  synchronized ActorInfo info(String jobId, String nodeId) {
    return new ActorInfo(
        id,
        options.name(),
        "",
        jobId,
        constructor.executable().getDeclaringClass().getName(),
        state == State.DEAD ? "" : nodeId,
        ActorState.valueOf(state.name()),
        restarts,
        options.maxRestarts(),
        options.detached(),
        deathCause == null ? "" : deathCause);
  }

  /** Ends the actor with the runtime: nothing runs any more. */
  void shutdown() {
    List<PendingCall> failed = List.of();
    synchronized (this) {
      if (state != State.DEAD) {
        failed = dieLocked("the local runtime was shut down");
      }
    }
    groups.shutdownNow();
    failAll(failed);
  }

  private List<PendingCall> dieLocked(String cause) {
    state = State.DEAD;
    deathCause = cause;
    instances = null;
    groups.shutdown();
    List<PendingCall> drained = new ArrayList<>();
    for (Lane lane : lanes.values()) {
      drained.addAll(lane.queue);
      lane.queue.clear();
    }
    return drained;
  }

  private void failAll(List<PendingCall> calls) {
    if (calls.isEmpty()) {
      return;
    }
    Throwable failure;
    synchronized (this) {
      failure = deathFailure();
    }
    calls.forEach(call -> call.result().completeExceptionally(failure));
  }

  private Throwable deathFailure() {
    return argumentFailure != null ? argumentFailure : new ActorDiedException(id, deathCause);
  }
}
