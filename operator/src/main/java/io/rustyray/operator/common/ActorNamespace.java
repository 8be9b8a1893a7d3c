package io.rustyray.operator.common;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * The RustyRay namespace of what a resource creates on its cluster: its Kubernetes namespace, so
 * that a RustyActor's actor is found by (that namespace, its name), and a RustyJob's driver finds
 * the actors of the RustyActors next to it.
 */
public final class ActorNamespace {
  /** Where a resource without a namespace (only in unit tests: the API server sets one) belongs. */
  static final String KUBERNETES_DEFAULT = "default";

  private ActorNamespace() {}

  /**
   * @param resource a RustyActor or RustyJob
   * @return the namespace its actors live in on the cluster
   */
  public static String of(HasMetadata resource) {
    String namespace = resource.getMetadata().getNamespace();
    return namespace == null || namespace.isEmpty() ? KUBERNETES_DEFAULT : namespace;
  }
}
