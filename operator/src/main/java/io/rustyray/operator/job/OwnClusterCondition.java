package io.rustyray.operator.job;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.rustyray.operator.crd.RustyCluster;
import io.rustyray.operator.crd.RustyJob;

/**
 * A job's own cluster exists while the job has a clusterSpec, until the job has finished if it asks
 * for shutdownAfterJobFinishes. When this stops holding, the workflow deletes the cluster.
 */
public class OwnClusterCondition implements Condition<RustyCluster, RustyJob> {
  @Override
  public boolean isMet(
      DependentResource<RustyCluster, RustyJob> dependent,
      RustyJob job,
      Context<RustyJob> context) {
    return JobClusters.ownsCluster(job)
        && !(JobStatusComputer.isTerminal(job) && shutsDownAfterFinishing(job));
  }

  /**
   * @param job the job
   * @return whether its own cluster goes once it has finished
   */
  static boolean shutsDownAfterFinishing(RustyJob job) {
    return JobClusters.ownsCluster(job)
        && Boolean.TRUE.equals(job.getSpec().getShutdownAfterJobFinishes());
  }
}
