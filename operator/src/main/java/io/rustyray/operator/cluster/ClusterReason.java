package io.rustyray.operator.cluster;

import io.rustyray.operator.common.Reason;

/** Every reason a RustyCluster's conditions and Events carry. */
public enum ClusterReason implements Reason {
  /** spec.suspend is true: no pods run. */
  Suspended,
  /** The head pod of the current spec is Ready. */
  PodReady,
  /** The head pod exists but is not Ready. */
  PodNotReady,
  /** No head pod of the current spec exists yet. */
  PodMissing,
  /** Every worker pod of the current spec is Ready. */
  PodsReady,
  /** Some worker pods are missing or not Ready. */
  PodsNotReady,
  /** Head and workers are ready and every worker has joined the head. */
  ClusterReady,
  /** The head pod is not ready. */
  HeadNotReady,
  /** Worker pods are missing or not ready. */
  WorkersNotReady,
  /** The operator has no current picture from the head's state stream yet. */
  HeadNotSynced,
  /** Ready worker pods whose node agent has not joined the head yet. */
  NodesNotJoined,
  /** The spec cannot work (e.g. duplicate group names); fixed by changing it. */
  InvalidSpec,
  /** A reconciliation failed for a reason that may pass; it is retried. */
  ReconcileError,
  /** Event: the cluster is being provisioned. */
  ClusterProvisioning,
  /** Event: the cluster is suspended. */
  ClusterSuspended,
  /** Event: the cluster failed. */
  ClusterFailed,
  /** Event: a new head on the cluster's durable GCS store recovered its tables. */
  HeadRecovered,
  /** Event: a new head started with an in-memory store: the cluster's actors start again. */
  HeadRestartedWithoutStore;

  /**
   * @param state a cluster state
   * @return the reason of the Event that announces it
   */
  static ClusterReason announcing(io.rustyray.operator.crd.ClusterState state) {
    return switch (state) {
      case Provisioning -> ClusterProvisioning;
      case Ready -> ClusterReady;
      case Suspended -> ClusterSuspended;
      case Failed -> ClusterFailed;
    };
  }
}
