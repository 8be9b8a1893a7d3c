package io.rustyray.local;

import io.rustyray.api.ActorHandle;
import io.rustyray.api.ActorInfo;
import io.rustyray.api.ObjectRef;
import io.rustyray.api.exception.ActorDiedException;
import io.rustyray.api.exception.RustyException;
import io.rustyray.api.function.RustyFunc;
import io.rustyray.api.options.ActorCallOptions;
import io.rustyray.api.options.ActorOptions;
import io.rustyray.protocol.codec.ActorHandleValue;
import io.rustyray.protocol.function.ActorExitSignal;
import io.rustyray.protocol.function.FunctionDescriptors;
import io.rustyray.protocol.function.ResolvedFunction;
import io.rustyray.protocol.parallelactor.ParallelInstances;
import io.rustyray.protocol.resources.ResourceRequests;
import java.lang.reflect.Modifier;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The actors of a local runtime, by id and by live name: what the head's actor table does in the
 * cluster. Handles are the same values as the cluster's (an id and a name), so a handle passed as
 * an argument or returned by a call reaches the same actor. Detached and non-detached actors live
 * alike here: they all end with the runtime.
 */
final class LocalActors implements AutoCloseable {
  private final LocalIds ids;
  private final LocalInvoker invoker;
  private final LocalObjects objects;
  private final String runtimeTag;
  private final long checkpointLimitBytes;
  private final String namespace;
  private final Map<String, LocalActor> byId = new ConcurrentHashMap<>();
  private final Map<String, LocalActor> byName = new HashMap<>();

  LocalActors(
      LocalIds ids,
      LocalInvoker invoker,
      LocalObjects objects,
      String runtimeTag,
      long checkpointLimitBytes,
      String namespace) {
    this.ids = ids;
    this.invoker = invoker;
    this.objects = objects;
    this.runtimeTag = runtimeTag;
    this.checkpointLimitBytes = checkpointLimitBytes;
    this.namespace = namespace;
  }

  /**
   * @return a handle, at once; the constructor runs on the actor's executor
   * @throws RustyException when the function builds nothing, an argument cannot be encoded, or a
   *     live actor has the name ({@code ALREADY_EXISTS}, as the head refuses it)
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
    ResourceRequests.check(options.resources());
    List<CompletableFuture<byte[]>> encoded = LocalArguments.encode(args);
    LocalActor actor;
    synchronized (this) {
      String name = options.name();
      LocalActor holder = name.isEmpty() ? null : byName.get(name);
      if (holder != null && !holder.isDead()) {
        throw LocalErrors.refused(
            "ALREADY_EXISTS",
            "an actor named '"
                + name
                + "' already exists in namespace '"
                + namespace
                + "' ("
                + holder.id()
                + ", "
                + holder.state()
                + "); kill it first or pick another name",
            null);
      }
      actor =
          new LocalActor(
              actorId, f, encoded, options, parallelism, invoker, runtimeTag, checkpointLimitBytes);
      byId.put(actorId, actor);
      if (!name.isEmpty()) {
        byName.put(name, actor);
      }
    }
    actor.start();
    return new ActorHandleValue<>(actorId, options.name());
  }

  /**
   * @return the result's reference, at once
   * @throws RustyException when the method is not an instance method, or an argument cannot be
   *     encoded
   */
  <R> ObjectRef<R> call(
      ActorHandle<?> handle, RustyFunc method, Object[] args, ActorCallOptions options) {
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
    List<CompletableFuture<byte[]>> encoded = LocalArguments.encode(args);
    LocalObjects.Result<R> result = objects.newResult("call", f.resultType());
    LocalActor actor = byId.get(handle.getId());
    if (actor == null) {
      result
          .bytes()
          .completeExceptionally(
              new ActorDiedException(handle.getId(), "the local runtime does not know this actor"));
    } else {
      actor.call(
          f,
          encoded,
          result.bytes(),
          options.concurrencyGroup(),
          options.name(),
          ParallelInstances.indexOf(handle));
    }
    return result.ref();
  }

  /**
   * @return a handle of the live actor with that name, or empty (also once it is dead)
   */
  synchronized <A> Optional<ActorHandle<A>> find(String name) {
    LocalActor holder = byName.get(name);
    if (holder == null || holder.isDead()) {
      return Optional.empty();
    }
    return Optional.of(new ActorHandleValue<>(holder.id(), name));
  }

  /**
   * @throws io.rustyray.api.exception.RustyCallException {@code NOT_FOUND} for an actor this
   *     runtime never made, as the head answers
   */
  void kill(ActorHandle<?> handle, boolean noRestart) {
    LocalActor actor = byId.get(handle.getId());
    if (actor == null) {
      throw LocalErrors.refused("NOT_FOUND", "no actor " + handle.getId(), null);
    }
    actor.kill(noRestart);
  }

  /** Ends the actor whose method calls this, as Rusty.exitActor() asks. */
  void exit(String actorId) {
    LocalActor actor = byId.get(actorId);
    if (actor == null) {
      throw ActorExitSignal.outsideAnActor();
    }
    actor.exitItself();
    throw new ActorExitSignal(actorId);
  }

  /** Every actor this runtime made, live or dead, oldest first. */
  List<ActorInfo> list(String jobId, String nodeId) {
    return byId.values().stream()
        .sorted(Comparator.comparing(LocalActor::id))
        .map(actor -> actor.info(jobId, nodeId))
        .toList();
  }

  @Override
  public void close() {
    byId.values().forEach(LocalActor::shutdown);
  }
}
