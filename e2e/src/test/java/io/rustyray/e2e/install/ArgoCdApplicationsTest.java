package io.rustyray.e2e.install;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The example Argo CD Applications sync folders of this repository that render. */
class ArgoCdApplicationsTest {
  @SuppressWarnings("unchecked")
  private static List<HasMetadata> whatItSyncs(String application) throws Exception {
    InstallTools tools = InstallTools.get();
    GenericKubernetesResource app =
        (GenericKubernetesResource)
            InstallTools.objects(
                    Files.readString(tools.repo().resolve("deploy/argocd").resolve(application)))
                .get(0);
    Map<String, Object> source =
        (Map<String, Object>)
            ((Map<String, Object>) app.getAdditionalProperties().get("spec")).get("source");
    return InstallTools.objects(tools.kustomize((String) source.get("path")));
  }

  @Test
  void theOperatorApplicationSyncsTheKustomizeBase() throws Exception {
    assertThat(whatItSyncs("application-operator.yaml"))
        .extracting(HasMetadata::getKind)
        .contains(
            "CustomResourceDefinition", "ClusterRole", "Deployment", "ServiceAccount", "Service");
  }

  @Test
  void theExamplesApplicationSyncsTheClusterBeforeItsActorAndJob() throws Exception {
    List<HasMetadata> examples = whatItSyncs("application-examples.yaml");

    assertThat(examples)
        .extracting(
            o ->
                o.getKind()
                    + " wave "
                    + o.getMetadata().getAnnotations().get("argocd.argoproj.io/sync-wave"))
        .containsExactlyInAnyOrder("RustyCluster wave 0", "RustyActor wave 1", "RustyJob wave 1");
  }
}
