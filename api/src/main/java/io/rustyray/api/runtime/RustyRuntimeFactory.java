package io.rustyray.api.runtime;

/**
 * Found through {@link java.util.ServiceLoader}: connects {@link io.rustyray.api.Rusty#init} to a
 * cluster. The artifact {@code io.rustyray:rustyray-client} provides it.
 */
public interface RustyRuntimeFactory {

  /**
   * Connects to the head at {@code address}.
   *
   * @param address the head's {@code host:port}
   * @param token the cluster token, or empty when the cluster has none
   * @return a connected runtime
   */
  RustyRuntime connect(String address, String token);
}
