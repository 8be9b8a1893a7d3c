package io.rustyray.api.runtime;

/**
 * Found through {@link java.util.ServiceLoader}: connects {@link io.rustyray.api.Rusty#init} to a
 * cluster. The artifact {@code io.rustyray:rustyray-client} provides it.
 */
public interface RustyRuntimeFactory {

  /**
   * Connects to the head at {@code address}, in an anonymous namespace of its own.
   *
   * @param address the head's {@code host:port}
   * @param token the cluster token, or empty when the cluster has none
   * @return a connected runtime
   */
  RustyRuntime connect(String address, String token);

  /**
   * Connects to the head at {@code address}, in a namespace.
   *
   * @param address the head's {@code host:port}
   * @param token the cluster token, or empty when the cluster has none
   * @param namespace the namespace of the job's named actors and placement groups; empty for an
   *     anonymous namespace of the job's own
   * @return a connected runtime
   */
  default RustyRuntime connect(String address, String token, String namespace) {
    if (!namespace.isEmpty()) {
      throw new UnsupportedOperationException(
          getClass().getSimpleName() + " does not support namespaces");
    }
    return connect(address, token);
  }
}
