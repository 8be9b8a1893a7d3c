package io.rustyray.operator.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.rustyray.operator.common.Names;
import io.rustyray.operator.crd.PodOverrides;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterPodsTest {
  private final ClusterPods pods = new ClusterPods(ClusterFixtures.IMAGE, 6379);

  @Test
  void headPodRunsTheHeadWithDownwardApiAddressTokenAndReadinessProbe() {
    var pod = pods.headPod(ClusterFixtures.cluster("demo", 1), "demo-head-abcde");
    var container = pod.getSpec().getContainers().get(0);
    assertThat(container.getImage()).isEqualTo(ClusterFixtures.IMAGE);
    assertThat(container.getArgs())
        .containsExactly(
            "start",
            "--head",
            "--port",
            "6379",
            "--node-ip",
            "$(POD_IP)",
            "--node-id",
            "$(POD_NAME)",
            "--resources",
            "{\"cpu\":1.0}",
            "--no-node-agent");
    assertThat(container.getEnv())
        .extracting(EnvVar::getName)
        .containsExactly("RUSTYRAY_TOKEN", "POD_IP", "POD_NAME");
    assertThat(container.getEnv().get(0).getValueFrom().getSecretKeyRef().getName())
        .isEqualTo("demo-auth");
    assertThat(container.getEnv().get(1).getValueFrom().getFieldRef().getFieldPath())
        .isEqualTo("status.podIP");
    assertThat(container.getReadinessProbe().getTcpSocket().getPort().getIntVal()).isEqualTo(6379);
    assertThat(pod.getMetadata().getLabels())
        .containsEntry(Names.LABEL_CLUSTER, "demo")
        .containsEntry(Names.LABEL_NODE_TYPE, "head");
  }

  @Test
  void workerPodJoinsTheHeadServiceAndAdvertisesItsCpuRequestAndCustomResources() {
    var cluster = ClusterFixtures.cluster("demo", 1);
    var group = cluster.getSpec().getWorkerGroups().get(0);
    group.setCustomResources(Map.of("gpu", 1.0));
    var container =
        pods.workerPod(cluster, group, "demo-cpu-abcde").getSpec().getContainers().get(0);
    assertThat(container.getArgs())
        .containsSequence("--address", "demo-head.ns.svc:6379", "--port", "6380")
        .endsWith("--resources", "{\"cpu\":0.5,\"gpu\":1.0}");
  }

  @Test
  void userOverridesAreMergedButTheOperatorsLabelsAndReservedEnvWin() {
    var cluster = ClusterFixtures.cluster("demo", 1);
    var group = cluster.getSpec().getWorkerGroups().get(0);
    var overrides = new PodOverrides();
    overrides.setLabels(Map.of("team", "ml", Names.LABEL_CLUSTER, "hijack"));
    overrides.setAnnotations(Map.of("note", "x"));
    overrides.setNodeSelector(Map.of("disk", "ssd"));
    overrides.setTolerations(
        List.of(new TolerationBuilder().withKey("gpu").withOperator("Exists").build()));
    overrides.setServiceAccountName("runner");
    overrides.setEnv(
        List.of(
            new EnvVarBuilder().withName("MODE").withValue("fast").build(),
            new EnvVarBuilder().withName("RUSTYRAY_TOKEN").withValue("stolen").build()));
    group.setTemplate(overrides);
    var pod = pods.workerPod(cluster, group, "demo-cpu-abcde");
    assertThat(pod.getMetadata().getLabels())
        .containsEntry("team", "ml")
        .containsEntry(Names.LABEL_CLUSTER, "demo")
        .containsEntry(Names.LABEL_GROUP, "cpu");
    assertThat(pod.getMetadata().getAnnotations()).containsEntry("note", "x");
    assertThat(pod.getSpec().getNodeSelector()).containsEntry("disk", "ssd");
    assertThat(pod.getSpec().getTolerations()).hasSize(1);
    assertThat(pod.getSpec().getServiceAccountName()).isEqualTo("runner");
    var env = pod.getSpec().getContainers().get(0).getEnv();
    assertThat(env)
        .extracting(EnvVar::getName)
        .containsExactly("RUSTYRAY_TOKEN", "POD_IP", "POD_NAME", "MODE");
    assertThat(env.get(0).getValue()).isNull();
  }

  @Test
  void clusterImageOverridesTheOperatorDefault() {
    var cluster = ClusterFixtures.cluster("demo", 1);
    cluster.getSpec().setImage("example.org/custom:1");
    assertThat(pods.headPod(cluster, "h").getSpec().getContainers().get(0).getImage())
        .isEqualTo("example.org/custom:1");
  }

  @Test
  void theTemplateHashIgnoresThePodNameButNotTheSpec() {
    var cluster = ClusterFixtures.cluster("demo", 1);
    String a = ClusterPods.hashOf(pods.headPod(cluster, "demo-head-aaaaa"));
    String b = ClusterPods.hashOf(pods.headPod(cluster, "demo-head-bbbbb"));
    cluster.getSpec().setImage("example.org/custom:2");
    String c = ClusterPods.hashOf(pods.headPod(cluster, "demo-head-aaaaa"));
    assertThat(a).isEqualTo(b).isNotEqualTo(c);
  }
}
