package io.rustyray.operator.job;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.rustyray.operator.cluster.ClusterStatusComputer;
import io.rustyray.operator.common.Conditions;
import io.rustyray.operator.crd.RustyCluster;
import io.rustyray.operator.crd.RustyJob;
import io.rustyray.operator.head.HeadConnections;
import io.rustyray.operator.head.HeadState;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Gathers what a job's decision needs: its cluster (from the informer), what its head's state
 * stream says (job changes arrive as events) and the jars.
 */
final class JobObserver {
  /** The informer of the clusters jobs run on, referenced or their own. */
  static final String CLUSTERS = "job-clusters";

  private final HeadConnections heads;
  private final Clock clock;

  JobObserver(HeadConnections heads, Clock clock) {
    this.heads = heads;
    this.clock = clock;
  }

  JobObservation observe(RustyJob job, Context<RustyJob> context) {
    Optional<RustyCluster> cluster = context.getSecondaryResource(RustyCluster.class, CLUSTERS);
    var conditions =
        cluster.map(c -> c.getStatus() == null ? null : c.getStatus().getConditions()).orElse(null);
    // A head that is ready keeps reporting its jobs while a worker pod is replaced (the cluster
    // not Ready); new attempts wait for a Ready cluster. The cluster's reconciler follows the head:
    // its state stream is the one source of the head's address and token.
    Optional<HeadState> head =
        cluster
            .filter(c -> Conditions.isTrue(conditions, ClusterStatusComputer.HEAD_READY))
            .flatMap(c -> heads.state(JobClusters.key(job)));
    JobJars.Lookup jars =
        JobStatusComputer.isTerminal(job)
            ? new JobJars.Lookup(List.of(), Optional.empty())
            : JobJars.read(context.getClient(), job);
    return new JobObservation(
        clock.instant(),
        cluster.isPresent(),
        Conditions.isTrue(conditions, ClusterStatusComputer.READY),
        head,
        jars.jars(),
        jars.missing());
  }
}
