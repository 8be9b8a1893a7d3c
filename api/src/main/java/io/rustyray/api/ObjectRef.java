package io.rustyray.api;

import java.time.Duration;

/**
 * A reference to an immutable value that a task or actor call produces, or that {@link
 * Rusty#put(Object)} stored. Pass it as an argument to another call: the node that runs that call
 * resolves it first.
 *
 * @param <T> the type of the value
 */
public interface ObjectRef<T> {

  /**
   * Waits for the value and returns it.
   *
   * @return the value
   * @throws io.rustyray.api.exception.RustyTaskException when the producing call threw
   * @throws io.rustyray.api.exception.ActorDiedException when the producing actor is dead
   * @throws io.rustyray.api.exception.RustyCallException when the cluster refused the call
   */
  T get();

  /**
   * Waits at most {@code timeout} for the value.
   *
   * @param timeout how long to wait
   * @return the value
   * @throws io.rustyray.api.exception.RustyTimeoutException when the value is not ready in time
   */
  T get(Duration timeout);

  /**
   * @return the id of the object, unique in the cluster
   */
  String getId();

  /**
   * @return whether the value (or the failure) is already known, without waiting
   */
  boolean isReady();
}
