package io.rustyray.client;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.rustyray.api.ActorHandle;
import io.rustyray.api.ObjectRef;
import io.rustyray.api.RuntimeContext;
import io.rustyray.api.WaitResult;
import io.rustyray.api.exception.ObjectLostException;
import io.rustyray.api.exception.RustyException;
import io.rustyray.api.function.RustyFunc;
import io.rustyray.api.options.ActorOptions;
import io.rustyray.api.options.CallOptions;
import io.rustyray.api.runtime.RustyRuntime;
import io.rustyray.protocol.codec.ActorHandleValue;
import io.rustyray.protocol.codec.ValueCodec;
import io.rustyray.protocol.function.FunctionDescriptors;
import io.rustyray.protocol.function.ResolvedFunction;
import io.rustyray.protocol.objects.ObjectTransfer;
import io.rustyray.protocol.proto.ActorSpec;
import io.rustyray.protocol.proto.ActorState;
import io.rustyray.protocol.proto.AttachDriverEvent;
import io.rustyray.protocol.proto.AttachDriverRequest;
import io.rustyray.protocol.proto.CreateActorRequest;
import io.rustyray.protocol.proto.FreeObjectsReply;
import io.rustyray.protocol.proto.FreeObjectsRequest;
import io.rustyray.protocol.proto.GcsServiceGrpc;
import io.rustyray.protocol.proto.GetActorReply;
import io.rustyray.protocol.proto.GetActorRequest;
import io.rustyray.protocol.proto.KillActorReply;
import io.rustyray.protocol.proto.KillActorRequest;
import io.rustyray.protocol.proto.ListNodesRequest;
import io.rustyray.protocol.proto.NodeInfo;
import io.rustyray.protocol.proto.NodeServiceGrpc;
import io.rustyray.protocol.proto.NodeState;
import io.rustyray.protocol.proto.ObjectReference;
import io.rustyray.protocol.proto.Resources;
import io.rustyray.protocol.proto.TaskArg;
import io.rustyray.protocol.proto.TaskResult;
import io.rustyray.protocol.proto.TaskSpec;
import io.rustyray.protocol.transport.Calls;
import io.rustyray.protocol.transport.Channels;
import java.lang.ref.Reference;
import java.lang.reflect.Executable;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** The SDK's connection to a cluster: tasks go through the head, actor calls to their node. */
public final class ClusterRuntime implements RustyRuntime {
  private static final long CONNECT_TIMEOUT_SECONDS = 10;

  private final String headAddress;
  private final Channels channels;
  private final GcsServiceGrpc.GcsServiceStub gcs;
  private final String callerId = UUID.randomUUID().toString();
  private final String idPrefix = callerId.replace("-", "").substring(0, 12) + "-";
  private final AtomicLong ids = new AtomicLong();
  private final String jobId;
  private final String nodeId;
  private final Map<String, ActorSubmitter> submitters = new ConcurrentHashMap<>();
  private volatile ClientCallStreamObserver<AttachDriverRequest> attachment;
  private final TaskStream tasks;
  private volatile boolean closed;

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
    this.headAddress = headAddress;
    this.nodeId = nodeId;
    this.channels = new Channels(token);
    this.jobId = jobId;
    ManagedChannel head = channels.get(headAddress);
    this.gcs = GcsServiceGrpc.newStub(head);
    this.tasks = new TaskStream(gcs);
    try {
      GcsServiceGrpc.newBlockingStub(head)
          .withDeadlineAfter(CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS)
          .listNodes(ListNodesRequest.getDefaultInstance());
    } catch (StatusRuntimeException e) {
      channels.close();
      throw Errors.toRusty(
          new StatusRuntimeException(
              e.getStatus().augmentDescription("while connecting to the head at " + headAddress)));
    }
    attach();
  }

  String callerId() {
    return callerId;
  }

  ManagedChannel channel(String address) {
    return channels.get(address);
  }

  @Override
  public <R> ObjectRef<R> submitTask(RustyFunc function, Object[] args, CallOptions options) {
    ResolvedFunction f = FunctionDescriptors.describe(function);
    Executable executable = f.executable();
    if (f.constructor() || !Modifier.isStatic(executable.getModifiers())) {
      throw new RustyException(
          "Rusty.task needs a static method, but "
              + f.display()
              + " is not static: create an actor and call it through its handle");
    }
    String taskId = newId("task");
    CompletableFuture<List<TaskArg>> resolvedArgs = resolveArgs(args);
    CompletableFuture<ObjectValue> value =
        resolvedArgs.thenCompose(
            taskArgs -> {
              TaskSpec spec =
                  TaskSpec.newBuilder()
                      .setTaskId(taskId)
                      .setJobId(jobId)
                      .setFunction(f.descriptor())
                      .addAllArgs(taskArgs)
                      .setResources(resources(options.resources()))
                      .setMaxRetries(options.maxRetries())
                      .setOwnerId(callerId)
                      .build();
              CompletableFuture<ObjectValue> result = new CompletableFuture<>();
              tasks
                  .submit(spec)
                  .whenComplete(
                      (reply, failure) -> {
                        if (failure != null) {
                          result.completeExceptionally(Errors.taskLost(f.display(), failure));
                        } else {
                          complete(result, f, reply);
                        }
                      });
              return result;
            });
    keepReachableUntilDone(args, value);
    return new ClusterObjectRef<>(taskId, f.resultType(), value, this);
  }

  /**
   * The objects passed as arguments must outlive the call: the node that runs it fetches them, and
   * an argument reference collected too early would free its object first.
   */
  private static void keepReachableUntilDone(Object[] args, CompletableFuture<?> call) {
    call.whenComplete((v, t) -> Reference.reachabilityFence(args));
  }

  void complete(CompletableFuture<ObjectValue> target, ResolvedFunction f, TaskResult result) {
    switch (result.getOutcomeCase()) {
      case VALUE -> target.complete(ObjectValue.local(result.getValue().toByteArray()));
      case STORED -> target.complete(ObjectValue.stored(result.getStored()));
      case ERROR -> target.completeExceptionally(Errors.taskFailed(f.display(), result.getError()));
      default ->
          target.completeExceptionally(
              new RustyException("the node sent an empty result for " + f.display()));
    }
  }

  private CompletableFuture<List<TaskArg>> resolveArgs(Object[] args) {
    List<CompletableFuture<TaskArg>> parts = new ArrayList<>(args.length);
    for (Object arg : args) {
      if (arg instanceof ClusterObjectRef<?> ref) {
        parts.add(ref.value().thenCompose(v -> v.asArgument(this::uploadToStore)));
      } else if (arg instanceof ObjectRef<?>) {
        throw new RustyException("an ObjectRef of another runtime cannot be passed: " + arg);
      } else {
        parts.add(
            CompletableFuture.completedFuture(
                TaskArg.newBuilder().setValue(ByteString.copyFrom(encode(arg))).build()));
      }
    }
    return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new))
        .thenApply(ignored -> parts.stream().map(CompletableFuture::join).toList());
  }

  private static byte[] encode(Object value) {
    try {
      return ValueCodec.encode(value);
    } catch (ValueCodec.ValueCodecException e) {
      throw new RustyException(e.getMessage(), e);
    }
  }

  private static Resources resources(Map<String, Double> amounts) {
    Resources.Builder builder = Resources.newBuilder();
    amounts.forEach(
        (name, amount) -> {
          if (amount < 0) {
            throw new IllegalArgumentException(
                "resource " + name + " must not be negative, got " + amount);
          }
          if (amount > 0) {
            builder.putAmounts(name, amount);
          }
        });
    return builder.build();
  }

  @Override
  public <A> ActorHandle<A> createActor(
      RustyFunc constructor, Object[] args, ActorOptions options) {
    ResolvedFunction f = FunctionDescriptors.describe(constructor);
    if (!f.constructor() && !Modifier.isStatic(f.executable().getModifiers())) {
      throw new RustyException(
          "Rusty.actor needs a constructor or a static factory, such as Counter::new; got "
              + f.display());
    }
    String actorId = newId("actor");
    ActorSpec.Builder spec =
        ActorSpec.newBuilder()
            .setConstructor(f.descriptor())
            .setResources(resources(options.resources()))
            .setMaxRestarts(options.maxRestarts())
            .setMaxConcurrency(options.maxConcurrency())
            .setName(options.name())
            .setDetached(options.detached())
            .setJobId(jobId)
            .setOwnerId(callerId);
    CompletableFuture<List<TaskArg>> resolvedArgs = resolveArgs(args);
    ActorSubmitter submitter = submitter(actorId);
    if (resolvedArgs.isDone() && !resolvedArgs.isCompletedExceptionally()) {
      blockingCreate(actorId, spec.addAllArgs(resolvedArgs.join()).build(), false);
    } else {
      // Registered now so that the name is taken and the head shows DEPENDENCIES_UNREADY.
      blockingCreate(actorId, spec.build(), true);
      submitter.awaitCreation(
          resolvedArgs.thenCompose(
              taskArgs ->
                  Calls.<io.rustyray.protocol.proto.CreateActorReply>unary(
                          observer ->
                              gcs.createActor(
                                  CreateActorRequest.newBuilder()
                                      .setActorId(actorId)
                                      .setSpec(spec.addAllArgs(taskArgs).build())
                                      .build(),
                                  observer))
                      .thenApply(reply -> (Void) null)));
    }
    return new ActorHandleValue<>(actorId, options.name());
  }

  private void blockingCreate(String actorId, ActorSpec spec, boolean dependenciesUnready) {
    try {
      GcsServiceGrpc.newBlockingStub(channels.get(headAddress))
          .withDeadlineAfter(30, TimeUnit.SECONDS)
          .createActor(
              CreateActorRequest.newBuilder()
                  .setActorId(actorId)
                  .setSpec(spec)
                  .setDependenciesUnready(dependenciesUnready)
                  .build());
    } catch (StatusRuntimeException e) {
      throw Errors.toRusty(e);
    }
  }

  private ActorSubmitter submitter(String actorId) {
    return submitters.computeIfAbsent(actorId, id -> new ActorSubmitter(id, this));
  }

  @Override
  public <R> ObjectRef<R> submitActorTask(ActorHandle<?> actor, RustyFunc method, Object[] args) {
    ResolvedFunction f = FunctionDescriptors.describe(method);
    if (f.constructor() || Modifier.isStatic(f.executable().getModifiers())) {
      throw new RustyException(
          "handle.task needs an instance method of the actor's class, such as Counter::increment;"
              + " got "
              + f.display()
              + (f.descriptor().getMethodName().startsWith("lambda$")
                  ? ", a lambda: pass a method reference instead"
                  : ""));
    }
    CompletableFuture<ObjectValue> value = submitter(actor.getId()).submit(f, resolveArgs(args));
    keepReachableUntilDone(args, value);
    return new ClusterObjectRef<>(newId("call"), f.resultType(), value, this);
  }

  CompletableFuture<GetActorReply> getActor(GetActorRequest request) {
    return Calls.unary(observer -> gcs.getActor(request, observer));
  }

  @Override
  public <T> ObjectRef<T> put(T value) {
    byte[] bytes = encode(value);
    Class<?> type = value == null ? Object.class : value.getClass();
    return new ClusterObjectRef<>(
        newId("put"), type, CompletableFuture.completedFuture(ObjectValue.local(bytes)), this);
  }

  /** Copies a large object this process owns to a node's store, for calls that run elsewhere. */
  private CompletableFuture<ObjectReference> uploadToStore(byte[] bytes) {
    String objectId = newId("obj");
    String node;
    try {
      node = storeNode();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(Errors.toRusty(e));
    }
    return ObjectTransfer.upload(channels.get(node), objectId, callerId, bytes)
        .thenApply(
            done ->
                ObjectReference.newBuilder()
                    .setObjectId(objectId)
                    .setNodeAddress(node)
                    .setSizeBytes(bytes.length)
                    .build());
  }

  /** The node whose store keeps this process's large puts: the head's own node if it has one. */
  private String storeNode() {
    List<NodeInfo> nodes =
        GcsServiceGrpc.newBlockingStub(channels.get(headAddress))
            .withDeadlineAfter(CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS)
            .listNodes(ListNodesRequest.getDefaultInstance())
            .getNodesList();
    return nodes.stream()
        .filter(n -> n.getState() == NodeState.NODE_ALIVE)
        .sorted((a, b) -> Boolean.compare(b.getIsHead(), a.getIsHead()))
        .map(NodeInfo::getAddress)
        .findFirst()
        .orElseThrow(() -> new RustyException("no node is alive to store the object"));
  }

  /** Frees an object this process owns, in the store of the node that holds it. */
  void free(ObjectReference reference) {
    if (closed) {
      return;
    }
    FreeObjectsRequest request =
        FreeObjectsRequest.newBuilder().addObjectIds(reference.getObjectId()).build();
    Calls.<FreeObjectsReply>unary(
        o ->
            NodeServiceGrpc.newStub(channels.get(reference.getNodeAddress()))
                .freeObjects(request, o));
  }

  /**
   * Holds a stream open to the head for as long as this process lives: when the stream breaks
   * because the process is gone, the head frees what it owned and ends its non-detached actors.
   */
  private void attach() {
    if (closed) {
      return;
    }
    AttachDriverRequest request =
        AttachDriverRequest.newBuilder().setOwnerId(callerId).setJobId(jobId).build();
    Calls.inRootContext(
        () ->
            gcs.attachDriver(
                request,
                new ClientResponseObserver<AttachDriverRequest, AttachDriverEvent>() {
                  @Override
                  public void beforeStart(ClientCallStreamObserver<AttachDriverRequest> call) {
                    attachment = call;
                  }

                  @Override
                  public void onNext(AttachDriverEvent event) {}

                  @Override
                  public void onError(Throwable t) {
                    // The head went away or restarted: attach again to the one that answers.
                    if (!closed) {
                      CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS)
                          .execute(() -> attach());
                    }
                  }

                  @Override
                  public void onCompleted() {}
                }));
  }

  byte[] fetch(ObjectReference reference) {
    try {
      return ObjectTransfer.fetch(channels.get(reference.getNodeAddress()), reference.getObjectId())
          .get(5, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Errors.toRusty(e);
    } catch (Exception e) {
      throw new ObjectLostException(
          "object "
              + reference.getObjectId()
              + " is lost: the node at "
              + reference.getNodeAddress()
              + " that stored it cannot provide it ("
              + Errors.toRusty(e).getMessage()
              + "); RustyRay does not rebuild lost objects",
          e);
    }
  }

  @Override
  public <T> WaitResult<T> wait(List<ObjectRef<T>> refs, int numReturns, Duration timeout) {
    CompletableFuture<Void> enough = new CompletableFuture<>();
    AtomicInteger ready = new AtomicInteger();
    if (numReturns == 0) {
      enough.complete(null);
    }
    for (ObjectRef<T> ref : refs) {
      ((ClusterObjectRef<T>) ref)
          .value()
          .whenComplete(
              (v, t) -> {
                if (ready.incrementAndGet() >= numReturns) {
                  enough.complete(null);
                }
              });
    }
    try {
      enough.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      // Fewer than numReturns are ready: report what is.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Errors.toRusty(e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw Errors.toRusty(e);
    }
    List<ObjectRef<T>> readyRefs = new ArrayList<>();
    List<ObjectRef<T>> unready = new ArrayList<>();
    for (ObjectRef<T> ref : refs) {
      if (ref.isReady() && readyRefs.size() < numReturns) {
        readyRefs.add(ref);
      } else {
        unready.add(ref);
      }
    }
    return new WaitResult<>(readyRefs, unready);
  }

  @Override
  public <A> Optional<ActorHandle<A>> getActor(String name) {
    GetActorReply reply;
    try {
      reply =
          getActor(GetActorRequest.newBuilder().setName(name).build()).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw Errors.toRusty(e);
    }
    if (!reply.getFound() || reply.getActor().getState() == ActorState.DEAD) {
      return Optional.empty();
    }
    return Optional.of(new ActorHandleValue<>(reply.getActor().getActorId(), name));
  }

  @Override
  public void killActor(ActorHandle<?> actor, boolean noRestart) {
    try {
      KillActorReply reply =
          GcsServiceGrpc.newBlockingStub(channels.get(headAddress))
              .withDeadlineAfter(30, TimeUnit.SECONDS)
              .killActor(
                  KillActorRequest.newBuilder()
                      .setActorId(actor.getId())
                      .setNoRestart(noRestart)
                      .build());
      if (reply.getActor().getState() == ActorState.DEAD) {
        // This process killed it: its later calls fail at once, without asking the head.
        submitter(actor.getId()).dead(reply.getActor().getDeathCause());
      }
    } catch (StatusRuntimeException e) {
      throw Errors.toRusty(e);
    }
  }

  @Override
  public RuntimeContext context() {
    return new RuntimeContext(nodeId, jobId);
  }

  /**
   * Ids unique in the cluster without a random draw per call: this process's random prefix and a
   * counter.
   */
  private String newId(String kind) {
    return kind + "-" + idPrefix + Long.toHexString(ids.incrementAndGet());
  }

  @Override
  public void close() {
    closed = true;
    tasks.close();
    ClientCallStreamObserver<AttachDriverRequest> call = attachment;
    if (call != null) {
      call.cancel("the client closed", null);
    }
    channels.close();
  }
}
