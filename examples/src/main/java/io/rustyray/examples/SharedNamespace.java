package io.rustyray.examples;

import io.rustyray.api.Rusty;
import io.rustyray.api.exception.RustyException;

/**
 * How the example clients connect: to the cluster in {@code RUSTYRAY_ADDRESS}, in the namespace in
 * {@code RUSTYRAY_NAMESPACE}, else in {@value #DEFAULT}, not in an anonymous namespace of their
 * own. They exist to share named actors: with each other, and with the RustyActors of the
 * Kubernetes namespace {@value #DEFAULT} (the operator creates a RustyActor's actor in the
 * namespace of the same name as its Kubernetes one).
 */
final class SharedNamespace {
  static final String DEFAULT = "default";

  private SharedNamespace() {}

  /** Connects as {@link Rusty#init()} does, in the shared namespace. */
  static void init() {
    String address = System.getenv(Rusty.ADDRESS_ENV);
    if (address == null || address.isBlank()) {
      throw new RustyException("set " + Rusty.ADDRESS_ENV + " to the head's host:port");
    }
    String token = System.getenv(Rusty.TOKEN_ENV);
    String namespace = System.getenv(Rusty.NAMESPACE_ENV);
    Rusty.init(
        address,
        token == null ? "" : token,
        namespace == null || namespace.isEmpty() ? DEFAULT : namespace);
  }
}
