package io.rustyray.operator.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.rustyray.operator.common.Names;
import io.rustyray.operator.crd.ClusterState;
import io.rustyray.operator.crd.RustyCluster;
import io.rustyray.operator.crd.RustyClusterStatus;
import io.rustyray.operator.testing.Clusters;
import io.rustyray.operator.testing.TestingGcsResource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RustyCluster reconciled against the fabric8 mock server in CRUD mode (SSA off in tests). */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@io.quarkus.test.common.QuarkusTestResource(io.rustyray.operator.testing.TestingGcsResource.class)
class RustyClusterReconcilerIT {
  @KubernetesTestServer KubernetesServer server;
  @Inject KubernetesClient client;
  @Inject io.rustyray.operator.head.HeadConnections heads;

  private RustyClusterStatus status(String cluster) {
    return client
        .resources(RustyCluster.class)
        .inNamespace("test")
        .withName(cluster)
        .get()
        .getStatus();
  }

  private List<Pod> pods(String cluster) {
    return client
        .pods()
        .inNamespace("test")
        .withLabel(Names.LABEL_CLUSTER, cluster)
        .list()
        .getItems();
  }

  private RustyCluster create(String name, int replicas) {
    var cluster = ClusterFixtures.cluster(name, replicas);
    cluster.getMetadata().setNamespace("test");
    cluster.getMetadata().setGeneration(null);
    return client.resource(cluster).create();
  }

  @Test
  void aClusterGetsSecretServiceHeadAndWorkerPodsAllOwnedByIt() {
    RustyCluster cluster = create("owned", 2);
    await()
        .atMost(Duration.ofSeconds(20))
        .ignoreException(NullPointerException.class)
        .untilAsserted(() -> assertThat(pods("owned")).hasSize(3));
    String uid = cluster.getMetadata().getUid();
    assertThat(pods("owned"))
        .allMatch(p -> p.getMetadata().getOwnerReferences().get(0).getUid().equals(uid));
    assertThat(pods("owned")).filteredOn(Pods::isHead).hasSize(1);
    var secret = client.secrets().inNamespace("test").withName("owned-auth").get();
    assertThat(secret).isNotNull();
    assertThat(secret.getMetadata().getOwnerReferences().get(0).getUid()).isEqualTo(uid);
    var service = client.services().inNamespace("test").withName("owned-head").get();
    assertThat(service.getSpec().getSelector()).containsEntry(Names.LABEL_NODE_TYPE, "head");
    await()
        .atMost(Duration.ofSeconds(20))
        .ignoreException(NullPointerException.class)
        .untilAsserted(
            () -> {
              var status = status("owned");
              assertThat(status).isNotNull();
              assertThat(status.getState()).isEqualTo(ClusterState.Provisioning);
              assertThat(status.getDesiredWorkers()).isEqualTo(2);
            });
  }

  @Test
  void theClusterTurnsReadyOnlyOnceEveryPodIsReadyAndEveryWorkerJoinedTheHead() {
    create("ready", 1);
    await()
        .atMost(Duration.ofSeconds(20))
        .ignoreException(NullPointerException.class)
        .untilAsserted(() -> assertThat(pods("ready")).hasSize(2));
    for (Pod pod : pods("ready")) {
      client
          .pods()
          .inNamespace("test")
          .resource(
              new PodBuilder(pod)
                  .withNewStatus()
                  .withPhase("Running")
                  .withPodIP("127.0.0.1")
                  .addNewCondition()
                  .withType("Ready")
                  .withStatus("True")
                  .endCondition()
                  .endStatus()
                  .build())
          .updateStatus();
    }
    String worker =
        pods("ready").stream()
            .filter(p -> !Pods.isHead(p))
            .findFirst()
            .orElseThrow()
            .getMetadata()
            .getName();
    await()
        .atMost(Duration.ofSeconds(20))
        .ignoreException(NullPointerException.class)
        .untilAsserted(
            () -> {
              var status = status("ready");
              assertThat(status.getState()).isEqualTo(ClusterState.Provisioning);
              var ready =
                  io.rustyray.operator.common.Conditions.find(status.getConditions(), "Ready")
                      .orElseThrow();
              assertThat(ready.getReason()).isEqualTo("NodesNotJoined");
              assertThat(ready.getMessage()).contains(worker);
            });

    io.rustyray.operator.testing.Clusters.joinFakeHead(client, "test", "ready");

    await()
        .atMost(Duration.ofSeconds(20))
        .ignoreException(NullPointerException.class)
        .untilAsserted(
            () -> {
              var status = status("ready");
              assertThat(status.getState()).isEqualTo(ClusterState.Ready);
              assertThat(status.getReadyWorkers()).isEqualTo(1);
              assertThat(status.getHead().getPodIP()).isEqualTo("127.0.0.1");
            });
  }

  @Test
  void aDeletedWorkerPodIsReplaced() {
    create("heal", 1);
    await()
        .atMost(Duration.ofSeconds(20))
        .ignoreException(NullPointerException.class)
        .untilAsserted(() -> assertThat(pods("heal")).hasSize(2));
    Pod worker = pods("heal").stream().filter(p -> !Pods.isHead(p)).findFirst().orElseThrow();
    client.pods().inNamespace("test").withName(worker.getMetadata().getName()).delete();
    await()
        .atMost(Duration.ofSeconds(20))
        .ignoreException(NullPointerException.class)
        .untilAsserted(
            () ->
                assertThat(pods("heal"))
                    .hasSize(2)
                    .noneMatch(
                        p -> p.getMetadata().getName().equals(worker.getMetadata().getName())));
  }

  @Test
  void suspendRemovesThePodsAndKeepsTheResource() {
    create("nap", 1);
    await()
        .atMost(Duration.ofSeconds(20))
        .ignoreException(NullPointerException.class)
        .untilAsserted(() -> assertThat(pods("nap")).hasSize(2));
    client
        .resources(RustyCluster.class)
        .inNamespace("test")
        .withName("nap")
        // As kubectl patch --type=merge does: no resourceVersion, so the operator's own writes
        // in between cannot make it conflict.
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"suspend\":true}}");
    await()
        .atMost(Duration.ofSeconds(20))
        .ignoreException(NullPointerException.class)
        .untilAsserted(
            () -> {
              assertThat(pods("nap")).isEmpty();
              var status = status("nap");
              assertThat(status.getState()).isEqualTo(ClusterState.Suspended);
            });
    client
        .resources(RustyCluster.class)
        .inNamespace("test")
        .withName("nap")
        // As kubectl patch --type=merge does: no resourceVersion, so the operator's own writes
        // in between cannot make it conflict.
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"suspend\":false}}");
    await()
        .atMost(Duration.ofSeconds(20))
        .ignoreException(NullPointerException.class)
        .untilAsserted(() -> assertThat(pods("nap")).hasSize(2));
  }

  @Test
  void aMalformedClusterIsReportedFailedWithoutBlockingTheOthers() {
    var bad = ClusterFixtures.cluster("twins", 1);
    bad.getMetadata().setNamespace("test");
    bad.getMetadata().setGeneration(null);
    var twin = new io.rustyray.operator.crd.WorkerGroupSpec();
    twin.setName("cpu");
    bad.getSpec().getWorkerGroups().add(twin);
    client.resource(bad).create();
    create("healthy", 1);
    await()
        .atMost(Duration.ofSeconds(20))
        .ignoreException(NullPointerException.class)
        .untilAsserted(
            () -> {
              var status = status("twins");
              assertThat(status).isNotNull();
              assertThat(status.getState()).isEqualTo(ClusterState.Failed);
              assertThat(
                      io.rustyray.operator.common.Conditions.find(status.getConditions(), "Ready")
                          .orElseThrow()
                          .getReason())
                  .isEqualTo("InvalidSpec");
              assertThat(pods("healthy")).hasSize(2);
            });
    assertThat(pods("twins")).isEmpty();
  }

  @Test
  void theOperatorWritesStatusAndEventsButNeverTheSpec() {
    create("gitops", 1);
    await()
        .atMost(Duration.ofSeconds(20))
        .ignoreException(NullPointerException.class)
        .untilAsserted(() -> assertThat(pods("gitops")).hasSize(2));
    Clusters.makeReady(client, "test", "gitops");
    var cluster = client.resources(RustyCluster.class).inNamespace("test").withName("gitops").get();
    assertThat(cluster.getMetadata().getGeneration()).isEqualTo(1L);
    assertThat(cluster.getSpec().getImage()).isNull();
    assertThat(cluster.getStatus().getObservedGeneration()).isEqualTo(1L);
    assertThat(client.v1().events().inNamespace("test").list().getItems())
        .filteredOn(e -> "gitops".equals(e.getInvolvedObject().getName()))
        .extracting(e -> e.getReason())
        .contains("ClusterProvisioning", "ClusterReady");
  }

  @Test
  void nodesAliveComeFromTheHeadsGcs() {
    create("counted", 1);
    Clusters.makeReady(client, "test", "counted");
    await()
        .atMost(Duration.ofSeconds(20))
        .ignoreException(NullPointerException.class)
        .untilAsserted(
            () ->
                assertThat(status("counted").getNodesAlive())
                    .isEqualTo(TestingGcsResource.server.nodesAlive()));
  }

  @Test
  void deletingAClusterStopsFollowingItsHead() {
    create("gone", 1);
    Clusters.makeReady(client, "test", "gone");
    var key = new io.rustyray.operator.head.ClusterKey("test", "gone");
    await().atMost(Duration.ofSeconds(20)).until(() -> heads.state(key).isPresent());
    client.resources(RustyCluster.class).inNamespace("test").withName("gone").delete();
    await().atMost(Duration.ofSeconds(20)).until(() -> heads.state(key).isEmpty());
  }

  private RustyCluster createWithStore(String name, io.rustyray.operator.crd.GcsStoreSpec store) {
    var cluster = ClusterFixtures.cluster(name, 0);
    cluster.getMetadata().setNamespace("test");
    cluster.getMetadata().setGeneration(null);
    cluster.getSpec().getHead().setGcsStore(store);
    return client.resource(cluster).create();
  }

  private List<String> eventsOf(String cluster, String reason) {
    return client.v1().events().inNamespace("test").list().getItems().stream()
        .filter(e -> cluster.equals(e.getInvolvedObject().getName()))
        .filter(e -> reason.equals(e.getReason()))
        .map(e -> e.getType() + " " + e.getMessage())
        .toList();
  }

  @Test
  void aVolumeStoreGetsAClaimOwnedByTheClusterWhichTheHeadPodMounts() {
    RustyCluster cluster = createWithStore("vol", ClusterFixtures.volumeStore("2Gi", "local"));
    await()
        .atMost(Duration.ofSeconds(20))
        .ignoreException(NullPointerException.class)
        .untilAsserted(
            () -> {
              var claim =
                  client
                      .persistentVolumeClaims()
                      .inNamespace("test")
                      .withName("vol-head-gcs")
                      .get();
              assertThat(claim.getMetadata().getOwnerReferences().get(0).getUid())
                  .isEqualTo(cluster.getMetadata().getUid());
              assertThat(claim.getSpec().getStorageClassName()).isEqualTo("local");
              assertThat(claim.getSpec().getResources().getRequests().get("storage").toString())
                  .isEqualTo("2Gi");
              assertThat(pods("vol")).hasSize(1);
            });
    Pod head = pods("vol").get(0);
    assertThat(head.getSpec().getVolumes())
        .singleElement()
        .satisfies(
            v -> assertThat(v.getPersistentVolumeClaim().getClaimName()).isEqualTo("vol-head-gcs"));
    assertThat(head.getSpec().getContainers().get(0).getArgs())
        .containsSequence("--gcs-store", "file:/var/lib/rustyray/gcs");
  }

  @Test
  void aClusterWithoutAVolumeStoreGetsNoClaim() {
    create("novol", 0);
    await()
        .atMost(Duration.ofSeconds(20))
        .ignoreException(NullPointerException.class)
        .untilAsserted(() -> assertThat(pods("novol")).hasSize(1));
    assertThat(client.persistentVolumeClaims().inNamespace("test").withName("novol-head-gcs").get())
        .isNull();
  }

  @Test
  void aHeadThatCameBackOnItsDurableStoreIsRecordedInStatusAndAnnouncedAsHeadRecovered() {
    var fake = TestingGcsResource.server;
    fake.headOnStore("redis://redis:6379/0");
    try {
      createWithStore("durable", ClusterFixtures.redisStore("redis:6379"));
      Clusters.makeReady(client, "test", "durable");
      await()
          .atMost(Duration.ofSeconds(20))
          .ignoreException(NullPointerException.class)
          .untilAsserted(
              () -> assertThat(status("durable").getHead().getIncarnation()).isEqualTo(1));
      assertThat(eventsOf("durable", "HeadRecovered")).isEmpty();

      fake.restartDurableHead(7);

      await()
          .atMost(Duration.ofSeconds(20))
          .ignoreException(NullPointerException.class)
          .untilAsserted(
              () -> {
                var head = status("durable").getHead();
                assertThat(head.getIncarnation()).isEqualTo(2);
                assertThat(head.getStore()).isEqualTo("redis://redis:6379/0");
                assertThat(head.getDurable()).isTrue();
                assertThat(head.getRecovered().getKvEntries()).isEqualTo(7);
                assertThat(eventsOf("durable", "HeadRecovered"))
                    .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                    .startsWith("Normal head came back (incarnation 2, store redis://redis:6379/0)")
                    .contains("7 KV entries");
              });
    } finally {
      fake.reset();
    }
  }

  @Test
  void aHeadThatRestartedInMemoryIsAnnouncedWithAWarning() {
    var fake = TestingGcsResource.server;
    fake.headOnStore("memory");
    try {
      create("volatile", 0);
      Clusters.makeReady(client, "test", "volatile");
      await()
          .atMost(Duration.ofSeconds(20))
          .ignoreException(NullPointerException.class)
          .untilAsserted(() -> assertThat(status("volatile").getHead().getHeadId()).isNotNull());
      String first = status("volatile").getHead().getHeadId();

      fake.restartHeadInMemory();

      await()
          .atMost(Duration.ofSeconds(20))
          .ignoreException(NullPointerException.class)
          .untilAsserted(
              () -> {
                assertThat(status("volatile").getHead().getHeadId()).isNotEqualTo(first);
                assertThat(status("volatile").getHead().getDurable()).isFalse();
                assertThat(eventsOf("volatile", "HeadRestartedWithoutStore"))
                    .containsExactly(
                        "Warning head restarted with an in-memory store: actors are re-created"
                            + " from their spec");
              });
    } finally {
      fake.reset();
    }
  }
}
