package io.rustyray.e2e.suite;

import static io.rustyray.e2e.harness.Kubectl.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rustyray.api.ActorHandle;
import io.rustyray.api.Rusty;
import io.rustyray.e2e.harness.Kubectl;
import io.rustyray.e2e.harness.LocalControlPlane;
import io.rustyray.e2e.harness.RedisServer;
import io.rustyray.examples.DurableCounter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Durable actors, on a real kube-apiserver with pods as processes, as a user sees them: the
 * DurableCounter example, declared by its manifest with a checkpoint after every call, keeps its
 * value when the worker pod that hosts it is deleted; and a durable actor on a head that runs work
 * and keeps its tables in Redis keeps its value when the head pod is deleted (the instance dies
 * with the head, the new head finds the checkpoint in the store). Each time the value is read
 * through the SDK, {@code kubectl get rustyactors} counts the restore, and a Restored Event tells
 * which checkpoint the new instance started from.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DurableActorE2E {
  private static final Duration LONG = Duration.ofMinutes(5);
  private static final Duration CALL = Duration.ofSeconds(30);
  private static final String NS = "durable-actor-" + UUID.randomUUID().toString().substring(0, 6);
  private static final String REDIS_PASSWORD = "e2e-" + UUID.randomUUID();
  private static final LocalControlPlane controlPlane = new LocalControlPlane();
  private static final Kubectl kubectl = new Kubectl(controlPlane, NS);
  private static RedisServer redis;

  @BeforeAll
  static void bringUp() throws Exception {
    controlPlane.up();
    controlPlane.applyCrds();
    ok(controlPlane.kubectl("create", "namespace", NS));
    redis = RedisServer.start(controlPlane.stateDir().resolve("redis").resolve(NS), REDIS_PASSWORD);
    ok(
        kubectl.run(
            "create", "secret", "generic", "redis", "--from-literal=password=" + REDIS_PASSWORD));
    controlPlane.startOperator();
  }

  @AfterEach
  void disconnect() {
    Rusty.shutdown();
  }

  @AfterAll
  static void tearDown() throws Exception {
    Rusty.shutdown();
    controlPlane.kubectl("delete", "namespace", NS, "--wait=false");
    if (redis != null) {
      redis.close();
    }
    controlPlane.close();
  }

  private static String example(String file) {
    return controlPlane.repo().resolve("examples").resolve(file).toString();
  }

  @Test
  @Order(1)
  void theDurableCounterExampleKeepsItsValueWhenThePodOfItsWorkerIsDeleted() throws Exception {
    ok(kubectl.run("apply", "-f", example("cluster.yaml")));
    ok(kubectl.run("apply", "-f", example("durable-counter-actor.yaml")));
    ok(kubectl.run("wait", "--for=condition=Ready", "rustycluster/demo", "--timeout=300s"));
    awaitAlive("durable-counter");
    assertThat(kubectl.jsonpath("rustyactor/durable-counter", "{.status.durable}"))
        .isEqualTo("every call");
    connect("demo");
    ActorHandle<DurableCounter> counter =
        Rusty.<DurableCounter>getActor("durable-counter").orElseThrow();
    for (int i = 0; i < 5; i++) {
      counter.task(DurableCounter::increment).remote().get(CALL);
    }
    String node = kubectl.jsonpath("rustyactor/durable-counter", "{.status.node}");
    assertThat(node).startsWith("demo-cpu-");

    ok(kubectl.run("delete", "pod", node, "--wait=false"));

    awaitRestored("durable-counter");
    assertThat(kubectl.jsonpath("rustyactor/durable-counter", "{.status.node}")).isNotEqualTo(node);
    ActorHandle<DurableCounter> again =
        Rusty.<DurableCounter>getActor("durable-counter").orElseThrow();
    assertThat(again.task(DurableCounter::get).remote().get(CALL))
        .as("every acknowledged increment is in the restored instance")
        .isEqualTo(5);
    assertThat(again.task(DurableCounter::increment).remote().get(CALL)).isEqualTo(6);
    assertRestoreShown("durable-counter", "demo", 5);
  }

  @Test
  @Order(2)
  void aDurableActorOnAHeadWithARedisStoreKeepsItsValueWhenTheHeadPodIsDeleted() throws Exception {
    ok(kubectl.runWithInput(headOnRedis("on-redis"), "apply", "--validate=false", "-f", "-"));
    ok(
        kubectl.runWithInput(
            durableCounter("head-counter", "on-redis"), "apply", "--validate=false", "-f", "-"));
    ok(kubectl.run("wait", "--for=condition=Ready", "rustycluster/on-redis", "--timeout=300s"));
    awaitAlive("head-counter");
    String oldHead = headPod("on-redis");
    assertThat(kubectl.jsonpath("rustyactor/head-counter", "{.status.node}"))
        .as("the head is the cluster's only node")
        .isEqualTo(oldHead);
    String incarnation = kubectl.jsonpath("rustycluster/on-redis", "{.status.head.incarnation}");
    connect("on-redis");
    ActorHandle<DurableCounter> counter =
        Rusty.<DurableCounter>getActor("head-counter").orElseThrow();
    for (int i = 0; i < 7; i++) {
      counter.task(DurableCounter::increment).remote().get(CALL);
    }
    Rusty.shutdown();

    ok(kubectl.run("delete", "pod", oldHead, "--wait=false"));

    await()
        .atMost(LONG)
        .untilAsserted(
            () -> {
              assertThat(headPod("on-redis")).isNotEqualTo(oldHead);
              assertThat(
                      Long.parseLong(
                          kubectl.jsonpath("rustycluster/on-redis", "{.status.head.incarnation}")))
                  .isGreaterThan(Long.parseLong(incarnation));
            });
    awaitRestored("head-counter");
    assertThat(kubectl.jsonpath("rustyactor/head-counter", "{.status.node}"))
        .isEqualTo(headPod("on-redis"));
    // A driver of the new head finds the actor by name, its count read from the store.
    connect("on-redis");
    ActorHandle<DurableCounter> again =
        Rusty.<DurableCounter>getActor("head-counter").orElseThrow();
    assertThat(again.task(DurableCounter::get).remote().get(CALL))
        .as("every acknowledged increment is in the instance the new head restored")
        .isEqualTo(7);
    assertThat(again.task(DurableCounter::increment).remote().get(CALL)).isEqualTo(8);
    assertRestoreShown("head-counter", "on-redis", 7);
  }

  /** What kubectl shows of a restore: ALIVE, durable, restores counted, and the Event. */
  private static void assertRestoreShown(String actor, String cluster, long calls)
      throws Exception {
    assertThat(Integer.parseInt(kubectl.jsonpath("rustyactor/" + actor, "{.status.restores}")))
        .isGreaterThanOrEqualTo(1);
    assertThat(ok(kubectl.run("get", "rustyactors", actor)).output())
        .containsPattern(actor + "\\s+" + cluster + "\\s+ALIVE\\s+\\S+\\s+\\d+\\s+every call\\s");
    String events =
        ok(kubectl.run(
                "get",
                "events",
                "--field-selector",
                "involvedObject.name=" + actor + ",reason=Restored",
                "-o",
                "jsonpath={range .items[*]}{.type} {.message}{\"\\n\"}{end}"))
            .output();
    System.out.println(actor + ": " + events.trim());
    assertThat(events)
        .containsPattern(
            "Normal instance restored from the checkpoint of call "
                + calls
                + " taken at \\S+Z \\(restore \\d+\\)");
  }

  private static void awaitAlive(String actor) {
    await()
        .atMost(LONG)
        .untilAsserted(
            () ->
                assertThat(kubectl.jsonpath("rustyactor/" + actor, "{.status.state}"))
                    .isEqualTo("ALIVE"));
  }

  private static void awaitRestored(String actor) {
    await()
        .atMost(LONG)
        .untilAsserted(
            () -> {
              assertThat(kubectl.jsonpath("rustyactor/" + actor, "{.status.restores}"))
                  .isNotIn("", "0");
              assertThat(kubectl.jsonpath("rustyactor/" + actor, "{.status.state}"))
                  .isEqualTo("ALIVE");
            });
  }

  // kubectl 1.20 validates against the server's OpenAPI, which lags behind a CRD just applied;
  // the server validates the manifests all the same.
  private static String headOnRedis(String name) {
    return """
        apiVersion: rustyray.io/v1alpha1
        kind: RustyCluster
        metadata:
          name: %s
        spec:
          head:
            runsWork: true
            gcsStore:
              redis:
                address: %s
                db: 2
                passwordSecretRef:
                  name: redis
                  key: password
        """
        .formatted(name, redis.address());
  }

  private static String durableCounter(String name, String cluster) {
    return """
        apiVersion: rustyray.io/v1alpha1
        kind: RustyActor
        metadata:
          name: %s
        spec:
          clusterRef: %s
          className: io.rustyray.examples.DurableCounter
          args: [0]
          maxRestarts: -1
          checkpoint:
            everyCall: true
        """
        .formatted(name, cluster);
  }

  private static String headPod(String cluster) throws Exception {
    String names =
        ok(kubectl.run(
                "get",
                "pods",
                "-l",
                "rustyray.io/cluster=" + cluster + ",rustyray.io/node-type=head",
                "-o",
                "jsonpath={.items[*].metadata.name}"))
            .output()
            .trim();
    List<String> heads = names.isEmpty() ? List.of() : List.of(names.split("\\s+"));
    assertThat(heads).hasSize(1);
    return heads.get(0);
  }

  private static void connect(String cluster) throws Exception {
    String token =
        new String(
            Base64.getDecoder()
                .decode(kubectl.jsonpath("secret/" + cluster + "-auth", "{.data.token}")),
            StandardCharsets.UTF_8);
    String headIp = kubectl.jsonpath("rustycluster/" + cluster, "{.status.head.podIP}");
    // In the namespace of the RustyActors: the operator creates their actors in it.
    Rusty.init(headIp + ":6379", token, NS);
  }
}
