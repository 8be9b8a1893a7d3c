package io.rustyray.operator.cluster;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.rustyray.operator.common.Names;
import io.rustyray.operator.crd.PvcStoreSpec;
import io.rustyray.operator.crd.RustyCluster;
import java.util.Map;
import java.util.TreeMap;

/**
 * The volume of a head whose GCS store is {@code persistentVolumeClaim}: one ReadWriteOnce claim
 * per cluster, which outlives every head pod (that is the point) and goes with the cluster.
 */
// Created with a plain apply: Kubernetes before 1.22 refuses a create-only Server-Side Apply.
@KubernetesDependent(
    informer = @Informer(labelSelector = Names.MANAGED_SELECTOR),
    createResourceOnlyIfNotExistingWithSSA = false)
public class HeadGcsClaimDependentResource
    extends CRUDKubernetesDependentResource<PersistentVolumeClaim, RustyCluster> {

  @Override
  protected PersistentVolumeClaim desired(RustyCluster cluster, Context<RustyCluster> context) {
    return desired(cluster);
  }

  static PersistentVolumeClaim desired(RustyCluster cluster) {
    String name = cluster.getMetadata().getName();
    PvcStoreSpec volume = cluster.getSpec().getHead().getGcsStore().getPersistentVolumeClaim();
    String size = volume.getSize() == null ? PvcStoreSpec.DEFAULT_SIZE : volume.getSize();
    return new PersistentVolumeClaimBuilder()
        .withNewMetadata()
        .withName(Names.headGcsClaim(name))
        .withNamespace(cluster.getMetadata().getNamespace())
        .withLabels(
            new TreeMap<>(
                Map.of(
                    Names.LABEL_MANAGED_BY, Names.MANAGED_BY,
                    Names.LABEL_CLUSTER, name,
                    Names.LABEL_NODE_TYPE, Names.NODE_TYPE_HEAD)))
        .endMetadata()
        .withNewSpec()
        .withAccessModes("ReadWriteOnce")
        .withStorageClassName(volume.getStorageClassName())
        .withNewResources()
        .withRequests(Map.of("storage", new Quantity(size)))
        .endResources()
        .endSpec()
        .build();
  }
}
