package io.rustyray.operator.job;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.rustyray.operator.common.Names;
import io.rustyray.operator.crd.RustyCluster;
import io.rustyray.operator.crd.RustyJob;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The cluster made for a job with clusterSpec: {@code <job>-cluster}, owned by the job (so it goes
 * with it), labelled as the operator's.
 */
// Created with a plain apply: Kubernetes before 1.22 refuses a create-only Server-Side Apply.
@KubernetesDependent(
    informer = @Informer(labelSelector = Names.MANAGED_SELECTOR),
    createResourceOnlyIfNotExistingWithSSA = false)
public class JobClusterDependentResource
    extends CRUDKubernetesDependentResource<RustyCluster, RustyJob> {
  /** Label naming the job a cluster was made for. */
  public static final String LABEL_JOB = "rustyray.io/job";

  @Override
  protected RustyCluster desired(RustyJob job, Context<RustyJob> context) {
    return desired(job);
  }

  static RustyCluster desired(RustyJob job) {
    var cluster = new RustyCluster();
    cluster.setMetadata(
        new ObjectMetaBuilder()
            .withName(Names.jobCluster(job.getMetadata().getName()))
            .withNamespace(job.getMetadata().getNamespace())
            .withLabels(
                new TreeMap<>(
                    Map.of(
                        Names.LABEL_MANAGED_BY,
                        Names.MANAGED_BY,
                        LABEL_JOB,
                        job.getMetadata().getName())))
            .build());
    cluster.setSpec(job.getSpec().getClusterSpec());
    return cluster;
  }

  /**
   * Only a cluster this job owns is its own: a cluster of the same name that a clusterRef job
   * references (seen through the reconciler's other informer) is never updated or deleted here.
   */
  @Override
  protected Optional<RustyCluster> selectTargetSecondaryResource(
      Set<RustyCluster> clusters, RustyJob job, Context<RustyJob> context) {
    String name = Names.jobCluster(job.getMetadata().getName());
    return clusters.stream()
        .filter(c -> name.equals(c.getMetadata().getName()))
        .filter(
            c ->
                c.getMetadata().getOwnerReferences().stream()
                    .anyMatch(o -> o.getUid().equals(job.getMetadata().getUid())))
        .findFirst();
  }
}
