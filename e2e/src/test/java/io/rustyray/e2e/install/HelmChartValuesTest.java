package io.rustyray.e2e.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.rustyray.e2e.install.RbacRules.Grant;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Helm chart {@code deploy/helm/rustyray-operator}: lint-clean, with its default values the
 * same install as the Kustomize base, and each value changing only what it names.
 */
class HelmChartTest {
  private static final String CHART = "deploy/helm/rustyray-operator";
  private static final String RELEASE = "rustyray-operator";
  private static final String NAMESPACE = "rustyray-system";

  private static InstallTools tools;
  private static List<HasMetadata> base;

  @BeforeAll
  static void renderTheKustomizeBase() throws IOException {
    tools = InstallTools.get();
    base = InstallTools.objects(tools.kustomize("deploy/kustomize/base"));
  }

  @Test
  void helmLintIsClean() throws IOException {
    String out = tools.helm("lint", "--strict", CHART);

    assertThat(out)
        .doesNotContain("[WARNING]")
        .doesNotContain("[ERROR]")
        .contains("1 chart(s) linted, 0 chart(s) failed");
  }

  @Test
  void defaultValuesRenderTheSameObjectsAsTheKustomizeBase() throws IOException {
    List<HasMetadata> chart = render();

    // Helm installs into the release namespace (--create-namespace); the chart owns none.
    assertSameInSubstance(withoutNamespaces(base), chart);
  }

  @Test
  void oneWatchedNamespaceRendersTheSameObjectsAsTheSingleNamespaceOverlay() throws IOException {
    List<HasMetadata> overlay =
        InstallTools.objects(tools.kustomize("deploy/kustomize/overlays/single-namespace"));

    List<HasMetadata> chart = render("--set", "watchNamespaces={rustyray-workloads}");

    // The overlay also creates the watched namespace; with the chart it must exist already.
    assertSameInSubstance(withoutNamespaces(overlay), chart);
  }

  @Test
  void chartCrdsAreTheGeneratedCrds() throws IOException {
    Path generated = tools.repo().resolve("crds");
    Path copies = tools.repo().resolve(CHART).resolve("crds");

    assertThat(fileNames(copies)).isEqualTo(fileNames(generated, ".yml"));
    for (String name : fileNames(generated, ".yml")) {
      assertThat(Files.mismatch(generated.resolve(name), copies.resolve(name)))
          .as("%s differs from crds/%s: copy it over", CHART + "/crds/" + name, name)
          .isEqualTo(-1L);
    }
  }

  @Test
  void watchingNamespacesGrantsRolesInThoseNamespacesOnly() throws IOException {
    Set<Grant> operatorRights = grants(the(base, "ClusterRole", null, "rustyray-operator"));

    List<HasMetadata> chart = render("--set", "watchNamespaces={team-a,team-b}");

    assertThat(ofKind(chart, "ClusterRole")).isEmpty();
    assertThat(ofKind(chart, "ClusterRoleBinding")).isEmpty();
    assertThat(namespacesOf(named(ofKind(chart, "Role"), RELEASE)))
        .containsExactlyInAnyOrder("team-a", "team-b");
    assertThat(namespacesOf(named(ofKind(chart, "RoleBinding"), RELEASE)))
        .containsExactlyInAnyOrder("team-a", "team-b");
    for (String watched : List.of("team-a", "team-b")) {
      assertThat(missingAndExtra(operatorRights, grants(the(chart, "Role", watched, RELEASE))))
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

  /**
   * Compares what matters to the cluster, and collects every mismatch into one failure: the
   * objects, RBAC rules as (apiGroup, resource, verb) grants, bindings, the operator pod, the
   * metrics Service and the CRD specs. Chart labels must contain the Kustomize ones; Helm adds its
   * own, and its selectors add app.kubernetes.io/instance so that releases do not overlap.
   */
  private static void assertSameInSubstance(List<HasMetadata> kustomize, List<HasMetadata> chart) {
    SoftAssertions softly = new SoftAssertions();
    softly
        .assertThat(refs(chart))
        .as("objects (kind, namespace, name)")
        .containsExactlyInAnyOrderElementsOf(refs(kustomize));
    Map<String, String> podLabels =
        ofKind(chart, "Deployment").isEmpty()
            ? Map.of()
            : deployment(chart).getSpec().getTemplate().getMetadata().getLabels();
    for (HasMetadata expected : kustomize) {
      Ref ref = Ref.of(expected);
      HasMetadata actual = find(chart, ref);
      if (actual == null) {
        continue;
      }
      softly
          .assertThat(actual.getMetadata().getLabels())
          .as("%s labels", ref)
          .containsAllEntriesOf(orEmpty(expected.getMetadata().getLabels()));
      if (expected instanceof ClusterRole || expected instanceof Role) {
        softly
            .assertThat(missingAndExtra(grants(expected), grants(actual)))
            .as("%s grants", ref)
            .isEmpty();
      } else if (expected instanceof ClusterRoleBinding || expected instanceof RoleBinding) {
        softly.assertThat(roleRef(actual)).as("%s roleRef", ref).isEqualTo(roleRef(expected));
        softly
            .assertThat(subjects(actual))
            .as("%s subjects", ref)
            .containsExactlyInAnyOrderElementsOf(subjects(expected));
      } else if (expected instanceof Deployment d) {
        Deployment rendered = (Deployment) actual;
        for (Aspect aspect : DEPLOYMENT_SUBSTANCE) {
          softly
              .assertThat(aspect.read().apply(rendered))
              .as("%s %s", ref, aspect.name())
              .isEqualTo(aspect.read().apply(d));
        }
        softly
            .assertThat(podLabels)
            .as("%s pod labels match its selector", ref)
            .containsAllEntriesOf(rendered.getSpec().getSelector().getMatchLabels());
      } else if (expected instanceof Service s) {
        Service rendered = (Service) actual;
        softly
            .assertThat(rendered.getSpec().getPorts())
            .as("%s ports", ref)
            .isEqualTo(s.getSpec().getPorts());
        softly
            .assertThat(rendered.getSpec().getType())
            .as("%s type", ref)
            .isEqualTo(s.getSpec().getType());
        softly
            .assertThat(rendered.getMetadata().getAnnotations())
            .as("%s annotations", ref)
            .isEqualTo(s.getMetadata().getAnnotations());
        softly
            .assertThat(rendered.getSpec().getSelector())
            .as("%s selector", ref)
            .isNotEmpty()
            .containsAllEntriesOf(s.getSpec().getSelector());
        softly
            .assertThat(podLabels)
            .as("%s selects the operator pod", ref)
            .containsAllEntriesOf(orEmpty(rendered.getSpec().getSelector()));
      } else if (expected instanceof CustomResourceDefinition crd) {
        // Specs only: the base adds an Argo CD sync-wave annotation, the chart's crds/ are
        // plain copies (Argo CD applies CRDs before the other kinds of a wave anyway).
        softly
            .assertThat(((CustomResourceDefinition) actual).getSpec())
            .as("%s spec", ref)
            .isEqualTo(crd.getSpec());
      } else if (!(expected instanceof ServiceAccount)) {
        softly.fail("%s: no comparison for this kind", ref);
      }
    }
    softly.assertAll();
  }

  /** One compared property of the operator Deployment. */
  private record Aspect(String name, Function<Deployment, Object> read) {}

  private static final List<Aspect> DEPLOYMENT_SUBSTANCE =
      List.of(
          new Aspect("replicas", d -> d.getSpec().getReplicas()),
          new Aspect("serviceAccountName", d -> pod(d).getServiceAccountName()),
          new Aspect("pod securityContext", d -> pod(d).getSecurityContext()),
          new Aspect("volumes", d -> pod(d).getVolumes()),
          new Aspect("init containers", d -> pod(d).getInitContainers()),
          new Aspect(
              "container names",
              d -> pod(d).getContainers().stream().map(Container::getName).toList()),
          new Aspect("container image", d -> container(d).getImage()),
          new Aspect("container imagePullPolicy", d -> container(d).getImagePullPolicy()),
          new Aspect("container command", d -> container(d).getCommand()),
          new Aspect("container args", d -> container(d).getArgs()),
          new Aspect("container env", d -> container(d).getEnv()),
          new Aspect("container ports", d -> container(d).getPorts()),
          new Aspect("container livenessProbe", d -> container(d).getLivenessProbe()),
          new Aspect("container readinessProbe", d -> container(d).getReadinessProbe()),
          new Aspect("container startupProbe", d -> container(d).getStartupProbe()),
          new Aspect("container resources", d -> container(d).getResources()),
          new Aspect("container securityContext", d -> container(d).getSecurityContext()),
          new Aspect("container volumeMounts", d -> container(d).getVolumeMounts()));

  /** An object's identity in the cluster; namespace null for cluster-scoped kinds. */
  private record Ref(String kind, String namespace, String name) {
    static Ref of(HasMetadata o) {
      return new Ref(o.getKind(), o.getMetadata().getNamespace(), o.getMetadata().getName());
    }

    @Override
    public String toString() {
      return kind + " " + (namespace == null ? "" : namespace + "/") + name;
    }
  }

  /** One right an RBAC rule gives: a verb on a resource of an API group. */
  /** The grants only one side has, as "missing: ..." and "extra: ..." lines. */
  private static List<String> missingAndExtra(Set<Grant> expected, Set<Grant> actual) {
    List<String> differences = new ArrayList<>();
    expected.stream()
        .filter(g -> !actual.contains(g))
        .forEach(g -> differences.add("missing: " + g));
    actual.stream().filter(g -> !expected.contains(g)).forEach(g -> differences.add("extra: " + g));
    return differences;
  }

  private static List<HasMetadata> render(String... values) throws IOException {
    List<String> args =
        new ArrayList<>(
            List.of("template", RELEASE, CHART, "--namespace", NAMESPACE, "--include-crds"));
    args.addAll(List.of(values));
    return InstallTools.objects(tools.helm(args.toArray(String[]::new)));
  }

  private static List<HasMetadata> withoutNamespaces(List<HasMetadata> objects) {
    return objects.stream().filter(o -> !"Namespace".equals(o.getKind())).toList();
  }

  private static Set<Ref> refs(List<HasMetadata> objects) {
    return objects.stream().map(Ref::of).collect(Collectors.toSet());
  }

  private static HasMetadata find(List<HasMetadata> objects, Ref ref) {
    return objects.stream().filter(o -> Ref.of(o).equals(ref)).findFirst().orElse(null);
  }

  private static HasMetadata the(List<HasMetadata> objects, String kind, String ns, String name) {
    Ref ref = new Ref(kind, ns, name);
    HasMetadata found = find(objects, ref);
    assertThat(found).as("%s in %s", ref, refs(objects)).isNotNull();
    return found;
  }

  private static List<HasMetadata> ofKind(List<HasMetadata> objects, String kind) {
    return objects.stream().filter(o -> kind.equals(o.getKind())).toList();
  }

  private static List<HasMetadata> named(List<HasMetadata> objects, String name) {
    return objects.stream().filter(o -> name.equals(o.getMetadata().getName())).toList();
  }

  private static List<String> namespacesOf(List<HasMetadata> objects) {
    return objects.stream().map(o -> o.getMetadata().getNamespace()).toList();
  }

  private static Set<Grant> grants(HasMetadata role) {
    return RbacRules.of(role);
  }

  private static RoleRef roleRef(HasMetadata binding) {
    return RbacRules.roleRef(binding);
  }

  private static List<Subject> subjects(HasMetadata binding) {
    if (binding instanceof ClusterRoleBinding b) {
      return b.getSubjects();
    } else if (binding instanceof RoleBinding b) {
      return b.getSubjects();
    }
    throw new IllegalArgumentException("not a binding: " + Ref.of(binding));
  }

  private static Deployment deployment(List<HasMetadata> objects) {
    return (Deployment) the(objects, "Deployment", NAMESPACE, RELEASE);
  }

  private static Container operator(List<HasMetadata> objects) {
    return container(deployment(objects));
  }

  private static PodSpec pod(Deployment d) {
    return d.getSpec().getTemplate().getSpec();
  }

  /** The operator container, or an empty one (every aspect then differs) when there is none. */
  private static Container container(Deployment d) {
    return pod(d).getContainers().stream()
        .filter(c -> Objects.equals(c.getName(), "operator"))
        .findFirst()
        .orElseGet(Container::new);
  }

  private static Map<String, String> orEmpty(Map<String, String> map) {
    return map == null ? Map.of() : map;
  }

  private static Set<String> fileNames(Path dir, String... suffixes) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> suffixes.length == 0 || Stream.of(suffixes).anyMatch(n::endsWith))
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }
}
