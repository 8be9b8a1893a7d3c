package io.rustyray.e2e.suite;

import static io.rustyray.e2e.harness.Kubectl.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.rustyray.api.ActorHandle;
import io.rustyray.api.Rusty;
import io.rustyray.e2e.harness.Kubectl;
import io.rustyray.e2e.harness.LocalControlPlane;
import io.rustyray.examples.Counter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * What a user sees, on a real kube-apiserver with pods run as local processes by the kubelet: the
 * operator turns the example manifests into a running cluster, a live actor and jobs, and the
 * status tells the truth through failures. One scenario on one cluster, step by step; each step's
 * name says what it proves.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RustyRayE2E {
  private static final Duration LONG = Duration.ofMinutes(5);
  private static final String NS = "e2e-" + UUID.randomUUID().toString().substring(0, 6);
  private static final LocalControlPlane controlPlane = new LocalControlPlane();
  private static final Kubectl kubectl = new Kubectl(controlPlane, NS);

  @BeforeAll
  static void bringUp() throws Exception {
    controlPlane.up();
    controlPlane.applyCrds();
    ok(controlPlane.kubectl("create", "namespace", NS));
    controlPlane.startOperator();
  }

  @AfterAll
  static void tearDown() throws Exception {
    Rusty.shutdown();
    controlPlane.kubectl("delete", "namespace", NS, "--wait=false");
    controlPlane.close();
  }

  private static List<String> pods(String selector) throws Exception {
    String names =
        ok(kubectl.run("get", "pods", "-l", selector, "-o", "jsonpath={.items[*].metadata.name}"))
            .output();
    return names.isBlank() ? List.of() : List.of(names.trim().split("\\s+"));
  }

  private static String example(String file) {
    return controlPlane.repo().resolve("examples").resolve(file).toString();
  }

  @Test
  @Order(1)
  void exampleClusterBecomesReadyAndKubectlWaitSeesIt() throws Exception {
    ok(kubectl.run("apply", "-f", example("cluster.yaml")));

    ok(kubectl.run("wait", "--for=condition=Ready", "rustycluster/demo", "--timeout=300s"));

    assertThat(ok(kubectl.run("get", "rustyclusters")).output())
        .containsPattern("demo\\s+Ready\\s+2\\s+2");
    assertThat(pods("rustyray.io/cluster=demo")).hasSize(3);
    await()
        .atMost(Duration.ofSeconds(30))
        .alias("the two workers, as the head's GCS counts them (the head runs no work)")
        .until(() -> kubectl.jsonpath("rustycluster/demo", "{.status.nodesAlive}").equals("2"));
  }

  @Test
  @Order(2)
  void exampleActorIsAliveWithItsNodeAndRestartCount() throws Exception {
    ok(kubectl.run("apply", "-f", example("counter-actor.yaml")));

    await()
        .atMost(LONG)
        .untilAsserted(
            () ->
                assertThat(ok(kubectl.run("get", "rustyactors")).output())
                    .containsPattern("counter\\s+demo\\s+ALIVE\\s+demo-\\S+\\s+0"));
  }

  @Test
  @Order(3)
  void sdkClientReachesTheActorAndSeesItsState() throws Exception {
    String headIp = kubectl.jsonpath("rustycluster/demo", "{.status.head.podIP}");
    String token =
        new String(
            Base64.getDecoder().decode(kubectl.jsonpath("secret/demo-auth", "{.data.token}")),
            StandardCharsets.UTF_8);

    // In the namespace of the RustyActors: the operator creates their actors in it.
    Rusty.init(headIp + ":6379", token, NS);
    ActorHandle<Counter> counter = Rusty.<Counter>getActor("counter").orElseThrow();

    assertThat(counter.task(Counter::increment).remote().get(Duration.ofSeconds(30))).isEqualTo(11);
    assertThat(counter.task(Counter::get).remote().get(Duration.ofSeconds(30))).isEqualTo(11);
    Rusty.shutdown();
  }

  @Test
  @Order(4)
  void deletingTheWorkerPodThatHostsTheActorRestartsItAndStatusShowsIt() throws Exception {
    String node = kubectl.jsonpath("rustyactor/counter", "{.status.node}");
    assertThat(node).startsWith("demo-cpu-");
    // A watch sees every status the operator writes, however short-lived.
    List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (KubernetesClient client =
            new KubernetesClientBuilder()
                .withConfig(
                    Config.fromKubeconfig(
                        java.nio.file.Files.readString(
                            java.nio.file.Path.of(controlPlane.kubeconfig()))))
                .build();
        Watch watch =
            client
                .genericKubernetesResources("rustyray.io/v1alpha1", "RustyActor")
                .inNamespace(NS)
                .withName("counter")
                .watch(
                    new Watcher<GenericKubernetesResource>() {
                      @Override
                      public void eventReceived(Action action, GenericKubernetesResource actor) {
                        Object status = actor.getAdditionalProperties().get("status");
                        if (status instanceof java.util.Map<?, ?> m) {
                          seen.add(m.get("state") + "/" + m.get("restarts"));
                        }
                      }

                      @Override
                      public void onClose(WatcherException cause) {}
                    })) {
      ok(kubectl.run("delete", "pod", node, "--wait=false"));

      await()
          .atMost(LONG)
          .until(
              () ->
                  kubectl.jsonpath("rustyactor/counter", "{.status.state}").equals("ALIVE")
                      && kubectl.jsonpath("rustyactor/counter", "{.status.restarts}").equals("1"));
      Thread.sleep(1_000);
    }
    // The runtime places the restarted actor within milliseconds, so the operator may write
    // RESTARTING/1 or go straight to ALIVE/1 in one reconcile; the restart count must move.
    System.out.println("statuses written during the restart: " + seen);
    assertThat(seen).as("statuses written").startsWith("ALIVE/0").endsWith("ALIVE/1");
    assertThat(seen).allMatch(s -> s.equals("ALIVE/0") || s.endsWith("/1"));
    assertThat(kubectl.jsonpath("rustyactor/counter", "{.status.node}")).isNotEqualTo(node);
  }

  @Test
  @Order(5)
  void jobOnTheClusterSucceedsWithStartEndTimesAndLogs() throws Exception {
    ok(
        kubectl.runWithInput(
            """
            apiVersion: rustyray.io/v1alpha1
            kind: RustyJob
            metadata: {name: pi-on-demo}
            spec:
              clusterRef: demo
              entrypoint: {mainClass: io.rustyray.examples.Pi, args: ["20"]}
            """,
            "apply",
            "-f",
            "-"));

    ok(kubectl.run("wait", "--for=condition=Complete", "rustyjob/pi-on-demo", "--timeout=300s"));

    assertThat(kubectl.jsonpath("rustyjob/pi-on-demo", "{.status.jobStatus}"))
        .isEqualTo("SUCCEEDED");
    assertThat(kubectl.jsonpath("rustyjob/pi-on-demo", "{.status.startTime}")).isNotEmpty();
    assertThat(kubectl.jsonpath("rustyjob/pi-on-demo", "{.status.endTime}")).isNotEmpty();
    String jobId = kubectl.jsonpath("rustyjob/pi-on-demo", "{.status.jobId}");
    String headIp = kubectl.jsonpath("rustycluster/demo", "{.status.head.podIP}");
    String token =
        new String(
            Base64.getDecoder().decode(kubectl.jsonpath("secret/demo-auth", "{.data.token}")),
            StandardCharsets.UTF_8);
    LocalControlPlane.Result logs =
        controlPlane.rustyray(
            "job", "logs", "--address", headIp + ":6379", "--token", token, jobId);
    assertThat(logs.output()).contains("Pi is roughly 3.1");
  }

  @Test
  @Order(6)
  void jobWithItsOwnClusterSpecCreatesTheClusterAndRemovesItAfterwards() throws Exception {
    ok(kubectl.run("apply", "-f", example("pi-job.yaml")));

    await()
        .atMost(LONG)
        .until(() -> !kubectl.jsonpath("rustycluster/pi-cluster", "{.metadata.name}").isEmpty());
    ok(kubectl.run("wait", "--for=condition=Complete", "rustyjob/pi", "--timeout=600s"));

    await()
        .atMost(LONG)
        .untilAsserted(
            () -> {
              assertThat(kubectl.jsonpath("rustycluster/pi-cluster", "{.metadata.name}")).isEmpty();
              assertThat(pods("rustyray.io/cluster=pi-cluster")).isEmpty();
            });
  }

  private static void scaleTo(int replicas) throws Exception {
    ok(
        kubectl.run(
            "patch",
            "rustycluster",
            "demo",
            "--type=json",
            "-p",
            "[{\"op\":\"replace\",\"path\":\"/spec/workerGroups/0/replicas\",\"value\":"
                + replicas
                + "}]"));
    await()
        .atMost(LONG)
        .untilAsserted(
            () -> {
              assertThat(pods("rustyray.io/cluster=demo,rustyray.io/group=cpu")).hasSize(replicas);
              assertThat(kubectl.jsonpath("rustycluster/demo", "{.status.readyWorkers}"))
                  .isEqualTo(String.valueOf(replicas));
              assertThat(kubectl.jsonpath("rustycluster/demo", "{.status.state}"))
                  .isEqualTo("Ready");
            });
  }

  @Test
  @Order(7)
  void workerGroupScalesTwoToOneToThreeAndPodsAndStatusFollow() throws Exception {
    scaleTo(1);
    scaleTo(3);
  }

  @Test
  @Order(8)
  void suspendRemovesThePodsAndResumeBringsThemBack() throws Exception {
    ok(
        kubectl.run(
            "patch",
            "rustycluster",
            "demo",
            "--type=merge",
            "-p",
            "{\"spec\":{\"suspend\":true}}"));
    await()
        .atMost(LONG)
        .untilAsserted(
            () -> {
              assertThat(pods("rustyray.io/cluster=demo")).isEmpty();
              assertThat(kubectl.jsonpath("rustycluster/demo", "{.status.state}"))
                  .isEqualTo("Suspended");
            });

    ok(
        kubectl.run(
            "patch",
            "rustycluster",
            "demo",
            "--type=merge",
            "-p",
            "{\"spec\":{\"suspend\":false}}"));

    ok(kubectl.run("wait", "--for=condition=Ready", "rustycluster/demo", "--timeout=300s"));
    await()
        .atMost(LONG)
        .until(() -> kubectl.jsonpath("rustyactor/counter", "{.status.state}").equals("ALIVE"));
  }

  @Test
  @Order(9)
  void manifestsWithAWrongTypeOrAMissingRequiredFieldAreRejectedByTheServer() throws Exception {
    // --validate=false: the server, not kubectl, must refuse them.
    LocalControlPlane.Result wrongType =
        kubectl.runWithInput(
            """
            apiVersion: rustyray.io/v1alpha1
            kind: RustyCluster
            metadata: {name: broken}
            spec:
              workerGroups: [{name: cpu, replicas: "two"}]
            """,
            "apply",
            "--validate=false",
            "-f",
            "-");
    LocalControlPlane.Result missing =
        kubectl.runWithInput(
            """
            apiVersion: rustyray.io/v1alpha1
            kind: RustyActor
            metadata: {name: nameless}
            spec: {clusterRef: demo}
            """,
            "apply",
            "--validate=false",
            "-f",
            "-");

    assertThat(wrongType.exitCode()).isNotZero();
    assertThat(wrongType.output()).contains("spec.workerGroups.replicas").contains("Invalid value");
    assertThat(missing.exitCode()).isNotZero();
    assertThat(missing.output()).contains("spec.className").contains("Required value");
  }

  @Test
  @Order(10)
  void deletedHeadPodIsReplacedWorkersRejoinAndTheActorIsCreatedAgain() throws Exception {
    String oldHead = pods("rustyray.io/cluster=demo,rustyray.io/node-type=head").get(0);

    ok(kubectl.run("delete", "pod", oldHead, "--wait=false"));

    await()
        .atMost(LONG)
        .untilAsserted(
            () -> {
              List<String> heads = pods("rustyray.io/cluster=demo,rustyray.io/node-type=head");
              assertThat(heads).hasSize(1).doesNotContain(oldHead);
              assertThat(kubectl.jsonpath("rustycluster/demo", "{.status.state}"))
                  .isEqualTo("Ready");
              assertThat(kubectl.jsonpath("rustycluster/demo", "{.status.nodesAlive}"))
                  .isEqualTo("3");
              assertThat(kubectl.jsonpath("rustyactor/counter", "{.status.state}"))
                  .isEqualTo("ALIVE");
            });
    assertThat(
            ok(kubectl.run("get", "events", "--field-selector", "involvedObject.name=counter"))
                .output())
        .contains("ActorRecreated");
  }

  @Test
  @Order(11)
  void operatorKilledAndRestartedMidScenarioLosesNothingAndCatchesUp() throws Exception {
    controlPlane.killOperator();
    ok(
        kubectl.run(
            "patch",
            "rustycluster",
            "demo",
            "--type=json",
            "-p",
            "[{\"op\":\"replace\",\"path\":\"/spec/workerGroups/0/replicas\",\"value\":2}]"));

    controlPlane.startOperator();

    await()
        .atMost(LONG)
        .untilAsserted(
            () -> {
              assertThat(pods("rustyray.io/cluster=demo,rustyray.io/group=cpu")).hasSize(2);
              assertThat(kubectl.jsonpath("rustycluster/demo", "{.status.readyWorkers}"))
                  .isEqualTo("2");
              assertThat(kubectl.jsonpath("rustyactor/counter", "{.status.state}"))
                  .isEqualTo("ALIVE");
              assertThat(kubectl.jsonpath("rustyjob/pi-on-demo", "{.status.jobStatus}"))
                  .isEqualTo("SUCCEEDED");
            });
  }

  @Test
  @Order(12)
  void deletingTheClusterGarbageCollectsItsPodsServiceAndSecret() throws Exception {
    ok(kubectl.run("delete", "rustyjob", "pi-on-demo", "--timeout=120s"));
    ok(kubectl.run("delete", "rustyactor", "counter", "--timeout=120s"));
    ok(kubectl.run("delete", "rustycluster", "demo", "--timeout=120s"));

    await()
        .atMost(LONG)
        .untilAsserted(
            () -> {
              assertThat(pods("rustyray.io/cluster=demo")).isEmpty();
              assertThat(kubectl.jsonpath("service/demo-head", "{.metadata.name}")).isEmpty();
              assertThat(kubectl.jsonpath("secret/demo-auth", "{.metadata.name}")).isEmpty();
            });
  }
}
