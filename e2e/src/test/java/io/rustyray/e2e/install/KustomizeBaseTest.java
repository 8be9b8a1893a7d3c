package io.rustyray.e2e.install;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What {@code kubectl apply -k deploy/kustomize/base} installs. */
class KustomizeBaseTest {
  private static List<HasMetadata> base;

  @BeforeAll
  static void render() throws Exception {
    base = InstallTools.objects(InstallTools.get().kustomize("deploy/kustomize/base"));
  }

  private static <T extends HasMetadata> T only(Class<T> type) {
    return InstallTools.only(base, type);
  }

  private static Container operatorContainer() {
    return only(Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  @Test
  void everythingNamespacedIsInstalledInRustyraySystem() {
    assertThat(base)
        .filteredOn(o -> o.getMetadata().getNamespace() != null)
        .isNotEmpty()
        .allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).isEqualTo("rustyray-system"));
    assertThat(base)
        .anyMatch(
            o ->
                o.getKind().equals("Namespace")
                    && o.getMetadata().getName().equals("rustyray-system"));
  }

  @Test
  void theOperatorRunsNonRootReadOnlyWithoutCapabilitiesUnderTheRuntimeDefaultSeccompProfile() {
    PodSpec pod = only(Deployment.class).getSpec().getTemplate().getSpec();
    Container c = operatorContainer();

    assertThat(pod.getServiceAccountName()).isEqualTo("rustyray-operator");
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(c.getVolumeMounts())
        .as("the JVM's temporary files go to an emptyDir, not the read-only root")
        .anyMatch(m -> m.getMountPath().equals("/tmp"));
  }

  @Test
  void theOperatorHasHealthProbesAndBoundedResources() {
    Container c = operatorContainer();

    assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
    assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
    assertThat(c.getResources().getRequests()).containsKeys("cpu", "memory");
    assertThat(c.getResources().getLimits()).containsKeys("cpu", "memory");
    // The operator measured ~235 MiB resident with 1,000 actors (README): the limit leaves room.
    assertThat(Quantity.getAmountInBytes(c.getResources().getLimits().get("memory")).longValue())
        .isGreaterThanOrEqualTo(384L << 20);
  }

  @Test
  void theMetricsServiceReachesTheOperatorsMetricsPort() {
    Service metrics =
        base.stream()
            .filter(Service.class::isInstance)
            .map(Service.class::cast)
            .filter(s -> s.getMetadata().getName().equals("rustyray-operator-metrics"))
            .findFirst()
            .orElseThrow();
    var podLabels = only(Deployment.class).getSpec().getTemplate().getMetadata().getLabels();

    assertThat(podLabels).containsAllEntriesOf(metrics.getSpec().getSelector());
    String targetPort = metrics.getSpec().getPorts().get(0).getTargetPort().getStrVal();
    assertThat(operatorContainer().getPorts())
        .anyMatch(p -> p.getName().equals(targetPort) && p.getContainerPort() == 8080);
    assertThat(metrics.getMetadata().getAnnotations())
        .containsEntry("prometheus.io/path", "/q/metrics");
  }

  @Test
  void theCrdsAreTheGeneratedOnesAndArgoCdSyncsThemFirst() throws Exception {
    Path crds = InstallTools.get().repo().resolve("crds");
    List<CustomResourceDefinition> committed;
    try (Stream<Path> files = Files.list(crds)) {
      committed =
          files
              .filter(f -> f.getFileName().toString().endsWith("-v1.yml"))
              .flatMap(f -> InstallTools.objects(read(f)).stream())
              .map(CustomResourceDefinition.class::cast)
              .toList();
    }
    List<CustomResourceDefinition> installed =
        base.stream()
            .filter(CustomResourceDefinition.class::isInstance)
            .map(CustomResourceDefinition.class::cast)
            .toList();

    assertThat(installed).hasSize(3).hasSameSizeAs(committed);
    for (CustomResourceDefinition crd : installed) {
      assertThat(crd.getMetadata().getAnnotations())
          .containsEntry("argocd.argoproj.io/sync-wave", "-1");
      assertThat(committed)
          .anySatisfy(
              c -> {
                assertThat(c.getMetadata().getName()).isEqualTo(crd.getMetadata().getName());
                assertThat(c.getSpec()).isEqualTo(crd.getSpec());
              });
    }
  }

  private static String read(Path f) {
    try {
      return Files.readString(f);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
