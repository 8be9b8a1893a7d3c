package io.rustyray.e2e.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.rustyray.e2e.harness.LocalControlPlane;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The install paths on the real local control plane (kube-apiserver 1.20), as a user takes them
 * with a current kubectl: the Kustomize base is applied with {@code kubectl apply -k}; the operator
 * then runs with nothing but its ServiceAccount's token (so with no more rights than the base's
 * RBAC grants) and the env of the base's Deployment, and completes the end-to-end scenario; the
 * Helm chart's output passes a server-side dry run; the README's uninstall leaves no pods behind.
 *
 * <p>The Deployment's pod itself is not started: this machine has no container engine, so the
 * operator runs as a process with the pod's identity instead.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InstallOnControlPlaneIT {
  private static final String OPERATOR_NS = "rustyray-system";
  private static final String NS = "install-proof";
  private static final Duration LONG = Duration.ofMinutes(5);
  private static final LocalControlPlane controlPlane = new LocalControlPlane();
  private static InstallTools tools;
  private static Path operatorLog;

  @BeforeAll
  static void bringUp() throws Exception {
    tools = InstallTools.get();
    controlPlane.up();
  }

  @AfterAll
  static void tearDown() throws Exception {
    controlPlane.stopOperator();
    kubectl("delete", "namespace", NS, "--ignore-not-found", "--wait=false");
    controlPlane.close();
  }

  /** kubectl v1.33 as admin, as the user installing the operator. */
  private static LocalControlPlane.Result kubectl(String... args) throws Exception {
    return kubectlAs(controlPlane.kubeconfig(), args);
  }

  private static LocalControlPlane.Result kubectlAs(String kubeconfig, String... args)
      throws Exception {
    return kubectlRun(kubeconfig, null, args);
  }

  /** kubectl v1.33 with a kubeconfig, reading {@code input} (or nothing) on stdin. */
  private static LocalControlPlane.Result kubectlRun(
      String kubeconfig, String input, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(tools.kubectl(), "--kubeconfig=" + kubeconfig));
    cmd.addAll(List.of(args));
    return LocalControlPlane.run(Duration.ofMinutes(3), Map.of(), input, cmd);
  }

  private static LocalControlPlane.Result ok(LocalControlPlane.Result r) {
    assertThat(r.exitCode()).as(r.output()).isZero();
    return r;
  }

  private static String jsonpath(String resource, String path) throws Exception {
    LocalControlPlane.Result r = kubectl("-n", NS, "get", resource, "-o", "jsonpath=" + path);
    return r.exitCode() == 0 ? r.output().trim() : "";
  }

  private static String example(String file) {
    return tools.repo().resolve("examples").resolve(file).toString();
  }

  @Test
  @Order(1)
  void kubectlApplyKInstallsTheBase() throws Exception {
    // A namespace left terminating by an earlier run takes no new objects until it is gone.
    await()
        .atMost(LONG)
        .until(() -> !kubectl("get", "namespace", OPERATOR_NS).output().contains("Terminating"));
    // Kubernetes before 1.25 does not know the CRDs' CEL rules, so the client cannot validate them.
    ok(
        kubectl(
            "apply",
            "-k",
            tools.repo().resolve("deploy/kustomize/base").toString(),
            "--validate=false"));

    assertThat(ok(kubectl("get", "crds", "-o", "name")).output())
        .contains("rustyclusters.rustyray.io", "rustyactors.rustyray.io", "rustyjobs.rustyray.io");
    assertThat(
            ok(kubectl("-n", OPERATOR_NS, "get", "deployment,serviceaccount,service", "-o", "name"))
                .output())
        .contains(
            "deployment.apps/rustyray-operator",
            "serviceaccount/rustyray-operator",
            "service/rustyray-operator-metrics");
  }

  @Test
  @Order(2)
  void theServiceAccountHasTheBasesRightsAndNoOthers() throws Exception {
    String sa = serviceAccountKubeconfig();

    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("create pods -n " + NS, "yes");
    expected.put("patch rustyactors.rustyray.io/status -n " + NS, "yes");
    expected.put("create rustyclusters.rustyray.io -n " + NS, "yes");
    expected.put("create leases.coordination.k8s.io -n " + OPERATOR_NS, "yes");
    expected.put("create rustyactors.rustyray.io -n " + NS, "no");
    expected.put("create leases.coordination.k8s.io -n " + NS, "no");
    expected.put("delete configmaps -n " + NS, "no");
    expected.put("list nodes", "no");
    expected.put("create deployments.apps -n " + NS, "no");
    expected.put("get customresourcedefinitions.apiextensions.k8s.io", "no");
    for (var e : expected.entrySet()) {
      List<String> args = new ArrayList<>(List.of("auth", "can-i"));
      args.addAll(List.of(e.getKey().split(" ")));
      String answer = kubectlAs(sa, args.toArray(String[]::new)).output().trim();
      assertThat(answer.lines().reduce((a, b) -> b).orElse(""))
          .as("can the operator's ServiceAccount " + e.getKey() + "?")
          .isEqualTo(e.getValue());
    }
  }

  @Test
  @Order(3)
  void theOperatorWithOnlyItsServiceAccountsTokenRunsTheScenario() throws Exception {
    operatorLog =
        controlPlane.startOperator(
            serviceAccountKubeconfig(), deploymentEnv("deploy/kustomize/base"));
    ok(kubectl("create", "namespace", NS));

    ok(kubectl("-n", NS, "apply", "-f", example("cluster.yaml")));
    ok(kubectl("-n", NS, "wait", "--for=condition=Ready", "rustycluster/demo", "--timeout=300s"));

    ok(kubectl("-n", NS, "apply", "-f", example("counter-actor.yaml")));
    await()
        .atMost(LONG)
        .until(() -> jsonpath("rustyactor/counter", "{.status.state}").equals("ALIVE"));

    // A job with its own cluster: the operator creates that RustyCluster and deletes it after.
    ok(kubectl("-n", NS, "apply", "-f", example("pi-job.yaml")));
    ok(kubectl("-n", NS, "wait", "--for=condition=Complete", "rustyjob/pi", "--timeout=600s"));
    assertThat(jsonpath("rustyjob/pi", "{.status.jobStatus}")).isEqualTo("SUCCEEDED");
    await()
        .atMost(LONG)
        .until(() -> jsonpath("rustycluster/pi-cluster", "{.metadata.name}").isEmpty());

    assertThat(Files.readString(operatorLog))
        .as("the operator was never refused by RBAC (log %s)", operatorLog)
        .doesNotContainIgnoringCase("forbidden");
  }

  @Test
  @Order(4)
  void theHelmChartsOutputPassesAServerSideDryRun() throws Exception {
    // A namespace of its own: the chart's selectors differ from the base's (they add the release),
    // and a Deployment's selector cannot change, so Helm and the base do not share a namespace.
    String ns = "rustyray-helm";
    ok(kubectl("create", "namespace", ns));
    try {
      String rendered =
          tools.helm(
              "template",
              "rustyray-operator",
              tools.repo().resolve("deploy/helm/rustyray-operator").toString(),
              "--namespace",
              ns,
              "--include-crds");

      LocalControlPlane.Result dryRun =
          kubectlWithInput(rendered, "apply", "--dry-run=server", "--validate=false", "-f", "-");

      assertThat(dryRun.exitCode()).as(dryRun.output()).isZero();
      assertThat(dryRun.output())
          .contains(
              "deployment.apps/rustyray-operator created (server dry run)",
              "serviceaccount/rustyray-operator created (server dry run)",
              "role.rbac.authorization.k8s.io/rustyray-operator-leader-election created (server"
                  + " dry run)",
              "service/rustyray-operator-metrics created (server dry run)");
    } finally {
      kubectl("delete", "namespace", ns, "--wait=false");
    }
  }

  @Test
  @Order(5)
  void uninstallingAsTheReadmeSaysLeavesNoPodsBehind() throws Exception {
    // First the custom resources, while the operator still runs (it kills the actors; the
    // garbage collector removes the clusters' pods), then the install itself.
    ok(
        kubectl(
            "delete",
            "rustyjobs,rustyactors,rustyclusters",
            "--all",
            "--all-namespaces",
            "--wait=true",
            "--timeout=180s"));
    await()
        .atMost(LONG)
        .until(
            () ->
                ok(kubectl(
                        "get",
                        "pods",
                        "--all-namespaces",
                        "-l",
                        "rustyray.io/cluster",
                        "-o",
                        "name"))
                    .output()
                    .isBlank());
    assertThat(controlPlane.stopOperator())
        .as("the operator, leader of its Lease, stops on SIGTERM within 30 s")
        .isTrue();
    ok(
        kubectl(
            "delete",
            "-k",
            tools.repo().resolve("deploy/kustomize/base").toString(),
            "--wait=true",
            "--timeout=180s"));

    assertThat(ok(kubectl("get", "crds", "-o", "name")).output())
        .doesNotContain(
            "rustyclusters.rustyray.io", "rustyactors.rustyray.io", "rustyjobs.rustyray.io");
    assertThat(kubectl("get", "namespace", OPERATOR_NS).output()).contains("NotFound");
  }

  @Test
  @Order(6)
  void theSingleNamespaceOverlayWatchesItsNamespaceWithARoleOnly() throws Exception {
    String overlay = "deploy/kustomize/overlays/single-namespace";
    String solo =
        """
        apiVersion: rustyray.io/v1alpha1
        kind: RustyCluster
        metadata: {name: solo}
        spec:
          workerGroups: [{name: cpu, replicas: 1}]
        """;
    ok(kubectl("apply", "-k", tools.repo().resolve(overlay).toString(), "--validate=false"));
    assertThat(ok(kubectl("get", "clusterroles,clusterrolebindings", "-o", "name")).output())
        .doesNotContain("/rustyray-operator");
    ok(kubectl("create", "namespace", NS + "-other"));
    try {
      controlPlane.startOperator(serviceAccountKubeconfig(), deploymentEnv(overlay));

      ok(kubectlWithInput(solo, "-n", "rustyray-workloads", "apply", "-f", "-"));
      ok(kubectlWithInput(solo, "-n", NS + "-other", "apply", "-f", "-"));
      ok(
          kubectl(
              "-n",
              "rustyray-workloads",
              "wait",
              "--for=condition=Ready",
              "rustycluster/solo",
              "--timeout=300s"));

      assertThat(
              kubectl("-n", NS + "-other", "get", "rustycluster/solo", "-o", "jsonpath={.status}")
                  .output())
          .as("a cluster outside the watched namespace is left alone")
          .isBlank();
      assertThat(ok(kubectl("-n", NS + "-other", "get", "pods", "-o", "name")).output()).isBlank();

      ok(
          kubectl(
              "-n",
              "rustyray-workloads",
              "delete",
              "rustycluster/solo",
              "--wait=true",
              "--timeout=180s"));
    } finally {
      controlPlane.stopOperator();
      kubectl("delete", "namespace", NS + "-other", "--wait=false");
      kubectl("delete", "-k", tools.repo().resolve(overlay).toString(), "--timeout=180s");
    }
  }

  private static LocalControlPlane.Result kubectlWithInput(String input, String... args)
      throws Exception {
    return kubectlRun(controlPlane.kubeconfig(), input, args);
  }

  /** A kubeconfig holding only a token of the base's ServiceAccount, as the pod would have. */
  private static String serviceAccountKubeconfig() throws Exception {
    String token =
        ok(kubectl("-n", OPERATOR_NS, "create", "token", "rustyray-operator", "--duration=2h"))
            .output()
            .trim();
    Path file = controlPlane.stateDir().resolve("operator-sa.kubeconfig");
    Files.copy(
        Path.of(controlPlane.kubeconfig()),
        file,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    String kc = file.toString();
    ok(kubectlAs(kc, "config", "set-credentials", "rustyray-operator", "--token=" + token));
    ok(
        kubectlAs(
            kc,
            "config",
            "set-context",
            "--current",
            "--user=rustyray-operator",
            "--namespace=" + OPERATOR_NS));
    return kc;
  }

  /** The env of the base's operator container, with fieldRefs resolved as the kubelet would. */
  private static Map<String, String> deploymentEnv(String kustomization) throws Exception {
    Deployment d =
        InstallTools.only(InstallTools.objects(tools.kustomize(kustomization)), Deployment.class);
    Map<String, String> env = new LinkedHashMap<>();
    for (EnvVar e : d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()) {
      if (e.getValue() != null) {
        env.put(e.getName(), e.getValue());
      } else if (e.getValueFrom() != null
          && e.getValueFrom().getFieldRef() != null
          && e.getValueFrom().getFieldRef().getFieldPath().equals("metadata.namespace")) {
        env.put(e.getName(), d.getMetadata().getNamespace());
      } else {
        throw new AssertionError("the test cannot resolve env " + e.getName());
      }
    }
    return env;
  }
}
