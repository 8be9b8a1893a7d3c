package io.rustyray.e2e.suite;

import static io.rustyray.e2e.harness.Kubectl.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rustyray.e2e.harness.Kubectl;
import io.rustyray.e2e.harness.LocalControlPlane;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
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
 * A RustyJob's life as a user drives it with kubectl, on a real kube-apiserver with pods run as
 * local processes: a job deleted and applied again runs again, and deleting a running job stops its
 * driver on the head before the resource goes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RustyJobLifecycleE2E {
  private static final Duration LONG = Duration.ofMinutes(5);
  private static final String NS = "jobs-" + UUID.randomUUID().toString().substring(0, 6);
  private static final LocalControlPlane controlPlane = new LocalControlPlane();
  private static final Kubectl kubectl = new Kubectl(controlPlane, NS);

  @BeforeAll
  static void bringUp() throws Exception {
    controlPlane.up();
    controlPlane.applyCrds();
    ok(controlPlane.kubectl("create", "namespace", NS));
    controlPlane.startOperator();
    ok(
        kubectl.runWithInput(
            """
            apiVersion: rustyray.io/v1alpha1
            kind: RustyCluster
            metadata: {name: runner}
            spec:
              workerGroups:
                - name: cpu
                  replicas: 1
            """,
            "apply",
            "-f",
            "-"));
    ok(kubectl.run("wait", "--for=condition=Ready", "rustycluster/runner", "--timeout=300s"));
  }

  @AfterAll
  static void tearDown() throws Exception {
    controlPlane.kubectl("delete", "namespace", NS, "--wait=false");
    controlPlane.close();
  }

  private static void applyJob(String name, String mainClass, String arg) throws Exception {
    ok(
        kubectl.runWithInput(
            """
            apiVersion: rustyray.io/v1alpha1
            kind: RustyJob
            metadata: {name: %s}
            spec:
              clusterRef: runner
              entrypoint: {mainClass: %s, args: ["%s"]}
            """
                .formatted(name, mainClass, arg),
            "apply",
            "-f",
            "-"));
  }

  /** The runtime's CLI, pointed at the runner cluster's head as a user would. */
  private static LocalControlPlane.Result onHead(String... args) throws Exception {
    String headIp = kubectl.jsonpath("rustycluster/runner", "{.status.head.podIP}");
    String token =
        new String(
            Base64.getDecoder().decode(kubectl.jsonpath("secret/runner-auth", "{.data.token}")),
            StandardCharsets.UTF_8);
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--address", headIp + ":6379", "--token", token));
    return controlPlane.rustyray(all.toArray(String[]::new));
  }

  @Test
  @Order(1)
  void aJobDeletedAndAppliedAgainWithOtherArgsRunsAgainAsANewJob() throws Exception {
    applyJob("pi", "io.rustyray.examples.Pi", "20");
    ok(kubectl.run("wait", "--for=condition=Complete", "rustyjob/pi", "--timeout=300s"));
    String first = kubectl.jsonpath("rustyjob/pi", "{.status.jobId}");
    assertThat(ok(onHead("job", "logs", first)).output()).contains("(20 tasks");

    ok(kubectl.run("delete", "rustyjob", "pi", "--timeout=120s"));
    applyJob("pi", "io.rustyray.examples.Pi", "30");
    ok(kubectl.run("wait", "--for=condition=Complete", "rustyjob/pi", "--timeout=300s"));

    String second = kubectl.jsonpath("rustyjob/pi", "{.status.jobId}");
    assertThat(second).isNotEmpty().isNotEqualTo(first);
    assertThat(kubectl.jsonpath("rustyjob/pi", "{.status.jobStatus}")).isEqualTo("SUCCEEDED");
    assertThat(kubectl.jsonpath("rustyjob/pi", "{.status.attempts}")).isEqualTo("1");
    assertThat(ok(onHead("job", "logs", second)).output()).contains("(30 tasks");
  }

  @Test
  @Order(2)
  void deletingARunningJobStopsItsDriverOnTheHeadAndTheResourceGoes() throws Exception {
    applyJob("countdown", "io.rustyray.examples.Countdown", "600");
    await()
        .atMost(LONG)
        .alias("the head reports the driver running")
        .until(
            () -> "RUNNING".equals(kubectl.jsonpath("rustyjob/countdown", "{.status.jobStatus}")));
    String jobId = kubectl.jsonpath("rustyjob/countdown", "{.status.jobId}");
    assertThat(ok(onHead("job", "status", jobId)).output()).contains("RUNNING");

    ok(kubectl.run("delete", "rustyjob", "countdown", "--timeout=120s"));

    assertThat(kubectl.run("get", "rustyjob", "countdown").output()).contains("NotFound");
    assertThat(ok(onHead("job", "status", jobId)).output()).contains(jobId + ": STOPPED");
  }
}
