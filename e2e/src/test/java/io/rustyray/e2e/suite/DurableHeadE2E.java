package io.rustyray.e2e.suite;

import static io.rustyray.e2e.harness.Kubectl.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rustyray.api.ActorHandle;
import io.rustyray.api.Rusty;
import io.rustyray.e2e.harness.Kubectl;
import io.rustyray.e2e.harness.LocalControlPlane;
import io.rustyray.e2e.harness.LocalVolumes;
import io.rustyray.e2e.harness.RedisServer;
import io.rustyray.examples.Counter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A durable head, on a real kube-apiserver with pods as processes: a RustyCluster whose GCS is in a
 * Redis server of the test's own, and one whose GCS is on a PersistentVolume bound by
 * kube-controller-manager's PV binder. A driver creates a detached named Counter through the SDK
 * and increments it while the head pod is deleted; once the operator has replaced the head, the
 * actor answers with its count intact, a declared RustyActor kept its actor and restarts, and the
 * cluster says HeadRecovered.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DurableHeadE2E {
  private static final Duration LONG = Duration.ofMinutes(5);
  private static final String NS = "durable-" + UUID.randomUUID().toString().substring(0, 6);
  private static final String REDIS_PASSWORD = "e2e-" + UUID.randomUUID();
  private static final LocalControlPlane controlPlane = new LocalControlPlane();
  private static final Kubectl kubectl = new Kubectl(controlPlane, NS);
  private static final LocalVolumes volumes = new LocalVolumes(controlPlane, NS + "-local");
  private static final String VOLUME = NS + "-gcs";
  private static RedisServer redis;
  private static Path volumeDir;

  @BeforeAll
  static void bringUp() throws Exception {
    controlPlane.up();
    controlPlane.applyCrds();
    ok(controlPlane.kubectl("create", "namespace", NS));
    redis = RedisServer.start(controlPlane.stateDir().resolve("redis").resolve(NS), REDIS_PASSWORD);
    ok(
        kubectl.run(
            "create", "secret", "generic", "redis", "--from-literal=password=" + REDIS_PASSWORD));
    volumeDir = volumes.create(VOLUME, "1Gi");
    controlPlane.startOperator();
  }

  @AfterAll
  static void tearDown() throws Exception {
    Rusty.shutdown();
    controlPlane.kubectl("delete", "namespace", NS, "--wait=false");
    if (redis != null) {
      redis.close();
    }
    volumes.delete(VOLUME);
    controlPlane.close();
  }

  // kubectl 1.20 validates against the server's OpenAPI, which lags behind a CRD just applied;
  // the server validates the manifests all the same.
  private static String cluster(String name, String gcsStore) {
    return """
        apiVersion: rustyray.io/v1alpha1
        kind: RustyCluster
        metadata:
          name: %s
        spec:
          head:
            gcsStore:
        %s
          workerGroups:
            - name: cpu
              replicas: 1
              resources:
                requests:
                  cpu: "1"
                  memory: 512Mi
        """
        .formatted(name, gcsStore.indent(6).stripTrailing());
  }

  private static String redisCluster(String name) {
    return cluster(
        name,
        """
        redis:
          address: %s
          db: 1
          passwordSecretRef:
            name: redis
            key: password
        """
            .formatted(redis.address()));
  }

  private static String volumeCluster(String name) {
    return cluster(
        name,
        """
        persistentVolumeClaim:
          size: 1Gi
          storageClassName: %s
        """
            .formatted(volumes.storageClass()));
  }

  private static String declaredActor(String name, String cluster) {
    return """
        apiVersion: rustyray.io/v1alpha1
        kind: RustyActor
        metadata:
          name: %s
        spec:
          clusterRef: %s
          className: io.rustyray.examples.Counter
          args: [10]
          maxRestarts: 3
        """
        .formatted(name, cluster);
  }

  private static List<String> pods(String selector) throws Exception {
    String names =
        ok(kubectl.run("get", "pods", "-l", selector, "-o", "jsonpath={.items[*].metadata.name}"))
            .output();
    return names.isBlank() ? List.of() : List.of(names.trim().split("\\s+"));
  }

  private static String headPod(String cluster) throws Exception {
    List<String> heads = pods("rustyray.io/cluster=" + cluster + ",rustyray.io/node-type=head");
    assertThat(heads).hasSize(1);
    return heads.get(0);
  }

  @Test
  @Order(1)
  void aVolumeStoreClaimIsBoundToALocalVolumeAndTheHeadIsStartedOnItsFolder() throws Exception {
    ok(kubectl.runWithInput(volumeCluster("on-volume"), "apply", "--validate=false", "-f", "-"));

    await()
        .atMost(LONG)
        .untilAsserted(
            () -> {
              assertThat(kubectl.jsonpath("pvc/on-volume-head-gcs", "{.status.phase}"))
                  .isEqualTo("Bound");
              assertThat(kubectl.jsonpath("pvc/on-volume-head-gcs", "{.spec.volumeName}"))
                  .isEqualTo(VOLUME);
              assertThat(
                      kubectl.jsonpath(
                          "pvc/on-volume-head-gcs", "{.metadata.ownerReferences[0].name}"))
                  .isEqualTo("on-volume");
            });
    // No mount namespaces: the head's process is given the volume's folder where the pod says
    // /var/lib/rustyray/gcs.
    Path kubeletLog = controlPlane.stateDir().resolve("logs").resolve("kubelet.log");
    await()
        .atMost(LONG)
        .untilAsserted(
            () ->
                assertThat(Files.readString(kubeletLog))
                    .contains("--gcs-store file:" + volumeDir)
                    .doesNotContain("--gcs-store file:/var/lib/rustyray/gcs"));
  }

  @Test
  @Order(2)
  void aHeadOnRedisComesBackWithTheDriversActorCountingOnAndTheDeclaredActorKept()
      throws Exception {
    ok(kubectl.runWithInput(redisCluster("on-redis"), "apply", "--validate=false", "-f", "-"));
    headComesBackWithEverything("on-redis", "redis://" + redis.address() + "/1");
  }

  @Test
  @Order(3)
  void aHeadOnAVolumeComesBackWithTheDriversActorCountingOnAndTheDeclaredActorKept()
      throws Exception {
    headComesBackWithEverything("on-volume", "file:");
    try (var files = Files.list(volumeDir)) {
      assertThat(files).as("the head's store lives in the volume's folder").isNotEmpty();
    }
  }

  /** The scenario both stores must pass. */
  private static void headComesBackWithEverything(String cluster, String storePrefix)
      throws Exception {
    ok(
        kubectl.runWithInput(
            declaredActor(cluster + "-declared", cluster), "apply", "--validate=false", "-f", "-"));
    ok(
        kubectl.run(
            "wait",
            "--for=condition=Ready",
            "rustycluster/" + cluster,
            "--timeout=" + LONG.toSeconds() + "s"));
    await()
        .atMost(LONG)
        .untilAsserted(
            () -> {
              assertThat(kubectl.jsonpath("rustyactor/" + cluster + "-declared", "{.status.state}"))
                  .isEqualTo("ALIVE");
              assertThat(kubectl.jsonpath("rustycluster/" + cluster, "{.status.head.durable}"))
                  .isEqualTo("true");
            });
    String declaredId =
        kubectl.jsonpath("rustyactor/" + cluster + "-declared", "{.status.actorId}");
    String incarnation = kubectl.jsonpath("rustycluster/" + cluster, "{.status.head.incarnation}");

    connect(cluster);
    String counterName = cluster + "-counter";
    ActorHandle<Counter> counter =
        Rusty.actor(Counter::new, 0).setName(counterName).setDetached(true).remote();
    AtomicInteger acknowledged = new AtomicInteger();
    AtomicInteger lastValue = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    // Answers that are not one more than the last: a reset or a lost call shows here.
    AtomicInteger skipped = new AtomicInteger();
    AtomicBoolean going = new AtomicBoolean(true);
    for (int i = 0; i < 5; i++) {
      lastValue.set(counter.task(Counter::increment).remote().get());
      acknowledged.incrementAndGet();
    }
    // Calls go to the actor's worker, not through the head: they go on while the head is away.
    Thread incrementer =
        new Thread(
            () -> {
              while (going.get()) {
                try {
                  int value = counter.task(Counter::increment).remote().get();
                  if (value != lastValue.get() + 1) {
                    skipped.incrementAndGet();
                  }
                  lastValue.set(value);
                  acknowledged.incrementAndGet();
                } catch (RuntimeException e) {
                  failed.incrementAndGet();
                }
              }
            },
            "incrementer");
    incrementer.start();
    String oldHead = headPod(cluster);

    ok(kubectl.run("delete", "pod", oldHead, "--wait=false"));

    await()
        .atMost(LONG)
        .untilAsserted(
            () -> {
              assertThat(headPod(cluster)).isNotEqualTo(oldHead);
              assertThat(kubectl.jsonpath("rustycluster/" + cluster, "{.status.state}"))
                  .isEqualTo("Ready");
              assertThat(
                      Long.parseLong(
                          kubectl.jsonpath(
                              "rustycluster/" + cluster, "{.status.head.incarnation}")))
                  .isGreaterThan(Long.parseLong(incarnation));
            });
    going.set(false);
    incrementer.join(Duration.ofMinutes(1).toMillis());
    Rusty.shutdown();

    // A driver of the new head finds the same actor by name, its count intact.
    connect(cluster);
    ActorHandle<Counter> again = Rusty.<Counter>getActor(counterName).orElseThrow();
    int value = again.task(Counter::get).remote().get();
    System.out.printf(
        "%s: %d increments acknowledged, %d failed, value after the head came back %d%n",
        cluster, acknowledged.get(), failed.get(), value);
    assertThat(skipped.get() - failed.get())
        .as("every answer while the head was away was one more than the last")
        .isLessThanOrEqualTo(0);
    assertThat(value)
        .as("no acknowledged increment is lost and the count was not reset")
        .isGreaterThanOrEqualTo(acknowledged.get())
        // A call that failed on the way back may still have counted.
        .isLessThanOrEqualTo(acknowledged.get() + failed.get());
    assertThat(again.task(Counter::increment).remote().get()).isEqualTo(value + 1);
    Rusty.shutdown();

    assertThat(kubectl.jsonpath("rustyactor/" + cluster + "-declared", "{.status.actorId}"))
        .isEqualTo(declaredId);
    assertThat(kubectl.jsonpath("rustyactor/" + cluster + "-declared", "{.status.restarts}"))
        .isEqualTo("0");
    assertThat(ok(kubectl.run("get", "rustyactors", cluster + "-declared")).output())
        .contains("ALIVE");
    assertThat(kubectl.jsonpath("rustycluster/" + cluster, "{.status.head.store}"))
        .startsWith(storePrefix);
    String events =
        ok(kubectl.run("get", "events", "--field-selector", "involvedObject.name=" + cluster))
            .output();
    assertThat(events).contains("HeadRecovered").contains("head came back (incarnation");
    assertThat(
            ok(kubectl.run(
                    "get",
                    "events",
                    "--field-selector",
                    "involvedObject.name=" + cluster + "-declared"))
                .output())
        .doesNotContain("ActorRecreated");
  }

  private static void connect(String cluster) throws Exception {
    String token =
        new String(
            Base64.getDecoder()
                .decode(kubectl.jsonpath("secret/" + cluster + "-auth", "{.data.token}")),
            StandardCharsets.UTF_8);
    String headIp = kubectl.jsonpath("rustycluster/" + cluster, "{.status.head.podIP}");
    // In the suite's Kubernetes namespace, where its RustyActors' actors live too.
    Rusty.init(headIp + ":6379", token, NS);
  }
}
