package io.rustyray.runtime.worker;

import io.rustyray.api.ActorHandle;
import io.rustyray.api.ActorInfo;
import io.rustyray.api.NodeInfo;
import io.rustyray.api.ObjectRef;
import io.rustyray.api.RuntimeContext;
import io.rustyray.api.WaitResult;
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
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The SDK inside a worker: connects to the head at the first call the user's code makes, so that a
 * worker whose code never calls out starts without that round trip.
 */
final class LazyRuntime implements RustyRuntime, NestedReferences {
  private final Supplier<RustyRuntime> connect;
  private final Supplier<RuntimeContext> context;
  private volatile RustyRuntime connected;

  LazyRuntime(Supplier<RustyRuntime> connect, Supplier<RuntimeContext> context) {
    this.connect = connect;
    this.context = context;
  }

  private RustyRuntime runtime() {
    RustyRuntime current = connected;
    if (current == null) {
      synchronized (this) {
        if (connected == null) {
          connected = connect.get();
        }
        current = connected;
      }
    }
    return current;
  }

  @Override
  public <R> ObjectRef<R> submitTask(RustyFunc function, Object[] args, CallOptions options) {
    return runtime().submitTask(function, args, options);
  }

  @Override
  public <A> ActorHandle<A> createActor(
      RustyFunc constructor, Object[] args, ActorOptions options) {
    return runtime().createActor(constructor, args, options);
  }

  @Override
  public <R> ObjectRef<R> submitActorTask(ActorHandle<?> actor, RustyFunc method, Object[] args) {
    return runtime().submitActorTask(actor, method, args);
  }

  @Override
  public <R> ObjectRef<R> submitActorTask(
      ActorHandle<?> actor, RustyFunc method, Object[] args, ActorCallOptions options) {
    return runtime().submitActorTask(actor, method, args, options);
  }

  @Override
  public <A> ActorHandle<A> createParallelActor(
      RustyFunc constructor, Object[] args, ActorOptions options, int parallelism) {
    return runtime().createParallelActor(constructor, args, options, parallelism);
  }

  @Override
  public <T> ObjectRef<T> put(T value) {
    return runtime().put(value);
  }

  @Override
  public <T> WaitResult<T> wait(List<ObjectRef<T>> refs, int numReturns, Duration timeout) {
    return runtime().wait(refs, numReturns, timeout);
  }

  @Override
  public <A> Optional<ActorHandle<A>> getActor(String name) {
    return runtime().getActor(name);
  }

  @Override
  public <A> Optional<ActorHandle<A>> getActor(String name, String namespace) {
    return runtime().getActor(name, namespace);
  }

  @Override
  public void killActor(ActorHandle<?> actor, boolean noRestart) {
    runtime().killActor(actor, noRestart);
  }

  // Ray API parity (misc): named calls, free, exitActor, listings.

  @Override
  public void free(List<? extends ObjectRef<?>> refs) {
    runtime().free(refs);
  }

  @Override
  public <A> ActorHandle<A> currentActor() {
    return runtime().currentActor();
  }

  @Override
  public void exitActor() {
    runtime().exitActor();
  }

  @Override
  public List<ActorInfo> listActors() {
    return runtime().listActors();
  }

  @Override
  public List<NodeInfo> listNodes() {
    return runtime().listNodes();
  }

  // Placement groups, for tasks and actors that create or use them.

  @Override
  public PlacementGroup createPlacementGroup(PlacementGroupOptions options) {
    return runtime().createPlacementGroup(options);
  }

  @Override
  public Optional<PlacementGroup> getPlacementGroup(String name, String namespace) {
    return runtime().getPlacementGroup(name, namespace);
  }

  @Override
  public Optional<PlacementGroup> getPlacementGroupById(String placementGroupId) {
    return runtime().getPlacementGroupById(placementGroupId);
  }

  @Override
  public List<PlacementGroup> listPlacementGroups() {
    return runtime().listPlacementGroups();
  }

  @Override
  public void removePlacementGroup(String placementGroupId) {
    runtime().removePlacementGroup(placementGroupId);
  }

  // Nested references: a reference read from an argument connects, since it is held at the head.
  private NestedReferences references() {
    if (runtime() instanceof NestedReferences references) {
      return references;
    }
    throw new IllegalStateException("the worker's runtime cannot carry nested references");
  }

  @Override
  public NestedRefWire write(ObjectRef<?> ref) {
    return references().write(ref);
  }

  @Override
  public ObjectRef<?> read(NestedRefWire wire, Type valueType) {
    return references().read(wire, valueType);
  }

  @Override
  public ActorHandle<?> readHandle(ActorHandleValue<?> handle) {
    return references().readHandle(handle);
  }

  @Override
  public void holdContained(List<NestedRefWire> stored, String holder) {
    references().holdContained(stored, holder);
  }

  @Override
  public RuntimeContext context() {
    return context.get();
  }

  @Override
  public synchronized void close() {
    if (connected != null) {
      connected.close();
    }
  }
}
