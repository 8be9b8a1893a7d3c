package io.rustyray.e2e.install;

import static io.rustyray.e2e.install.HelmChart.container;
import static io.rustyray.e2e.install.HelmChart.deployment;
import static io.rustyray.e2e.install.HelmChart.pod;
import static io.rustyray.e2e.install.Manifests.find;
import static io.rustyray.e2e.install.Manifests.ofKind;
import static io.rustyray.e2e.install.Manifests.refs;
import static io.rustyray.e2e.install.Manifests.subjects;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.rustyray.e2e.install.Manifests.Ref;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.assertj.core.api.SoftAssertions;

/**
 * Whether the chart installs the same as Kustomize: compares what matters to the cluster, and
 * collects every mismatch into one failure: the objects, RBAC rules as (apiGroup, resource, verb)
 * grants, bindings, the operator pod, the metrics Service and the CRD specs. Chart labels must
 * contain the Kustomize ones; Helm adds its own, and its selectors add app.kubernetes.io/instance
 * so that releases do not overlap.
 */
final class SameInstall {
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

  private SameInstall() {}

  /**
   * @param kustomize what Kustomize renders
   * @param chart what the chart renders
   */
  static void assertSameInSubstance(List<HasMetadata> kustomize, List<HasMetadata> chart) {
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
            .assertThat(RbacRules.missingAndExtra(RbacRules.of(expected), RbacRules.of(actual)))
            .as("%s grants", ref)
            .isEmpty();
      } else if (expected instanceof ClusterRoleBinding || expected instanceof RoleBinding) {
        softly
            .assertThat(RbacRules.roleRef(actual))
            .as("%s roleRef", ref)
            .isEqualTo(RbacRules.roleRef(expected));
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
        compareServices(softly, ref, s, (Service) actual, podLabels);
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

  private static void compareServices(
      SoftAssertions softly,
      Ref ref,
      Service expected,
      Service rendered,
      Map<String, String> podLabels) {
    softly
        .assertThat(rendered.getSpec().getPorts())
        .as("%s ports", ref)
        .isEqualTo(expected.getSpec().getPorts());
    softly
        .assertThat(rendered.getSpec().getType())
        .as("%s type", ref)
        .isEqualTo(expected.getSpec().getType());
    softly
        .assertThat(rendered.getMetadata().getAnnotations())
        .as("%s annotations", ref)
        .isEqualTo(expected.getMetadata().getAnnotations());
    softly
        .assertThat(rendered.getSpec().getSelector())
        .as("%s selector", ref)
        .isNotEmpty()
        .containsAllEntriesOf(expected.getSpec().getSelector());
    softly
        .assertThat(podLabels)
        .as("%s selects the operator pod", ref)
        .containsAllEntriesOf(orEmpty(rendered.getSpec().getSelector()));
  }

  private static Map<String, String> orEmpty(Map<String, String> map) {
    return map == null ? Map.of() : map;
  }
}
