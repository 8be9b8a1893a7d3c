package io.rustyray.operator.cluster;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.rustyray.operator.crd.RustyCluster;
import io.rustyray.operator.crd.RustyClusterSpec;
import io.rustyray.operator.crd.WorkerGroupSpec;
import java.util.ArrayList;
import java.util.List;

final class ClusterFixtures {
  static final String IMAGE = "ghcr.io/rustyray/rustyray-runtime:0.1.0";

  private ClusterFixtures() {}

  static RustyCluster cluster(String name, int replicas) {
    var cluster = new RustyCluster();
    cluster.getMetadata().setName(name);
    cluster.getMetadata().setNamespace("ns");
    cluster.getMetadata().setGeneration(1L);
    var spec = new RustyClusterSpec();
    var group = new WorkerGroupSpec();
    group.setName("cpu");
    group.setReplicas(replicas);
    group.setResources(
        new ResourceRequirementsBuilder().addToRequests("cpu", new Quantity("500m")).build());
    spec.setWorkerGroups(new ArrayList<>(List.of(group)));
    cluster.setSpec(spec);
    return cluster;
  }

  static Pod running(Pod pod, String ip, String created) {
    return new PodBuilder(pod)
        .editMetadata()
        .withCreationTimestamp(created)
        .endMetadata()
        .withNewStatus()
        .withPhase("Running")
        .withPodIP(ip)
        .addNewCondition()
        .withType("Ready")
        .withStatus("True")
        .endCondition()
        .endStatus()
        .build();
  }

  static Pod pending(Pod pod, String created) {
    return new PodBuilder(pod)
        .editMetadata()
        .withCreationTimestamp(created)
        .endMetadata()
        .withNewStatus()
        .withPhase("Pending")
        .endStatus()
        .build();
  }

  static Pod failed(Pod pod) {
    return new PodBuilder(pod).withNewStatus().withPhase("Failed").endStatus().build();
  }

  static io.rustyray.operator.crd.GcsStoreSpec volumeStore(String size, String storageClass) {
    var volume = new io.rustyray.operator.crd.PvcStoreSpec();
    volume.setSize(size);
    volume.setStorageClassName(storageClass);
    var store = new io.rustyray.operator.crd.GcsStoreSpec();
    store.setPersistentVolumeClaim(volume);
    return store;
  }

  static io.rustyray.operator.crd.GcsStoreSpec redisStore(String address) {
    var redis = new io.rustyray.operator.crd.RedisStoreSpec();
    redis.setAddress(address);
    redis.setPasswordSecretRef(new io.rustyray.operator.crd.SecretKeyRef("redis", "password"));
    var store = new io.rustyray.operator.crd.GcsStoreSpec();
    store.setRedis(redis);
    return store;
  }
}
