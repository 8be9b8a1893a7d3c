package io.rustyray.e2e.kubelet;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records Kubernetes Events about pods, as the scheduler and kubelet do, so that {@code kubectl
 * describe pod} tells what happened (Scheduled, FailedScheduling, Started, Killing, BackOff,
 * Failed). Best effort: a failure to record is logged, never fatal.
 */
final class PodEvents {
  private static final Logger LOG = LoggerFactory.getLogger(PodEvents.class);
  private final KubernetesClient client;

  PodEvents(KubernetesClient client) {
    this.client = client;
  }

  void normal(
      Pod pod, String component, String node, String container, String reason, String message) {
    record(pod, component, node, container, "Normal", reason, message);
  }

  void warning(
      Pod pod, String component, String node, String container, String reason, String message) {
    record(pod, component, node, container, "Warning", reason, message);
  }

  /** A Normal Event from the kubelet of the pod's node about one of the pod's containers. */
  void containerNormal(Pod pod, String container, String reason, String message) {
    normal(pod, "kubelet", pod.getSpec().getNodeName(), container, reason, message);
  }

  /** A Warning Event from the kubelet of the pod's node about one of the pod's containers. */
  void containerWarning(Pod pod, String container, String reason, String message) {
    warning(pod, "kubelet", pod.getSpec().getNodeName(), container, reason, message);
  }

  private void record(
      Pod pod,
      String component,
      String node,
      String container,
      String type,
      String reason,
      String message) {
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    Event event =
        new EventBuilder()
            .withNewMetadata()
            .withGenerateName(pod.getMetadata().getName() + ".")
            .withNamespace(pod.getMetadata().getNamespace())
            .endMetadata()
            .withNewInvolvedObject()
            .withApiVersion("v1")
            .withKind("Pod")
            .withName(pod.getMetadata().getName())
            .withNamespace(pod.getMetadata().getNamespace())
            .withUid(pod.getMetadata().getUid())
            .withFieldPath(container == null ? null : "spec.containers{" + container + "}")
            .endInvolvedObject()
            .withType(type)
            .withReason(reason)
            .withMessage(message)
            .withNewSource(component, node)
            .withFirstTimestamp(now)
            .withLastTimestamp(now)
            .withCount(1)
            .build();
    try {
      client.v1().events().inNamespace(pod.getMetadata().getNamespace()).resource(event).create();
    } catch (KubernetesClientException e) {
      LOG.debug(
          "event {} for pod {} not recorded: {}",
          reason,
          pod.getMetadata().getName(),
          e.getMessage());
    }
  }
}
