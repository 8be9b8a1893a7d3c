package io.rustyray.e2e.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodFitTest {
  private static Node node(String cpu, String memory, String pods) {
    Map<String, Quantity> cap =
        Map.of(
            "cpu", new Quantity(cpu), "memory", new Quantity(memory), "pods", new Quantity(pods));
    return new NodeBuilder()
        .withNewMetadata()
        .withName("n1")
        .addToLabels("kubernetes.io/hostname", "n1")
        .endMetadata()
        .withNewStatus()
        .withCapacity(cap)
        .withAllocatable(cap)
        .endStatus()
        .build();
  }

  private static Pod requesting(String cpu, String memory) {
    return TestPods.pod(
        """
        metadata: {name: p}
        spec:
          containers:
          - name: c
            image: x
            resources: {requests: {cpu: "%s", memory: "%s"}}
        """
            .formatted(cpu, memory));
  }

  @Test
  void podFitsWhileRequestsStayWithinAllocatable() {
    Node node = node("4", "8Gi", "10");

    assertThat(PodFit.whyNot(node, List.of(requesting("1", "1Gi")), requesting("3", "7Gi")))
        .isEmpty();
  }

  @Test
  void podDoesNotFitWhenCpuIsUsedUp() {
    Node node = node("2", "8Gi", "10");

    assertThat(PodFit.whyNot(node, List.of(requesting("1500m", "1Gi")), requesting("1", "1Gi")))
        .contains("Insufficient cpu");
  }

  @Test
  void podDoesNotFitWhenMemoryIsUsedUp() {
    assertThat(PodFit.whyNot(node("8", "2Gi", "10"), List.of(), requesting("1", "3Gi")))
        .contains("Insufficient memory");
  }

  @Test
  void podDoesNotFitWhenThePodCountIsReached() {
    assertThat(
            PodFit.whyNot(
                node("8", "8Gi", "1"), List.of(requesting("0", "0")), requesting("0", "0")))
        .contains("Too many pods");
  }

  @Test
  void nodeSelectorMustMatchTheNodeLabels() {
    Pod pod =
        TestPods.pod(
            """
            metadata: {name: p}
            spec:
              nodeSelector: {kubernetes.io/hostname: other}
              containers: [{name: c, image: x}]
            """);

    assertThat(PodFit.whyNot(node("8", "8Gi", "10"), List.of(), pod))
        .contains("node(s) didn't match node selector");
  }

  @Test
  void requestsSumContainersAndTakeTheLargestInitContainerWhenBigger() {
    Pod pod =
        TestPods.pod(
            """
            metadata: {name: p}
            spec:
              initContainers:
              - {name: i, image: x, resources: {requests: {cpu: "3"}}}
              containers:
              - {name: a, image: x, resources: {requests: {cpu: "1", memory: 1Gi}}}
              - {name: b, image: x, resources: {limits: {cpu: 500m}}}
            """);

    Map<String, BigDecimal> requests = PodFit.requests(pod);

    assertThat(requests.get("cpu")).isEqualByComparingTo("3");
    assertThat(requests.get("memory")).isEqualByComparingTo("1073741824");
  }

  @Test
  void freeCpuFractionSpreadsPodsOverNodes() {
    assertThat(PodFit.freeCpuFraction(node("4", "8Gi", "10"), List.of(requesting("1", "1Gi"))))
        .isEqualTo(0.75);
  }
}
