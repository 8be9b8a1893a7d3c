package io.rustyray.e2e.install;

import static io.rustyray.e2e.install.HelmChart.NAMESPACE;
import static io.rustyray.e2e.install.HelmChart.RELEASE;
import static io.rustyray.e2e.install.HelmChart.deployment;
import static io.rustyray.e2e.install.HelmChart.operator;
import static io.rustyray.e2e.install.Manifests.named;
import static io.rustyray.e2e.install.Manifests.namespacesOf;
import static io.rustyray.e2e.install.Manifests.ofKind;
import static io.rustyray.e2e.install.Manifests.refs;
import static io.rustyray.e2e.install.Manifests.subjects;
import static io.rustyray.e2e.install.Manifests.the;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.rustyray.e2e.install.Manifests.Ref;
import io.rustyray.e2e.install.RbacRules.Grant;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The values of the Helm chart {@code deploy/helm/rustyray-operator}: each changes only what it
 * names, and combinations that cannot work are refused ({@link HelmChartTest}: the defaults).
 */
class HelmChartValuesTest {
  private static InstallTools tools;

  @BeforeAll
  static void fetchHelm() throws IOException {
    tools = InstallTools.get();
  }

  @Test
  void watchingNamespacesGrantsRolesInThoseNamespacesOnly() throws IOException {
    Set<Grant> operatorRights =
        RbacRules.ofRole(
            InstallTools.objects(tools.kustomize("deploy/kustomize/base")),
            "ClusterRole",
            "rustyray-operator");

    List<HasMetadata> chart = render("--set", "watchNamespaces={team-a,team-b}");

    assertThat(ofKind(chart, "ClusterRole")).isEmpty();
    assertThat(ofKind(chart, "ClusterRoleBinding")).isEmpty();
    assertThat(namespacesOf(named(ofKind(chart, "Role"), RELEASE)))
        .containsExactlyInAnyOrder("team-a", "team-b");
    assertThat(namespacesOf(named(ofKind(chart, "RoleBinding"), RELEASE)))
        .containsExactlyInAnyOrder("team-a", "team-b");
    for (String watched : List.of("team-a", "team-b")) {
      assertThat(
              RbacRules.missingAndExtra(
                  operatorRights, grants(the(chart, "Role", watched, RELEASE))))
          .as("Role %s/%s grants", watched, RELEASE)
          .isEmpty();
      RoleBinding binding = (RoleBinding) the(chart, "RoleBinding", watched, RELEASE);
      assertThat(binding.getRoleRef().getKind()).isEqualTo("Role");
      assertThat(binding.getRoleRef().getName()).isEqualTo(RELEASE);
      assertThat(binding.getSubjects())
          .singleElement()
          .satisfies(
              s ->
                  assertThat(List.of(s.getKind(), s.getName(), s.getNamespace()))
                      .containsExactly("ServiceAccount", RELEASE, NAMESPACE));
    }
    // The Lease stays in the operator's own namespace.
    assertThat(the(chart, "Role", NAMESPACE, RELEASE + "-leader-election")).isNotNull();
    assertThat(operator(chart).getEnv())
        .contains(new EnvVar("RUSTYRAY_OPERATOR_NAMESPACES", "team-a,team-b", null));
  }

  @Test
  void leaderElectionOffDropsTheLeaseRoleAndLeavesTheProdProfile() throws IOException {
    List<HasMetadata> chart = render("--set", "leaderElection.enabled=false");

    assertThat(refs(chart))
        .doesNotContain(
            new Ref("Role", NAMESPACE, RELEASE + "-leader-election"),
            new Ref("RoleBinding", NAMESPACE, RELEASE + "-leader-election"));
    // The operator activates leader election in the prod profile only.
    assertThat(operator(chart).getEnv())
        .contains(new EnvVar("QUARKUS_PROFILE", "single-replica", null));
    assertThat(operator(render()).getEnv())
        .extracting(EnvVar::getName)
        .doesNotContain("QUARKUS_PROFILE");
  }

  @Test
  void leaderElectionOffRequiresOneReplica() throws IOException {
    assertThatThrownBy(
            () -> render("--set", "leaderElection.enabled=false", "--set", "replicaCount=2"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("replicaCount is 2 but leaderElection.enabled is false");

    assertThat(deployment(render("--set", "replicaCount=2")).getSpec().getReplicas()).isEqualTo(2);
  }

  @Test
  void serviceMonitorIsOffByDefaultAndSelectsTheMetricsService() throws IOException {
    assertThat(ofKind(render(), "ServiceMonitor")).isEmpty();

    List<HasMetadata> chart =
        render(
            "--set", "serviceMonitor.enabled=true",
            "--set", "serviceMonitor.labels.release=prometheus");

    GenericKubernetesResource monitor =
        (GenericKubernetesResource) the(chart, "ServiceMonitor", NAMESPACE, RELEASE);
    assertThat(monitor.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
    assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "prometheus");
    Map<String, String> selector = monitor.get("spec", "selector", "matchLabels");
    List<Service> selected =
        ofKind(chart, "Service").stream()
            .map(Service.class::cast)
            .filter(s -> s.getMetadata().getLabels().entrySet().containsAll(selector.entrySet()))
            .toList();
    assertThat(selected)
        .extracting(s -> s.getMetadata().getName())
        .containsExactly(RELEASE + "-metrics");
    List<String> watchedNamespaces = monitor.get("spec", "namespaceSelector", "matchNames");
    assertThat(watchedNamespaces).containsExactly(NAMESPACE);
    List<Map<String, Object>> endpoints = monitor.get("spec", "endpoints");
    assertThat(endpoints)
        .singleElement()
        .satisfies(
            e ->
                assertThat(e)
                    .containsEntry("port", "http-metrics")
                    .containsEntry("path", "/q/metrics")
                    .containsEntry("interval", "30s"));
    assertThat(selected.get(0).getSpec().getPorts())
        .extracting(ServicePort::getName)
        .contains("http-metrics");
  }

  @Test
  void serviceMonitorWithoutTheMetricsServiceIsRefused() throws IOException {
    assertThat(refs(render("--set", "metrics.enabled=false")))
        .doesNotContain(new Ref("Service", NAMESPACE, RELEASE + "-metrics"));

    assertThatThrownBy(
            () -> render("--set", "metrics.enabled=false", "--set", "serviceMonitor.enabled=true"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("metrics.enabled is false");
  }

  @Test
  void podSettingsFromValuesReachTheOperatorPod() throws IOException {
    Path values = Files.createTempFile("helm-values", ".yaml");
    try {
      Files.writeString(
          values,
          """
          image: {tag: "9.9.9"}
          runtimeImage: registry.example/rustyray-runtime:1.2.3
          extraEnv: [{name: RUSTYRAY_OPERATOR_RESYNC_PERIOD, value: 5m}]
          imagePullSecrets: [{name: registry-login}]
          podAnnotations: {example.com/owner: platform}
          podLabels: {team: platform}
          nodeSelector: {kubernetes.io/os: linux}
          tolerations: [{key: dedicated, operator: Exists, effect: NoSchedule}]
          priorityClassName: system-cluster-critical
          """);

      List<HasMetadata> chart = render("-f", values.toString());

      PodSpec pod = deployment(chart).getSpec().getTemplate().getSpec();
      Container operator = operator(chart);
      assertThat(operator.getImage()).isEqualTo("ghcr.io/rustyray/rustyray-operator:9.9.9");
      assertThat(operator.getEnv())
          .contains(
              new EnvVar(
                  "RUSTYRAY_OPERATOR_IMAGE", "registry.example/rustyray-runtime:1.2.3", null),
              new EnvVar("RUSTYRAY_OPERATOR_RESYNC_PERIOD", "5m", null));
      assertThat(pod.getImagePullSecrets())
          .extracting(LocalObjectReference::getName)
          .containsExactly("registry-login");
      assertThat(deployment(chart).getSpec().getTemplate().getMetadata().getAnnotations())
          .containsEntry("example.com/owner", "platform");
      assertThat(deployment(chart).getSpec().getTemplate().getMetadata().getLabels())
          .containsEntry("team", "platform");
      assertThat(pod.getNodeSelector()).containsEntry("kubernetes.io/os", "linux");
      assertThat(pod.getTolerations())
          .containsExactly(new Toleration("NoSchedule", "dedicated", "Exists", null, null));
      assertThat(pod.getPriorityClassName()).isEqualTo("system-cluster-critical");
    } finally {
      Files.delete(values);
    }
  }

  @Test
  void anExistingServiceAccountIsBoundInsteadOfANewOne() throws IOException {
    List<HasMetadata> chart =
        render("--set", "serviceAccount.create=false", "--set", "serviceAccount.name=ops");

    assertThat(ofKind(chart, "ServiceAccount")).isEmpty();
    assertThat(deployment(chart).getSpec().getTemplate().getSpec().getServiceAccountName())
        .isEqualTo("ops");
    List<HasMetadata> bindings =
        Stream.concat(
                ofKind(chart, "ClusterRoleBinding").stream(), ofKind(chart, "RoleBinding").stream())
            .toList();
    assertThat(bindings).isNotEmpty();
    for (HasMetadata binding : bindings) {
      assertThat(subjects(binding))
          .extracting(Subject::getName)
          .as(Ref.of(binding).toString())
          .containsExactly("ops");
    }
  }

  private static List<HasMetadata> render(String... values) throws IOException {
    return HelmChart.render(tools, values);
  }

  private static Set<Grant> grants(HasMetadata role) {
    return RbacRules.of(role);
  }
}
