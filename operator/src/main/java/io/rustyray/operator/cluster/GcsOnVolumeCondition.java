package io.rustyray.operator.cluster;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.rustyray.operator.crd.RustyCluster;

/** The head's claim exists only for clusters whose GCS store is a persistentVolumeClaim. */
public class GcsOnVolumeCondition implements Condition<PersistentVolumeClaim, RustyCluster> {
  @Override
  public boolean isMet(
      DependentResource<PersistentVolumeClaim, RustyCluster> dependent,
      RustyCluster cluster,
      Context<RustyCluster> context) {
    return onVolume(cluster);
  }

  static boolean onVolume(RustyCluster cluster) {
    var head = cluster.getSpec().getHead();
    return head != null
        && head.getGcsStore() != null
        && head.getGcsStore().getPersistentVolumeClaim() != null;
  }
}
