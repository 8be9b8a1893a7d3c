package io.rustyray.operator.cluster;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.rustyray.operator.common.Names;
import io.rustyray.operator.common.Settings;
import io.rustyray.operator.crd.RustyCluster;
import java.util.Map;
import java.util.TreeMap;

/** The head's Service: the address workers and in-cluster clients join at. */
// Created with a plain apply: Kubernetes before 1.22 refuses a create-only Server-Side Apply
// ("resourceVersion should not be set on objects to be created").
@KubernetesDependent(
    informer = @Informer(labelSelector = Names.MANAGED_SELECTOR),
    createResourceOnlyIfNotExistingWithSSA = false)
public class HeadServiceDependentResource
    extends CRUDKubernetesDependentResource<Service, RustyCluster> {

  @Override
  protected Service desired(RustyCluster cluster, Context<RustyCluster> context) {
    return desired(cluster, Settings.get().headPort());
  }

  static Service desired(RustyCluster cluster, int headPort) {
    String name = cluster.getMetadata().getName();
    return new ServiceBuilder()
        .withNewMetadata()
        .withName(Names.headService(name))
        .withNamespace(cluster.getMetadata().getNamespace())
        .withLabels(
            new TreeMap<>(
                Map.of(
                    Names.LABEL_MANAGED_BY, Names.MANAGED_BY,
                    Names.LABEL_CLUSTER, name,
                    Names.LABEL_NODE_TYPE, Names.NODE_TYPE_HEAD)))
        .endMetadata()
        .withNewSpec()
        .withSelector(
            new TreeMap<>(
                Map.of(Names.LABEL_CLUSTER, name, Names.LABEL_NODE_TYPE, Names.NODE_TYPE_HEAD)))
        .addNewPort()
        .withName("gcs")
        .withPort(headPort)
        .withNewTargetPort(headPort)
        .withProtocol("TCP")
        .endPort()
        .endSpec()
        .build();
  }
}
