package io.rustyray.api.runtime;

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
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** What {@link io.rustyray.api.Rusty} delegates to: a connection to a RustyRay cluster. */
public interface RustyRuntime extends AutoCloseable {

  <R> ObjectRef<R> submitTask(RustyFunc function, Object[] args, CallOptions options);

  <A> ActorHandle<A> createActor(RustyFunc constructor, Object[] args, ActorOptions options);

  <R> ObjectRef<R> submitActorTask(ActorHandle<?> actor, RustyFunc method, Object[] args);

  /** Creates a parallel actor: {@code parallelism} instances of one class in one actor. */
  default <A> ActorHandle<A> createParallelActor(
      RustyFunc constructor, Object[] args, ActorOptions options, int parallelism) {
    throw unsupported("parallel actors");
  }

  default <R> ObjectRef<R> submitActorTask(
      ActorHandle<?> actor, RustyFunc method, Object[] args, ActorCallOptions options) {
    if (!options.equals(ActorCallOptions.DEFAULT)) {
      throw unsupported("named calls and concurrency groups");
    }
    return submitActorTask(actor, method, args);
  }

  <T> ObjectRef<T> put(T value);

  default void free(List<? extends ObjectRef<?>> refs) {
    throw unsupported("freeing objects");
  }

  <T> WaitResult<T> wait(List<ObjectRef<T>> refs, int numReturns, Duration timeout);

  <A> Optional<ActorHandle<A>> getActor(String name);

  default <A> Optional<ActorHandle<A>> getActor(String name, String namespace) {
    throw unsupported("namespaces");
  }

  void killActor(ActorHandle<?> actor, boolean noRestart);

  default <A> ActorHandle<A> currentActor() {
    throw unsupported("getCurrentActor");
  }

  default void exitActor() {
    throw unsupported("exitActor");
  }

  default List<ActorInfo> listActors() {
    throw unsupported("listing actors");
  }

  default List<NodeInfo> listNodes() {
    throw unsupported("listing nodes");
  }

  default PlacementGroup createPlacementGroup(PlacementGroupOptions options) {
    throw unsupported("placement groups");
  }

  default Optional<PlacementGroup> getPlacementGroup(String name, String namespace) {
    throw unsupported("placement groups");
  }

  default Optional<PlacementGroup> getPlacementGroupById(String placementGroupId) {
    throw unsupported("placement groups");
  }

  default List<PlacementGroup> listPlacementGroups() {
    throw unsupported("placement groups");
  }

  default void removePlacementGroup(String placementGroupId) {
    throw unsupported("placement groups");
  }

  RuntimeContext context();

  @Override
  void close();

  private UnsupportedOperationException unsupported(String what) {
    return new UnsupportedOperationException(
        what + " is not supported by " + getClass().getSimpleName());
  }
}
