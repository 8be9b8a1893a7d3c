package io.rustyray.e2e.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceHostsTest {
  private static final Service HEAD_SVC =
      Serialization.unmarshal(
          """
          metadata: {name: demo-head, namespace: ns}
          spec:
            selector: {rustyray.io/cluster: demo, rustyray.io/node-type: head}
            ports: [{port: 6379, targetPort: 6379}]
          """,
          Service.class);

  private static Pod pod(String name, String ip, boolean ready, String created) {
    return TestPods.pod(
        """
        metadata:
          name: %s
          namespace: ns
          creationTimestamp: "%s"
          labels: {rustyray.io/cluster: demo, rustyray.io/node-type: head}
        spec: {containers: [{name: c, image: x}]}
        status:
          podIP: %s
          conditions: [{type: Ready, status: "%s"}]
        """
            .formatted(name, created, ip, ready ? "True" : "False"));
  }

  @Test
  void aServiceResolvesToItsOldestReadyPod() {
    List<Pod> pods =
        List.of(
            pod("new", "127.1.0.5", true, "2026-01-01T00:00:05Z"),
            pod("old-unready", "127.1.0.3", false, "2026-01-01T00:00:01Z"),
            pod("old", "127.1.0.4", true, "2026-01-01T00:00:02Z"));

    assertThat(ServiceHosts.endpoint(HEAD_SVC, pods)).contains("127.1.0.4");
  }

  @Test
  void aServiceWithoutReadyPodsDoesNotResolve() {
    assertThat(
            ServiceHosts.endpoint(
                HEAD_SVC, List.of(pod("p", "127.1.0.3", false, "2026-01-01T00:00:01Z"))))
        .isEmpty();
  }

  @Test
  void theHostsFileNamesServicesByTheirDnsNamesAndShortNamesInTheirNamespaceOnly() {
    Pod head = pod("head", "127.1.0.4", true, "2026-01-01T00:00:02Z");
    Pod sameNs = TestPods.pod("metadata: {name: w, namespace: ns}\nspec: {containers: []}");
    Pod otherNs = TestPods.pod("metadata: {name: w, namespace: other}\nspec: {containers: []}");

    String same =
        ServiceHosts.hostsFile(sameNs, "127.1.0.8", "vm", List.of(HEAD_SVC), List.of(head));
    String other =
        ServiceHosts.hostsFile(otherNs, "127.1.0.9", "vm", List.of(HEAD_SVC), List.of(head));

    assertThat(same)
        .contains("127.0.0.1\tlocalhost\n")
        .contains("127.1.0.8\tw vm\n")
        .contains(
            "127.1.0.4\tdemo-head.ns.svc.cluster.local demo-head.ns.svc demo-head.ns demo-head\n");
    assertThat(other)
        .contains("127.1.0.4\tdemo-head.ns.svc.cluster.local demo-head.ns.svc demo-head.ns\n");
  }
}
