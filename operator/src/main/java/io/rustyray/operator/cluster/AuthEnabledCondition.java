package io.rustyray.operator.cluster;

import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.rustyray.operator.crd.RustyCluster;

/** The auth Secret exists only for clusters with auth on (the default). */
public class AuthEnabledCondition implements Condition<Secret, RustyCluster> {
  @Override
  public boolean isMet(
      DependentResource<Secret, RustyCluster> dependent,
      RustyCluster cluster,
      Context<RustyCluster> context) {
    return ClusterPods.authEnabled(cluster);
  }
}
