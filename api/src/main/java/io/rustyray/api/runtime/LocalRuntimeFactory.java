package io.rustyray.api.runtime;

/**
 * Found through {@link java.util.ServiceLoader}: starts the runtime behind {@link
 * io.rustyray.api.Rusty#initLocal()}, which runs tasks and actors inside the calling process (Ray's
 * local mode), for users' unit tests. The artifact {@code io.rustyray:rustyray-local} provides it.
 */
public interface LocalRuntimeFactory {

  /**
   * Starts a runtime in this process.
   *
   * @return a started runtime, closed by {@link io.rustyray.api.Rusty#shutdown()}
   */
  RustyRuntime start();
}
