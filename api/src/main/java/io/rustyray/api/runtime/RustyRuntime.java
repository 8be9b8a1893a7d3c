package io.rustyray.api.runtime;

import io.rustyray.api.ActorHandle;
import io.rustyray.api.ObjectRef;
import io.rustyray.api.RuntimeContext;
import io.rustyray.api.WaitResult;
import io.rustyray.api.function.RustyFunc;
import io.rustyray.api.options.ActorOptions;
import io.rustyray.api.options.CallOptions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** What {@link io.rustyray.api.Rusty} delegates to: a connection to a RustyRay cluster. */
public interface RustyRuntime extends AutoCloseable {

  <R> ObjectRef<R> submitTask(RustyFunc function, Object[] args, CallOptions options);

  <A> ActorHandle<A> createActor(RustyFunc constructor, Object[] args, ActorOptions options);

  <R> ObjectRef<R> submitActorTask(ActorHandle<?> actor, RustyFunc method, Object[] args);

  <T> ObjectRef<T> put(T value);

  <T> WaitResult<T> wait(List<ObjectRef<T>> refs, int numReturns, Duration timeout);

  <A> Optional<ActorHandle<A>> getActor(String name);

  void killActor(ActorHandle<?> actor, boolean noRestart);

  RuntimeContext context();

  @Override
  void close();
}
