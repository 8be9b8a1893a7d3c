package io.rustyray.runtime.namespace;

import io.grpc.Status;
import io.grpc.StatusException;
import io.rustyray.protocol.namespace.Namespaces;
import io.rustyray.protocol.proto.ActorSpec;

/**
 * The namespace the head files an actor under. A spec that names none comes from a client older
 * than namespaces, or from an older head's store: its actor lives in {@link Namespaces#DEFAULT}, so
 * that what such clients created is still found there, by them and by new ones.
 */
public final class ActorNamespaces {
  private ActorNamespaces() {}

  /**
   * @param spec a creation request's spec
   * @return the spec with its namespace set
   * @throws StatusException INVALID_ARGUMENT when its namespace is not a valid one
   */
  public static ActorSpec settled(ActorSpec spec) throws StatusException {
    try {
      return withNamespace(spec, Namespaces.orDefault(spec.getNamespace()));
    } catch (IllegalArgumentException e) {
      throw Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asException();
    }
  }

  /**
   * @param spec a spec a store kept
   * @return the spec with its namespace set
   */
  public static ActorSpec recovered(ActorSpec spec) {
    return withNamespace(
        spec, spec.getNamespace().isEmpty() ? Namespaces.DEFAULT : spec.getNamespace());
  }

  /**
   * @param namespace the namespace a lookup by name asked for, possibly empty
   * @return where to look
   * @throws StatusException INVALID_ARGUMENT when it is not a valid namespace
   */
  public static String lookedUp(String namespace) throws StatusException {
    try {
      return Namespaces.orDefault(namespace);
    } catch (IllegalArgumentException e) {
      throw Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asException();
    }
  }

  private static ActorSpec withNamespace(ActorSpec spec, String namespace) {
    return spec.getNamespace().equals(namespace)
        ? spec
        : spec.toBuilder().setNamespace(namespace).build();
  }
}
