package io.rustyray.e2e.kubelet;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kubelet's Nodes in the API: creates the missing ones, renews their conditions
 * (lastHeartbeatTime) every heartbeat period, and marks them NotReady when the kubelet stops. There
 * is no node Lease: the Ready condition's heartbeat is the node's liveness.
 */
final class NodeRegistration {
  private static final Logger LOG = LoggerFactory.getLogger(NodeRegistration.class);

  private final KubeletConfig config;
  private final KubernetesClient client;
  private final Map<String, Node> nodes = new LinkedHashMap<>();
  private Instant nextHeartbeat = Instant.EPOCH;

  NodeRegistration(KubeletConfig config, KubernetesClient client) {
    this.config = config;
    this.client = client;
    for (String name : config.nodes()) {
      nodes.put(name, nodeObject(name));
    }
  }

  /**
   * @param name a node name
   * @return whether it is one of this kubelet's nodes
   */
  boolean contains(String name) {
    return nodes.containsKey(name);
  }

  /**
   * @return this kubelet's nodes as last registered (capacity, labels)
   */
  Collection<Node> all() {
    return nodes.values();
  }

  /** Renews the nodes' conditions when the heartbeat period has passed since the last time. */
  void heartbeatIfDue() {
    if (!Instant.now().isBefore(nextHeartbeat)) {
      heartbeat();
    }
  }

  /** Creates missing nodes and renews each node's conditions (lastHeartbeatTime). */
  void heartbeat() {
    nextHeartbeat = Instant.now().plus(config.heartbeat());
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    for (Map.Entry<String, Node> e : nodes.entrySet()) {
      String name = e.getKey();
      try {
        Node existing = client.nodes().withName(name).get();
        if (existing == null) {
          client.nodes().resource(e.getValue()).create();
          LOG.info("registered node {}", name);
          existing = client.nodes().withName(name).get();
        }
        // Keep labels users add (nodeSelector tests), keep our own status.
        Node local = e.getValue();
        local.getMetadata().setLabels(existing.getMetadata().getLabels());
        List<NodeCondition> previous =
            existing.getStatus() == null || existing.getStatus().getConditions() == null
                ? List.of()
                : existing.getStatus().getConditions();
        List<NodeCondition> conditions = new ArrayList<>();
        conditions.add(
            condition(previous, "Ready", "True", "KubeletReady", "process kubelet is ready", now));
        conditions.add(
            condition(previous, "MemoryPressure", "False", "KubeletHasSufficientMemory", "", now));
        conditions.add(
            condition(previous, "DiskPressure", "False", "KubeletHasNoDiskPressure", "", now));
        conditions.add(
            condition(previous, "PIDPressure", "False", "KubeletHasSufficientPID", "", now));
        local.getStatus().setConditions(conditions);
        client
            .nodes()
            .withName(name)
            .subresource("status")
            .patch(
                PatchContext.of(PatchType.JSON_MERGE),
                "{\"status\":" + Serialization.asJson(local.getStatus()) + "}");
      } catch (KubernetesClientException ex) {
        LOG.warn("heartbeat of node {} failed: {}", name, ex.getMessage());
      }
    }
  }

  /** As the node lifecycle controller would after missed heartbeats: nothing runs pods now. */
  void markNotReady() {
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    for (String name : nodes.keySet()) {
      try {
        NodeCondition ready =
            condition(
                List.of(), "Ready", "False", "KubeletStopped", "the process kubelet stopped", now);
        client
            .nodes()
            .withName(name)
            .subresource("status")
            .patch(
                PatchContext.of(PatchType.STRATEGIC_MERGE),
                "{\"status\":{\"conditions\":[" + Serialization.asJson(ready) + "]}}");
      } catch (KubernetesClientException e) {
        LOG.warn("marking node {} NotReady failed: {}", name, e.getMessage());
      }
    }
  }

  private Node nodeObject(String name) {
    Map<String, Quantity> capacity = new LinkedHashMap<>();
    capacity.put("cpu", new Quantity(config.cpu()));
    capacity.put("memory", new Quantity(config.memory()));
    capacity.put("pods", new Quantity(config.pods()));
    capacity.put("ephemeral-storage", new Quantity("100Gi"));
    return new NodeBuilder()
        .withNewMetadata()
        .withName(name)
        .addToLabels("kubernetes.io/hostname", name)
        .addToLabels("kubernetes.io/os", "linux")
        .addToLabels("kubernetes.io/arch", arch())
        .addToLabels("rustyray.io/process-node", "true")
        .endMetadata()
        .withNewSpec()
        .endSpec()
        .withNewStatus()
        .withCapacity(capacity)
        .withAllocatable(capacity)
        .addNewAddress(ProcessKubelet.HOST_IP, "InternalIP")
        // No Hostname address: the API server would try it first to reach the log endpoint,
        // and node names do not resolve here.
        .withNewDaemonEndpoints()
        .withNewKubeletEndpoint(config.kubeletPort() > 0 ? config.kubeletPort() : 10250)
        .endDaemonEndpoints()
        .withNewNodeInfo()
        .withArchitecture(arch())
        .withOperatingSystem("linux")
        .withOsImage(System.getProperty("os.name") + " " + System.getProperty("os.version"))
        .withKernelVersion(System.getProperty("os.version"))
        .withKubeletVersion("v1.20.2-rustyray-process-kubelet")
        .withKubeProxyVersion("none")
        .withContainerRuntimeVersion("process://java-" + System.getProperty("java.version"))
        .withMachineID(name)
        .withSystemUUID(name)
        .withBootID(name)
        .endNodeInfo()
        .endStatus()
        .build();
  }

  private static String arch() {
    String a = System.getProperty("os.arch");
    return a.equals("x86_64") ? "amd64" : a.equals("aarch64") ? "arm64" : a;
  }

  private static NodeCondition condition(
      List<NodeCondition> previous,
      String type,
      String status,
      String reason,
      String message,
      String now) {
    String since =
        previous.stream()
            .filter(c -> type.equals(c.getType()) && status.equals(c.getStatus()))
            .map(NodeCondition::getLastTransitionTime)
            .filter(Objects::nonNull)
            .findFirst()
            .orElse(now);
    return new NodeConditionBuilder()
        .withType(type)
        .withStatus(status)
        .withReason(reason)
        .withMessage(message)
        .withLastHeartbeatTime(now)
        .withLastTransitionTime(since)
        .build();
  }
}
