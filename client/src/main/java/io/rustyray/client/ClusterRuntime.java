package io.rustyray.client;

import io.rustyray.api.ActorHandle;
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
import io.rustyray.protocol.codec.ActorHandleValue;
import io.rustyray.protocol.codec.NestedRefWire;
import io.rustyray.protocol.codec.NestedReferences;
import io.rustyray.protocol.namespace.Namespaces;
import io.rustyray.protocol.objects.ReadyWait;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The SDK's connection to a cluster: tasks go through the head, actor calls to their node. It only
 * wires the parts together: the head connection and attachment, the objects this process owns, task
 * submission and actors.
 */
public final class ClusterRuntime implements RustyRuntime, NestedReferences {
  private final Supplier<RuntimeContext> context;
  private final HeadConnection head;
  private final OwnedObjects objects;
  private final TaskSubmitter tasks;
  private final ActorClient actors;
  private final HeadAttachment attachment;
  private final ClusterListing listing;
  private final ObjectFreeing freeing;
  private final PlacementGroups placementGroups;
  private final SharedObjects shared;
  private final ActorHandleLifetimes handles;

  /**
   * Connects and checks that the head answers and accepts the token.
   *
   * @param headAddress the head's {@code host:port}
   * @param token the cluster token, or empty
   * @param jobId the job this process belongs to
   * @param nodeId the node this process runs on, or empty for a driver
   * @throws io.rustyray.api.exception.RustyCallException when the head refuses or does not answer
   */
  public ClusterRuntime(String headAddress, String token, String jobId, String nodeId) {
    this(headAddress, token, jobId, nodeId, "");
  }

  /**
   * Connects in a namespace and checks that the head answers and accepts the token.
   *
   * @param headAddress the head's {@code host:port}
   * @param token the cluster token, or empty
   * @param jobId the job this process belongs to
   * @param nodeId the node this process runs on, or empty for a driver
   * @param namespace the namespace of the job's named actors; empty for an anonymous one of its own
   * @throws IllegalArgumentException when the namespace is not a valid one
   * @throws io.rustyray.api.exception.RustyCallException when the head refuses or does not answer
   */
  public ClusterRuntime(
      String headAddress, String token, String jobId, String nodeId, String namespace) {
    this(headAddress, token, jobId, driverContext(nodeId, jobId, namespace), false);
  }

  private static Supplier<RuntimeContext> driverContext(
      String nodeId, String jobId, String namespace) {
    RuntimeContext context =
        new RuntimeContext(
            nodeId, jobId, "", false, Namespaces.givenOrAnonymous(namespace), List.of());
    return () -> context;
  }

  private ClusterRuntime(
      String headAddress,
      String token,
      String jobId,
      Supplier<RuntimeContext> context,
      boolean worker) {
    this.context = context;
    this.head = new HeadConnection(headAddress, token);
    CallIds ids = new CallIds();
    this.shared = new SharedObjects(head, ids.callerId());
    this.handles = new ActorHandleLifetimes(head, ids.callerId());
    this.objects = new OwnedObjects(head, ids, shared);
    CallArguments arguments = new CallArguments(objects);
    // A worker's context carries its job's namespace, which the node started it in.
    String namespace = context.get().namespace();
    this.tasks = new TaskSubmitter(head, ids, jobId, namespace, arguments, objects);
    // A worker's actors belong to its job, not to the worker: they outlive the task that made them
    // and end with the job's driver.
    String actorOwner = worker ? jobOwner(jobId) : ids.callerId();
    this.actors =
        new ActorClient(head, ids, jobId, namespace, actorOwner, arguments, objects, handles);
    this.placementGroups =
        new PlacementGroups(head, jobId, actorOwner, () -> context.get().namespace());
    this.attachment = new HeadAttachment(head.gcs(), ids.callerId(), jobId, worker);
    this.listing = new ClusterListing(head);
    this.freeing = new ObjectFreeing(objects);
    attachment.start();
  }

  /**
   * The SDK inside a worker process of a job: its calls belong to that job.
   *
   * @param headAddress the head's {@code host:port}
   * @param token the cluster token
   * @param jobId the worker's job
   * @param context where the calling code runs (the worker knows which actor a thread serves)
   */
  public static ClusterRuntime forWorker(
      String headAddress, String token, String jobId, Supplier<RuntimeContext> context) {
    return new ClusterRuntime(headAddress, token, jobId, context, true);
  }

  /** The owner id of the actors that a job's tasks and actors create. */
  public static String jobOwner(String jobId) {
    return "job:" + jobId;
  }

  @Override
  public <R> ObjectRef<R> submitTask(RustyFunc function, Object[] args, CallOptions options) {
    return tasks.submit(function, args, options);
  }

  @Override
  public <A> ActorHandle<A> createActor(
      RustyFunc constructor, Object[] args, ActorOptions options) {
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
    freeing.free(refs);
  }

  @Override
  public <T> WaitResult<T> wait(List<ObjectRef<T>> refs, int numReturns, Duration timeout) {
    return ReadyWait.waitFor(refs, numReturns, timeout, ref -> ((ClusterObjectRef<T>) ref).value());
  }

  @Override
  public <A> Optional<ActorHandle<A>> getActor(String name) {
    return actors.find(name);
  }

  @Override
  public <A> Optional<ActorHandle<A>> getActor(String name, String namespace) {
    return actors.find(name, Namespaces.check(namespace));
  }

  @Override
  public void killActor(ActorHandle<?> actor, boolean noRestart) {
    actors.kill(actor, noRestart);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <A> ActorHandle<A> currentActor() {
    String actorId = context().actorId();
    if (actorId.isEmpty()) {
      throw new RustyException("Rusty.getCurrentActor() is called outside any actor");
    }
    return (ActorHandle<A>) readHandle(new ActorHandleValue<>(actorId, ""));
  }

  @Override
  public void exitActor() {
    ActorSelfExit.exit(head, context());
  }

  @Override
  public List<io.rustyray.api.ActorInfo> listActors() {
    return listing.actors();
  }

  @Override
  public List<io.rustyray.api.NodeInfo> listNodes() {
    return listing.nodes();
  }

  @Override
  public PlacementGroup createPlacementGroup(PlacementGroupOptions options) {
    return placementGroups.create(options);
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
    return context.get();
  }

  // Nested references: OwnedObjects shares and borrows, SharedObjects and ActorHandleLifetimes
  // keep the counts the head frees objects and ends actors by.
  @Override
  public NestedRefWire write(ObjectRef<?> ref) {
    if (!(ref instanceof ClusterObjectRef<?> own)) {
      throw new RustyException("an ObjectRef of another runtime cannot be passed: " + ref);
    }
    return objects.share(own);
  }

  @Override
  public ObjectRef<?> read(NestedRefWire wire, Type valueType) {
    return objects.borrow(wire, valueType);
  }

  @Override
  public ActorHandle<?> readHandle(ActorHandleValue<?> handle) {
    return handles.arrived(handle);
  }

  @Override
  public void holdContained(List<NestedRefWire> stored, String holder) {
    shared.holdContained(stored, holder);
  }

  @Override
  public void close() {
    // Stop freeing first: ending the attachment makes the head free everything this process owned.
    handles.close();
    shared.close();
    objects.close();
    tasks.close();
    attachment.close();
    head.close();
  }
}
