package io.rustyray.operator.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.rustyray.operator.crd.RustyCluster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The pods and Service built for examples/cluster.yaml, compared with golden manifests in
 * src/test/resources/golden. Run with -Drustyray.golden.update=true to rewrite them after a
 * deliberate change, then review the diff.
 */
class GoldenPodsTest {
  private final ClusterPods pods = new ClusterPods(ClusterFixtures.IMAGE, 6379);

  private static RustyCluster exampleCluster() throws IOException {
    Path file = Path.of(System.getProperty("rustyray.examples.dir", "../examples"), "cluster.yaml");
    RustyCluster cluster = Serialization.unmarshal(Files.readString(file), RustyCluster.class);
    cluster.getMetadata().setNamespace("default");
    return cluster;
  }

  private static void assertGolden(String name, HasMetadata actual) throws IOException {
    String yaml = Serialization.asYaml(actual);
    Path golden = Path.of("src/test/resources/golden", name);
    if (Boolean.getBoolean("rustyray.golden.update")) {
      Files.writeString(golden, yaml, StandardCharsets.UTF_8);
    }
    assertThat(yaml).isEqualTo(Files.readString(golden));
  }

  @Test
  void theExampleClustersHeadPodMatchesItsGoldenManifest() throws IOException {
    assertGolden("head-pod.yaml", pods.headPod(exampleCluster(), "demo-head-abcde"));
  }

  @Test
  void theExampleClustersWorkerPodMatchesItsGoldenManifest() throws IOException {
    var cluster = exampleCluster();
    assertGolden(
        "worker-pod.yaml",
        pods.workerPod(cluster, cluster.getSpec().getWorkerGroups().get(0), "demo-cpu-abcde"));
  }

  @Test
  void theExampleClustersHeadServiceMatchesItsGoldenManifest() throws IOException {
    assertGolden("head-service.yaml", HeadServiceDependentResource.desired(exampleCluster(), 6379));
  }
}
