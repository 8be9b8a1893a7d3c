package io.rustyray.client;

import io.grpc.StatusRuntimeException;
import io.rustyray.api.ActorHandle;
import io.rustyray.api.ObjectRef;
import io.rustyray.api.exception.RustyException;
import io.rustyray.api.function.RustyFunc;
import io.rustyray.api.options.ActorCallOptions;
import io.rustyray.api.options.ActorOptions;
import io.rustyray.protocol.checkpoint.CheckpointPolicies;
import io.rustyray.protocol.codec.ActorHandleValue;
import io.rustyray.protocol.concurrencygroup.ConcurrencyGroupSpecs;
import io.rustyray.protocol.function.FunctionDescriptors;
import io.rustyray.protocol.function.ResolvedFunction;
import io.rustyray.protocol.parallelactor.ParallelInstances;
import io.rustyray.protocol.proto.ActorSpec;
import io.rustyray.protocol.proto.ActorState;
import io.rustyray.protocol.proto.CreateActorReply;
import io.rustyray.protocol.proto.CreateActorRequest;
import io.rustyray.protocol.proto.GetActorReply;
import io.rustyray.protocol.proto.GetActorRequest;
import io.rustyray.protocol.proto.KillActorReply;
import io.rustyray.protocol.proto.KillActorRequest;
import io.rustyray.protocol.proto.TaskArg;
import io.rustyray.protocol.resources.ResourceRequests;
import io.rustyray.protocol.transport.Calls;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * This process's side of actors: creates them through the head, finds them by name, kills them, and
 * sends method calls through one {@link ActorSubmitter} per actor, which every handle to that actor
 * in this process shares (so calls keep the order they were made in).
 */
final class ActorClient {
  private final HeadConnection head;
  private final CallIds ids;
  private final String jobId;
  private final String namespace;
  private final String actorOwner;
  private final CallArguments arguments;
  private final OwnedObjects objects;
  private final ActorHandleLifetimes lifetimes;
  private final Map<String, ActorSubmitter> submitters = new ConcurrentHashMap<>();

  ActorClient(
      HeadConnection head,
      CallIds ids,
      String jobId,
      String namespace,
      String actorOwner,
      CallArguments arguments,
      OwnedObjects objects,
      ActorHandleLifetimes lifetimes) {
    this.head = head;
    this.ids = ids;
    this.jobId = jobId;
    this.namespace = namespace;
    this.actorOwner = actorOwner;
    this.arguments = arguments;
    this.objects = objects;
    this.lifetimes = lifetimes;
  }

  /**
   * @param constructor a constructor or static factory reference
   * @param args its arguments (values or ObjectRefs)
   * @param options name, resources, restarts, concurrency
   * @param <A> the actor's class
   * @return a handle, once the head registered the actor (its name is then taken)
   */
  <A> ActorHandle<A> create(RustyFunc constructor, Object[] args, ActorOptions options) {
    return create(constructor, args, options, 1);
  }

  /**
   * @param parallelism how many instances of the class the actor holds (a parallel actor)
   */
  <A> ActorHandle<A> create(
      RustyFunc constructor, Object[] args, ActorOptions options, int parallelism) {
    ResolvedFunction f = FunctionDescriptors.describeActorConstructor(constructor);
    String actorId = ids.next("actor");
    ActorSpec.Builder spec =
        ActorSpec.newBuilder()
            .setConstructor(f.descriptor())
            .setResources(ResourceRequests.of(options.resources()))
            .setMaxRestarts(options.maxRestarts())
            .setMaxConcurrency(options.maxConcurrency())
            .setName(options.name())
            .setDetached(options.detached())
            .setJobId(jobId)
            .setNamespace(namespace)
            .setOwnerId(actorOwner)
            .addAllJvmOptions(options.jvmOptions())
            .setSharedWorker(options.sharedWorker());
    if (options.placement() != null) {
      spec.setPlacement(PlacementGroups.toProto(options.placement()));
    }
    if (options.checkpoint() != null) {
      spec.setCheckpoint(CheckpointPolicies.toProto(options.checkpoint()));
    }
    spec.addAllConcurrencyGroups(ConcurrencyGroupSpecs.of(f, options.concurrencyGroups()));
    if (parallelism > 1) {
      spec.setParallelism(parallelism);
    }
    // An unnamed, non-detached actor ends once every handle to it is gone, as in Ray.
    boolean counted = options.name().isEmpty() && !options.detached();
    String holder = counted ? ids.callerId() : "";
    CompletableFuture<List<TaskArg>> resolvedArgs = arguments.resolve(args);
    ActorSubmitter submitter = submitter(actorId);
    if (resolvedArgs.isDone() && !resolvedArgs.isCompletedExceptionally()) {
      blockingCreate(actorId, spec.addAllArgs(resolvedArgs.join()).build(), false, holder);
    } else {
      // Registered now so that the name is taken and the head shows DEPENDENCIES_UNREADY.
      blockingCreate(actorId, spec.build(), true, holder);
      submitter.awaitCreation(
          resolvedArgs.thenCompose(
              taskArgs ->
                  Calls.<CreateActorReply>unary(
                          observer ->
                              head.gcs()
                                  .withDeadlineAfter(
                                      HeadConnection.CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                                  .createActor(
                                      CreateActorRequest.newBuilder()
                                          .setActorId(actorId)
                                          .setSpec(spec.addAllArgs(taskArgs).build())
                                          .build(),
                                      observer))
                      .thenApply(reply -> (Void) null)));
    }
    ActorHandleValue<A> handle = new ActorHandleValue<>(actorId, options.name());
    return counted ? lifetimes.created(handle, args) : handle;
  }

  private void blockingCreate(
      String actorId, ActorSpec spec, boolean dependenciesUnready, String handleHolder) {
    try {
      head.blocking(HeadConnection.CALL_TIMEOUT_SECONDS)
          .createActor(
              CreateActorRequest.newBuilder()
                  .setActorId(actorId)
                  .setSpec(spec)
                  .setDependenciesUnready(dependenciesUnready)
                  .setHandleHolder(handleHolder)
                  .build());
    } catch (StatusRuntimeException e) {
      throw Errors.toRusty(e);
    }
  }

  private ActorSubmitter submitter(String actorId) {
    return submitters.computeIfAbsent(actorId, id -> new ActorSubmitter(id, head, ids.callerId()));
  }

  /**
   * @param actor the actor
   * @param method an instance method reference of its class
   * @param args the method's arguments (values or ObjectRefs)
   * @param options the call's concurrency group and name
   * @param <R> the result type
   * @return the result's reference, at once
   */
  <R> ObjectRef<R> call(
      ActorHandle<?> actor, RustyFunc method, Object[] args, ActorCallOptions options) {
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
    CompletableFuture<ObjectValue> value =
        submitter(actor.getId())
            .submit(f, arguments.resolve(args), options, ParallelInstances.indexOf(actor));
    CallArguments.keepReachableUntilDone(args, value);
    // The handle counts as held while its call runs, as a pending call does in Ray.
    CallArguments.keepReachableUntilDone(new Object[] {actor}, value);
    return objects.reference(ids.next("call"), f.resultType(), value);
  }

  /**
   * @param name the actor's name
   * @param <A> the actor's class
   * @return a handle, or empty when no live actor has that name in this process's namespace
   */
  <A> Optional<ActorHandle<A>> find(String name) {
    return find(name, namespace);
  }

  /**
   * @param name the actor's name
   * @param namespace the namespace it was created in
   * @param <A> the actor's class
   * @return a handle, or empty when no live actor has that name there
   */
  <A> Optional<ActorHandle<A>> find(String name, String namespace) {
    GetActorReply reply;
    try {
      reply =
          head.getActor(GetActorRequest.newBuilder().setName(name).setNamespace(namespace).build())
              .get(HeadConnection.CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw Errors.toRusty(e);
    }
    if (!reply.getFound() || reply.getActor().getState() == ActorState.DEAD) {
      return Optional.empty();
    }
    return Optional.of(new ActorHandleValue<>(reply.getActor().getActorId(), name));
  }

  /**
   * @param actor the actor
   * @param noRestart whether to forbid its restart
   */
  void kill(ActorHandle<?> actor, boolean noRestart) {
    try {
      KillActorReply reply =
          head.blocking(HeadConnection.CALL_TIMEOUT_SECONDS)
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
}
