package io.rustyray.operator.crd;

/** The coarse state of a RustyCluster, derived from its conditions. */
public enum ClusterState {
  /** Pods are being created or are not ready yet. */
  Provisioning,
  /** The head and every worker pod are ready for the current generation. */
  Ready,
  /** spec.suspend is true: no pods run. */
  Suspended,
  /** The spec cannot be turned into pods (see the Ready condition's reason). */
  Failed
}
