package io.rustyray.operator.cluster;

import io.fabric8.kubernetes.api.model.Pod;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.CRUDKubernetesBulkDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.Matcher;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.rustyray.operator.common.Names;
import io.rustyray.operator.common.OperatorConfig;
import io.rustyray.operator.common.Settings;
import io.rustyray.operator.crd.RustyCluster;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The head pod and one pod per worker replica, as {@link PodPlanner} decides them. Pods are never
 * updated in place: a pod that no longer matches is deleted and replaced under a new name.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Names.MANAGED_SELECTOR))
public class PodsDependentResource extends KubernetesDependentResource<Pod, RustyCluster>
    implements CRUDKubernetesBulkDependentResource<Pod, RustyCluster>,
        GarbageCollected<RustyCluster> {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char[] ALPHABET = "bcdfghjklmnpqrstvwxz2456789".toCharArray();

  @Override
  public Map<ResourceID, Pod> desiredResources(
      RustyCluster cluster, Context<RustyCluster> context) {
    OperatorConfig config = Settings.get();
    var planner =
        new PodPlanner(
            new ClusterPods(config.runtimeImage(), config.headPort()),
            PodsDependentResource::suffix);
    Map<ResourceID, Pod> desired = new LinkedHashMap<>();
    planner
        .desired(cluster, getSecondaryResources(cluster, context).values())
        .forEach((name, pod) -> desired.put(ResourceID.fromResource(pod), pod));
    return desired;
  }

  @Override
  public Map<ResourceID, Pod> getSecondaryResources(
      RustyCluster cluster, Context<RustyCluster> context) {
    return context
        .getSecondaryResourcesAsStream(Pod.class)
        .filter(
            p ->
                cluster
                    .getMetadata()
                    .getName()
                    .equals(p.getMetadata().getLabels().get(Names.LABEL_CLUSTER)))
        .collect(Collectors.toMap(ResourceID::fromResource, Function.identity()));
  }

  /** Pods kept by the planner match by construction; anything else is deleted, not updated. */
  @Override
  public Matcher.Result<Pod> match(
      Pod actual, Pod desired, RustyCluster cluster, Context<RustyCluster> context) {
    return Matcher.Result.nonComputed(
        ClusterPods.hashOf(desired).equals(ClusterPods.hashOf(actual)));
  }

  static String suffix() {
    char[] chars = new char[5];
    for (int i = 0; i < chars.length; i++) {
      chars[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
    }
    return new String(chars);
  }
}
