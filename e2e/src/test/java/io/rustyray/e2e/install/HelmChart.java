package io.rustyray.e2e.install;

import static io.rustyray.e2e.install.Manifests.the;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The chart {@code deploy/helm/rustyray-operator}, rendered with {@code helm template}. */
final class HelmChart {
  static final String CHART = "deploy/helm/rustyray-operator";
  static final String RELEASE = "rustyray-operator";
  static final String NAMESPACE = "rustyray-system";

  private HelmChart() {}

  /**
   * @param tools helm
   * @param values helm's value options ({@code --set k=v}, {@code -f file})
   * @return the objects the chart renders with them, CRDs included
   * @throws IOException when helm refuses the values
   */
  static List<HasMetadata> render(InstallTools tools, String... values) throws IOException {
    List<String> args =
        new ArrayList<>(
            List.of("template", RELEASE, CHART, "--namespace", NAMESPACE, "--include-crds"));
    args.addAll(List.of(values));
    return InstallTools.objects(tools.helm(args.toArray(String[]::new)));
  }

  /** The operator's Deployment among rendered objects. */
  static Deployment deployment(List<HasMetadata> objects) {
    return (Deployment) the(objects, "Deployment", NAMESPACE, RELEASE);
  }

  /** The operator container among rendered objects. */
  static Container operator(List<HasMetadata> objects) {
    return container(deployment(objects));
  }

  static PodSpec pod(Deployment d) {
    return d.getSpec().getTemplate().getSpec();
  }

  /** The operator container, or an empty one (every aspect then differs) when there is none. */
  static Container container(Deployment d) {
    return pod(d).getContainers().stream()
        .filter(c -> Objects.equals(c.getName(), "operator"))
        .findFirst()
        .orElseGet(Container::new);
  }
}
