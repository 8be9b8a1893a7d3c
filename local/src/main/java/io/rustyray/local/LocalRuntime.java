package io.rustyray.local;

import io.rustyray.api.ActorHandle;
import io.rustyray.api.ActorInfo;
import io.rustyray.api.NodeInfo;
import io.rustyray.api.ObjectRef;
import io.rustyray.api.RuntimeContext;
import io.rustyray.api.WaitResult;
import io.rustyray.api.exception.RustyException;
import io.rustyray.api.function.RustyFunc;
import io.rustyray.api.options.ActorCallOptions;
import io.rustyray.api.options.ActorOptions;
import io.rustyray.api.options.CallOptions;
import io.rustyray.api.placementgroup.PlacementGroup;
import io.rustyray.api.placementgroup.PlacementGroupOptions;
import io.rustyray.api.runtime.RustyRuntime;
import io.rustyray.protocol.checkpoint.CheckpointCodec;
import io.rustyray.protocol.codec.ActorHandleValue;
import io.rustyray.protocol.codec.NestedRefWire;
import io.rustyray.protocol.codec.NestedReferences;
import io.rustyray.protocol.function.ActorExitSignal;
import io.rustyray.protocol.function.CurrentActor;
import io.rustyray.protocol.namespace.Namespaces;
import io.rustyray.protocol.objects.ReadyWait;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * RustyRay's local mode (Ray's {@code RayDevRuntime}, run mode {@code SINGLE_PROCESS}): tasks and
 * actors run in the calling JVM, for users' unit tests, with the semantics they have in a cluster:
 *
 * <ul>
 *   <li>arguments and results cross the same codec as on the wire (encoded, then read into the
 *       parameter or declared result type), so a value that cannot travel fails here too, with the
 *       exception the cluster gives;
 *   <li>an {@link ObjectRef} argument is resolved to its value before the call runs;
 *   <li>tasks run on a pool of as many threads as the machine has processors; {@code remote()}
 *       returns at once;
 *   <li>an actor's constructor runs first, then its calls one at a time in the order they were made
 *       (up to {@code maxConcurrency} at once), on the actor's own executor;
 *   <li>names, kills and restarts by {@code kill(false)}, errors ({@code RustyTaskException},
 *       {@code RustyCallException} with the node's code and description, {@code ActorDiedException}
 *       with the head's death cause) read as from the cluster;
 *   <li>a durable actor ({@code setCheckpoint}) has its state taken through the same codec as its
 *       policy says, and kept (as bytes, in memory) before a call's result is delivered when it is
 *       every call; an instance that {@code kill(false)} restarts gets the newest one through
 *       {@code loadCheckpoint} before any call runs. The size limit is the cluster's default unless
 *       given to {@link #LocalRuntime(int, long)}.
 * </ul>
 *
 * <p>Placement groups reserve nothing (there are no nodes): a group is CREATED at once, and its
 * tasks and actors run like the others; names, removal, and the refusal of a removed group hold.
 *
 * <p>What it does not do: resources ({@code setResource}) are accepted but not scheduled, so a task
 * asking for a GPU runs without one; {@code maxRetries} never applies (no node dies); {@code
 * maxRestarts} applies only to {@code kill(false)}; detached actors end with the runtime like the
 * others, and so do durable actors' checkpoints. There is one namespace, the runtime's: {@code
 * getActor(name, namespace)} of any other finds nothing, as no actor can be created there.
 * References inside values travel (a list of refs, a put of a ref, a ref returned by a task), but
 * nothing is counted: an object written into a value is kept until shutdown, and an unnamed actor
 * whose handles are gone is not ended. A task that blocks on {@code get()} of tasks queued behind
 * it holds one of the pool's threads, as it holds a CPU of a node in the cluster.
 */
public final class LocalRuntime implements RustyRuntime, NestedReferences {
  private final RuntimeContext context;
  private final String namespace;
  private final LocalObjects objects;
  private final LocalTasks tasks;
  private final LocalActors actors;
  private final int taskThreads;
  private final LocalPlacementGroups placementGroups;
  private final LocalNestedRefs nested;

  /**
   * @param taskThreads how many tasks run at once
   */
  public LocalRuntime(int taskThreads) {
    this(taskThreads, CheckpointCodec.DEFAULT_LIMIT_BYTES);
  }

  /**
   * A runtime with a checkpoint size limit of its own, as a head's {@code --max-checkpoint-bytes}
   * sets it, so that a test can meet {@code CheckpointTooLargeException} with small states: pass it
   * to {@code Rusty.init(RustyRuntime)} instead of calling {@code Rusty.initLocal()}.
   *
   * @param taskThreads how many tasks run at once
   * @param maxCheckpointBytes the largest checkpoint of a durable actor that is kept
   */
  public LocalRuntime(int taskThreads, long maxCheckpointBytes) {
    this(taskThreads, maxCheckpointBytes, "");
  }

  /**
   * A runtime in a namespace (Ray's {@code ray.job.namespace}), as a driver's in a cluster.
   *
   * @param taskThreads how many tasks run at once
   * @param maxCheckpointBytes the largest checkpoint of a durable actor that is kept
   * @param namespace the namespace its named actors live in; empty for an anonymous one
   * @throws IllegalArgumentException when the namespace is not a valid one
   */
  public LocalRuntime(int taskThreads, long maxCheckpointBytes, String namespace) {
    this.namespace = Namespaces.givenOrAnonymous(namespace);
    if (maxCheckpointBytes < 1) {
      throw new IllegalArgumentException(
          "a checkpoint limit is at least 1 byte, got " + maxCheckpointBytes);
    }
    this.taskThreads = taskThreads;
    LocalIds ids = new LocalIds();
    this.context = new RuntimeContext("local-node-" + ids.prefix(), "local-job-" + ids.prefix());
    LocalInvoker invoker = new LocalInvoker(context.nodeId());
    String threadTag = "rustyray-local-" + ids.prefix().substring(0, 6);
    this.objects = new LocalObjects(ids);
    this.tasks = new LocalTasks(taskThreads, invoker, objects, threadTag);
    this.actors =
        new LocalActors(ids, invoker, objects, threadTag, maxCheckpointBytes, this.namespace);
    this.placementGroups = new LocalPlacementGroups(ids);
    this.nested = new LocalNestedRefs(context.jobId());
  }

  // Nested references, see LocalNestedRefs; actor handles are not counted in local mode.
  @Override
  public NestedRefWire write(ObjectRef<?> ref) {
    return nested.write(ref);
  }

  @Override
  public ObjectRef<?> read(NestedRefWire wire, Type valueType) {
    return nested.read(wire, valueType);
  }

  @Override
  public ActorHandle<?> readHandle(ActorHandleValue<?> handle) {
    return handle;
  }

  @Override
  public void holdContained(List<NestedRefWire> stored, String holder) {
    // Every object written into a value is kept until shutdown.
  }

  @Override
  public <R> ObjectRef<R> submitTask(RustyFunc function, Object[] args, CallOptions options) {
    placementGroups.check(options.placement());
    return tasks.submit(function, args, options);
  }

  @Override
  public <A> ActorHandle<A> createActor(
      RustyFunc constructor, Object[] args, ActorOptions options) {
    placementGroups.check(options.placement());
    return actors.create(constructor, args, options);
  }

  @Override
  public <A> ActorHandle<A> createParallelActor(
      RustyFunc constructor, Object[] args, ActorOptions options, int parallelism) {
    return actors.create(constructor, args, options, parallelism);
  }

  @Override
  public <R> ObjectRef<R> submitActorTask(ActorHandle<?> actor, RustyFunc method, Object[] args) {
    return actors.call(actor, method, args, ActorCallOptions.DEFAULT);
  }

  @Override
  public <R> ObjectRef<R> submitActorTask(
      ActorHandle<?> actor, RustyFunc method, Object[] args, ActorCallOptions options) {
    return actors.call(actor, method, args, options);
  }

  @Override
  public <T> ObjectRef<T> put(T value) {
    return objects.put(value);
  }

  @Override
  public void free(List<? extends ObjectRef<?>> refs) {
    LocalFreeing.free(refs);
  }

  @Override
  public <T> WaitResult<T> wait(List<ObjectRef<T>> refs, int numReturns, Duration timeout) {
    return ReadyWait.waitFor(refs, numReturns, timeout, ref -> ((LocalObjectRef<T>) ref).bytes());
  }

  @Override
  public <A> Optional<ActorHandle<A>> getActor(String name) {
    return actors.find(name);
  }

  @Override
  public <A> Optional<ActorHandle<A>> getActor(String name, String namespace) {
    return Namespaces.check(namespace).equals(this.namespace)
        ? actors.find(name)
        : Optional.empty();
  }

  @Override
  public void killActor(ActorHandle<?> actor, boolean noRestart) {
    actors.kill(actor, noRestart);
  }

  @Override
  public <A> ActorHandle<A> currentActor() {
    String actorId = context().actorId();
    if (actorId.isEmpty()) {
      throw new RustyException("Rusty.getCurrentActor() is called outside any actor");
    }
    return new ActorHandleValue<>(actorId, "");
  }

  @Override
  public void exitActor() {
    String actorId = context().actorId();
    if (actorId.isEmpty()) {
      throw ActorExitSignal.outsideAnActor();
    }
    actors.exit(actorId);
  }

  @Override
  public List<ActorInfo> listActors() {
    return actors.list(context.jobId(), context.nodeId());
  }

  @Override
  public List<NodeInfo> listNodes() {
    return List.of(LocalNode.info(context.nodeId(), taskThreads));
  }

  @Override
  public PlacementGroup createPlacementGroup(PlacementGroupOptions options) {
    return placementGroups.create(options, context().namespace());
  }

  @Override
  public Optional<PlacementGroup> getPlacementGroup(String name, String namespace) {
    return placementGroups.find(name, namespace);
  }

  @Override
  public Optional<PlacementGroup> getPlacementGroupById(String placementGroupId) {
    return placementGroups.findById(placementGroupId);
  }

  @Override
  public List<PlacementGroup> listPlacementGroups() {
    return placementGroups.list();
  }

  @Override
  public void removePlacementGroup(String placementGroupId) {
    placementGroups.remove(placementGroupId);
  }

  @Override
  public RuntimeContext context() {
    return CurrentActor.context(context.nodeId(), context.jobId(), namespace);
  }

  /** Stops the pools; results still to come fail instead of leaving a {@code get()} waiting. */
  @Override
  public void close() {
    // Fail what is still to come first: a task interrupted by the stop would otherwise report an
    // InterruptedException of its own as the result.
    objects.failPending();
    tasks.close();
    actors.close();
    nested.close();
  }
}
