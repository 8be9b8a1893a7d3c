package io.rustyray.operator.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import org.junit.jupiter.api.Test;

/** What spec.head.gcsStore does to the head pod, and what it leaves alone. */
class HeadGcsStoreTest {
  private final ClusterPods pods = new ClusterPods(ClusterFixtures.IMAGE, 6379);

  private Pod head(io.rustyray.operator.crd.GcsStoreSpec store) {
    var cluster = ClusterFixtures.cluster("c", 1);
    cluster.getSpec().getHead().setGcsStore(store);
    return pods.headPod(cluster, "c-head-abcde");
  }

  @Test
  void aRedisStoreGivesTheHeadItsUriAndThePasswordFromTheSecretNeverInTheArguments() {
    Pod pod = head(ClusterFixtures.redisStore("redis.data:6379"));
    var container = pod.getSpec().getContainers().get(0);
    assertThat(container.getArgs()).containsSequence("--gcs-store", "redis://redis.data:6379/0");
    assertThat(container.getArgs()).noneMatch(a -> a.contains("password"));
    EnvVar password =
        container.getEnv().stream()
            .filter(e -> e.getName().equals("RUSTYRAY_GCS_STORE_PASSWORD"))
            .findFirst()
            .orElseThrow();
    assertThat(password.getValue()).isNull();
    assertThat(password.getValueFrom().getSecretKeyRef().getName()).isEqualTo("redis");
    assertThat(password.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("password");
    assertThat(pod.getSpec().getVolumes()).isEmpty();
  }

  @Test
  void aRedisStoreNamesItsDatabase() {
    var store = ClusterFixtures.redisStore("redis:6379");
    store.getRedis().setDb(3);
    assertThat(head(store).getSpec().getContainers().get(0).getArgs())
        .containsSequence("--gcs-store", "redis://redis:6379/3");
  }

  @Test
  void aVolumeStoreMountsTheClustersClaimWhereTheHeadKeepsItsFiles() {
    Pod pod = head(ClusterFixtures.volumeStore("1Gi", null));
    var container = pod.getSpec().getContainers().get(0);
    assertThat(container.getArgs()).containsSequence("--gcs-store", "file:/var/lib/rustyray/gcs");
    assertThat(container.getVolumeMounts())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.getName()).isEqualTo("gcs-store");
              assertThat(m.getMountPath()).isEqualTo("/var/lib/rustyray/gcs");
            });
    assertThat(pod.getSpec().getVolumes())
        .singleElement()
        .satisfies(
            v -> assertThat(v.getPersistentVolumeClaim().getClaimName()).isEqualTo("c-head-gcs"));
  }

  @Test
  void withoutAStoreTheHeadPodAndItsTemplateHashStayAsBefore() {
    Pod pod = head(null);
    assertThat(pod.getSpec().getContainers().get(0).getArgs()).doesNotContain("--gcs-store");
    assertThat(pod.getSpec().getVolumes()).isEmpty();
    assertThat(io.fabric8.kubernetes.client.utils.Serialization.asJson(pod))
        .doesNotContain("volume");
  }

  @Test
  void aStoreChangesTheHeadsTemplateHashSoTheHeadIsReplacedOntoIt() {
    var plain = ClusterFixtures.cluster("c", 1);
    var durable = ClusterFixtures.cluster("c", 1);
    durable.getSpec().getHead().setGcsStore(ClusterFixtures.volumeStore("1Gi", null));
    assertThat(pods.headTemplateHash(durable)).isNotEqualTo(pods.headTemplateHash(plain));
    assertThat(pods.workerTemplateHash(durable, durable.getSpec().getWorkerGroups().get(0)))
        .isEqualTo(pods.workerTemplateHash(plain, plain.getSpec().getWorkerGroups().get(0)));
  }

  @Test
  void theClaimAsksForTheSizeAndClassOfTheSpecReadWriteOnce() {
    var cluster = ClusterFixtures.cluster("c", 1);
    cluster.getSpec().getHead().setGcsStore(ClusterFixtures.volumeStore("5Gi", "fast"));
    var claim = HeadGcsClaimDependentResource.desired(cluster);
    assertThat(claim.getMetadata().getName()).isEqualTo("c-head-gcs");
    assertThat(claim.getMetadata().getNamespace()).isEqualTo("ns");
    assertThat(claim.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
    assertThat(claim.getSpec().getStorageClassName()).isEqualTo("fast");
    assertThat(claim.getSpec().getResources().getRequests().get("storage").toString())
        .isEqualTo("5Gi");
  }
}
