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
  private static GenericKubernetesResource application(String file) throws Exception {
    InstallTools tools = InstallTools.get();
    return (GenericKubernetesResource)
        InstallTools.objects(Files.readString(tools.repo().resolve("deploy/argocd").resolve(file)))
            .get(0);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec(GenericKubernetesResource app) {
    return (Map<String, Object>) app.getAdditionalProperties().get("spec");
  }

  @SuppressWarnings("unchecked")
  private static List<HasMetadata> whatItSyncs(String application) throws Exception {
    GenericKubernetesResource app = application(application);
    Map<String, Object> source =
        (Map<String, Object>)
            ((Map<String, Object>) app.getAdditionalProperties().get("spec")).get("source");
    return InstallTools.objects(InstallTools.get().kustomize((String) source.get("path")));
  }

  /** The ignoreDifferences rules of an Application, each as "Kind path" per jq path. */
  @SuppressWarnings("unchecked")
  private static List<IgnoredPath> ignored(GenericKubernetesResource app) {
    var rules = (List<Map<String, Object>>) spec(app).getOrDefault("ignoreDifferences", List.of());
    return rules.stream()
        .flatMap(
            rule ->
                ((List<String>) rule.getOrDefault("jqPathExpressions", List.of()))
                    .stream().map(path -> new IgnoredPath((String) rule.get("kind"), path)))
        .toList();
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
        .containsExactlyInAnyOrder(
            "RustyCluster wave 0", "RustyActor wave 1", "RustyActor wave 1", "RustyJob wave 1");
  }

  @Test
  void noIgnoredDifferenceHidesAFieldThatAnExampleManifestSetsInGit() throws Exception {
    GenericKubernetesResource app = application("application-examples.yaml");

    List<String> hidden = IgnoredPath.setBy(ignored(app), whatItSyncs("application-examples.yaml"));

    assertThat(hidden)
        .as("a change to these in Git would never show OutOfSync, so sync would never apply it")
        .isEmpty();
  }

  @Test
  void anIgnoredPathThatAnExampleSetsIsCaught() throws Exception {
    var rules =
        List.of(
            new IgnoredPath("RustyCluster", ".spec.workerGroups[].replicas"),
            new IgnoredPath("RustyActor", ".spec.maxRestarts"),
            new IgnoredPath("RustyActor", ".spec.maxConcurrency"));

    List<String> hidden = IgnoredPath.setBy(rules, whatItSyncs("application-examples.yaml"));

    assertThat(hidden)
        .containsExactlyInAnyOrder(
            "RustyCluster demo .spec.workerGroups[].replicas",
            "RustyActor counter .spec.maxRestarts",
            "RustyActor durable-counter .spec.maxRestarts");
  }

  @Test
  void theExamplesApplicationDiffsServerSideSoDefaultedFieldsAreNotDrift() throws Exception {
    GenericKubernetesResource app = application("application-examples.yaml");

    assertThat(app.getMetadata().getAnnotations())
        .containsEntry("argocd.argoproj.io/compare-options", "ServerSideDiff=true");
    assertThat(spec(app).get("syncPolicy").toString()).contains("ServerSideApply=true");
  }
}
