package io.rustyray.operator.job;

import io.rustyray.operator.common.Names;
import io.rustyray.operator.crd.RustyJob;
import io.rustyray.operator.head.ClusterKey;

/** Which RustyCluster a job runs on: the one it references, or the one made for it. */
public final class JobClusters {
  private JobClusters() {}

  /**
   * @param job the job
   * @return the name of the cluster it runs on
   */
  public static String name(RustyJob job) {
    return job.getSpec().getClusterRef() != null
        ? job.getSpec().getClusterRef()
        : Names.jobCluster(job.getMetadata().getName());
  }

  /**
   * @param job the job
   * @return the cluster it runs on, as the head connections know it
   */
  public static ClusterKey key(RustyJob job) {
    return new ClusterKey(job.getMetadata().getNamespace(), name(job));
  }

  /**
   * @param job the job
   * @return whether the job has a cluster of its own (spec.clusterSpec)
   */
  public static boolean ownsCluster(RustyJob job) {
    return job.getSpec().getClusterRef() == null && job.getSpec().getClusterSpec() != null;
  }
}
