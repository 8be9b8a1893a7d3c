package io.rustyray.e2e.kubelet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rustyray.e2e.harness.LocalControlPlane;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The process kubelet against a real kube-apiserver (started by {@code e2e/local-cluster.sh up}): a
 * pod with the RustyRay runtime image runs as a local JVM on its own loopback IP, becomes Ready
 * through its readiness probe, serves the runtime's CLI, shows its log through {@code kubectl
 * logs}, and its process is gone once the pod is deleted.
 */
class ProcessKubeletIT {
  private static final LocalControlPlane CONTROL_PLANE = new LocalControlPlane();
  private static final String NS = "kubelet-it-" + UUID.randomUUID().toString().substring(0, 6);

  @BeforeAll
  static void up() throws Exception {
    assertThat(CONTROL_PLANE.repo().resolve("runtime-image/target/quarkus-app/quarkus-run.jar"))
        .as("the runtime must be built first (mvn -B package -DskipTests at the root)")
        .exists();
    CONTROL_PLANE.up();
    assertThat(CONTROL_PLANE.kubectl("create", "namespace", NS).exitCode()).isZero();
  }

  @AfterAll
  static void down() throws Exception {
    CONTROL_PLANE.kubectl("delete", "namespace", NS, "--wait=false");
    CONTROL_PLANE.close();
  }

  @Test
  void runtimeHeadPodRunsOnItsOwnLoopbackIpBecomesReadyAnswersStatusAndIsStoppedOnDelete()
      throws Exception {
    String manifest =
        """
        apiVersion: v1
        kind: Pod
        metadata:
          name: head
          labels: {app: head}
        spec:
          restartPolicy: Never
          terminationGracePeriodSeconds: 30
          containers:
          - name: rustyray
            image: ghcr.io/rustyray/rustyray-runtime:0.1.0
            args: ["start", "--head", "--port", "6379", "--node-ip", "$(POD_IP)"]
            env:
            - name: POD_IP
              valueFrom: {fieldRef: {fieldPath: status.podIP}}
            resources: {requests: {cpu: "1", memory: 512Mi}}
            readinessProbe:
              tcpSocket: {port: 6379}
              periodSeconds: 1
        """;
    assertThat(CONTROL_PLANE.kubectlWithInput(manifest, "apply", "-n", NS, "-f", "-").exitCode())
        .isZero();

    var wait =
        CONTROL_PLANE.kubectl(
            "wait", "-n", NS, "--for=condition=Ready", "pod/head", "--timeout=180s");
    assertThat(wait.exitCode()).as(wait.output()).isZero();

    String podIp = jsonpath("pod/head", "{.status.podIP}");
    assertThat(podIp).startsWith("127.").isNotEqualTo("127.0.0.1");
    assertThat(jsonpath("pod/head", "{.spec.nodeName}")).isEqualTo("local-node-1");
    assertThat(jsonpath("pod/head", "{.status.phase}")).isEqualTo("Running");
    assertThat(jsonpath("pod/head", "{.status.containerStatuses[0].restartCount}")).isEqualTo("0");

    var status = CONTROL_PLANE.rustyray("status", "--address", podIp + ":6379");
    assertThat(status.exitCode()).as(status.output()).isZero();
    assertThat(status.output()).contains(podIp + ":6379").contains("ALIVE");

    var logs = CONTROL_PLANE.kubectl("logs", "-n", NS, "head");
    assertThat(logs.exitCode()).as(logs.output()).isZero();
    assertThat(logs.output()).contains("RustyRay head started").contains(podIp + ":6379");

    long pid =
        Long.parseLong(
            jsonpath("pod/head", "{.status.containerStatuses[0].containerID}")
                .replace("process://", ""));
    Optional<ProcessHandle> process = ProcessHandle.of(pid);
    assertThat(process).as("the pod's process %d", pid).isPresent();
    assertThat(process.get().info().command())
        .hasValueSatisfying(c -> assertThat(c).endsWith("java"));

    var delete = CONTROL_PLANE.kubectl("delete", "-n", NS, "pod/head", "--timeout=120s");
    assertThat(delete.exitCode()).as(delete.output()).isZero();

    assertThat(process.get().isAlive()).as("process %d after the pod was deleted", pid).isFalse();
    var gone = CONTROL_PLANE.kubectl("get", "-n", NS, "pod/head");
    assertThat(gone.output()).contains("NotFound");
  }

  @Test
  void workerPodJoinsTheHeadThroughTheServiceNameAndSecretEnv() throws Exception {
    String manifest =
        """
        apiVersion: v1
        kind: Secret
        metadata: {name: auth}
        stringData: {token: e2e-token}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: gcs}
        spec:
          selector: {role: gcs-head}
          ports: [{name: gcs, port: 6379, targetPort: 6379}]
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: gcs-head
          labels: {role: gcs-head}
        spec:
          restartPolicy: Never
          containers:
          - name: rustyray
            image: ghcr.io/rustyray/rustyray-runtime:0.1.0
            args: ["start", "--head", "--port", "6379", "--node-ip", "$(POD_IP)"]
            env:
            - {name: POD_IP, valueFrom: {fieldRef: {fieldPath: status.podIP}}}
            - {name: RUSTYRAY_TOKEN, valueFrom: {secretKeyRef: {name: auth, key: token}}}
            readinessProbe: {tcpSocket: {port: 6379}, periodSeconds: 1}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: gcs-worker}
        spec:
          restartPolicy: Never
          containers:
          - name: rustyray
            image: ghcr.io/rustyray/rustyray-runtime:0.1.0
            args: ["start", "--address", "gcs.%s.svc:6379", "--port", "6380",
                   "--node-ip", "$(POD_IP)", "--node-id", "$(POD_NAME)"]
            env:
            - {name: POD_IP, valueFrom: {fieldRef: {fieldPath: status.podIP}}}
            - {name: POD_NAME, valueFrom: {fieldRef: {fieldPath: metadata.name}}}
            - {name: RUSTYRAY_TOKEN, valueFrom: {secretKeyRef: {name: auth, key: token}}}
            readinessProbe: {tcpSocket: {port: 6380}, periodSeconds: 1}
        """
            .formatted(NS);
    assertThat(CONTROL_PLANE.kubectlWithInput(manifest, "apply", "-n", NS, "-f", "-").exitCode())
        .isZero();

    var wait =
        CONTROL_PLANE.kubectl(
            "wait",
            "-n",
            NS,
            "--for=condition=Ready",
            "pod/gcs-head",
            "pod/gcs-worker",
            "--timeout=180s");
    assertThat(wait.exitCode()).as(wait.output()).isZero();

    String headIp = jsonpath("pod/gcs-head", "{.status.podIP}");
    String workerIp = jsonpath("pod/gcs-worker", "{.status.podIP}");
    assertThat(workerIp).isNotEqualTo(headIp);
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              var status =
                  CONTROL_PLANE.rustyray(
                      "status", "--address", headIp + ":6379", "--token", "e2e-token");
              assertThat(status.exitCode()).as(status.output()).isZero();
              assertThat(status.output())
                  .containsPattern("gcs-worker +" + workerIp.replace(".", "\\.") + ":6380 +ALIVE");
            });
    CONTROL_PLANE.kubectl("delete", "-n", NS, "pod/gcs-worker", "pod/gcs-head", "--timeout=120s");
  }

  @Test
  void failingContainerIsRestartedPerRestartPolicyAndAFinishedOneEndsThePod() throws Exception {
    String manifest =
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: crashing}
        spec:
          restartPolicy: OnFailure
          containers:
          - name: c
            image: ghcr.io/rustyray/rustyray-runtime:0.1.0
            command: ["sh", "-c", "echo attempt in $(POD_NAME); exit 3"]
            env:
            - {name: POD_NAME, valueFrom: {fieldRef: {fieldPath: metadata.name}}}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: finished}
        spec:
          restartPolicy: Never
          containers:
          - name: c
            image: ghcr.io/rustyray/rustyray-runtime:0.1.0
            command: ["/usr/local/bin/rustyray", "--help"]
        """;
    assertThat(CONTROL_PLANE.kubectlWithInput(manifest, "apply", "-n", NS, "-f", "-").exitCode())
        .isZero();

    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              assertThat(
                      Integer.parseInt(
                          jsonpath("pod/crashing", "{.status.containerStatuses[0].restartCount}")))
                  .isGreaterThanOrEqualTo(2);
              assertThat(jsonpath("pod/finished", "{.status.phase}")).isEqualTo("Succeeded");
            });
    assertThat(
            jsonpath(
                "pod/crashing", "{.status.containerStatuses[0].lastState.terminated.exitCode}"))
        .isEqualTo("3");
    assertThat(jsonpath("pod/crashing", "{.status.phase}")).isEqualTo("Running");
    var previous = CONTROL_PLANE.kubectl("logs", "-n", NS, "crashing", "--previous");
    assertThat(previous.output()).contains("attempt in crashing");
    assertThat(jsonpath("pod/finished", "{.status.containerStatuses[0].state.terminated.exitCode}"))
        .isEqualTo("0");
    assertThat(CONTROL_PLANE.kubectl("logs", "-n", NS, "finished").output())
        .contains("Usage: rustyray");
  }

  @Test
  void deletedPodGetsSigtermAndItsGracePeriodBeforeItIsRemoved() throws Exception {
    String manifest =
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: graceful}
        spec:
          terminationGracePeriodSeconds: 20
          containers:
          - name: c
            image: ghcr.io/rustyray/rustyray-runtime:0.1.0
            command: ["sh", "-c", "trap 'echo got SIGTERM; sleep 2; echo cleaned up; exit 0' TERM; echo started; while true; do sleep 0.2; done"]
        """;
    assertThat(CONTROL_PLANE.kubectlWithInput(manifest, "apply", "-n", NS, "-f", "-").exitCode())
        .isZero();
    var wait =
        CONTROL_PLANE.kubectl(
            "wait", "-n", NS, "--for=condition=Ready", "pod/graceful", "--timeout=60s");
    assertThat(wait.exitCode()).as(wait.output()).isZero();
    java.nio.file.Path podDir;
    try (var dirs = java.nio.file.Files.list(CONTROL_PLANE.stateDir().resolve("kubelet/pods"))) {
      podDir =
          dirs.filter(d -> d.getFileName().toString().startsWith(NS + "_graceful_"))
              .findFirst()
              .orElseThrow();
    }

    var delete = CONTROL_PLANE.kubectl("delete", "-n", NS, "pod/graceful", "--timeout=60s");

    assertThat(delete.exitCode()).as(delete.output()).isZero();
    assertThat(java.nio.file.Files.readString(podDir.resolve("logs/c/0.log")))
        .contains("started\ngot SIGTERM\ncleaned up\n");
  }

  @Test
  void podWithAnImageTheKubeletCannotRunWaitsWithReasonImageNotRunnable() throws Exception {
    String manifest =
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: other-image}
        spec:
          containers: [{name: c, image: busybox:1.36}]
        """;
    assertThat(CONTROL_PLANE.kubectlWithInput(manifest, "apply", "-n", NS, "-f", "-").exitCode())
        .isZero();

    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () ->
                assertThat(
                        jsonpath(
                            "pod/other-image",
                            "{.status.containerStatuses[0].state.waiting.reason}"))
                    .isEqualTo("ImageNotRunnable"));
    assertThat(jsonpath("pod/other-image", "{.status.phase}")).isEqualTo("Pending");
    assertThat(jsonpath("pod/other-image", "{.status.containerStatuses[0].state.waiting.message}"))
        .contains("only runs images matching");
  }

  private static String jsonpath(String object, String path) throws Exception {
    var r = CONTROL_PLANE.kubectl("get", "-n", NS, object, "-o", "jsonpath=" + path);
    assertThat(r.exitCode()).as(r.output()).isZero();
    return r.output().trim();
  }
}
