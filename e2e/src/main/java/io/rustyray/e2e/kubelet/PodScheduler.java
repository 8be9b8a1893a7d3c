package io.rustyray.e2e.kubelet;

import io.fabric8.kubernetes.api.model.Binding;
import io.fabric8.kubernetes.api.model.BindingBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler (no kube-scheduler runs): binds each pending pod of {@code default-scheduler}
 * through the {@code bindings} subresource to the node with the most free cpu among those where it
 * fits ({@link PodFit}), oldest pod first; else marks it {@code PodScheduled=False}, reason
 * Unschedulable, with a message like the scheduler's.
 */
final class PodScheduler {
  private static final Logger LOG = LoggerFactory.getLogger(PodScheduler.class);

  private final NodeRegistration nodes;
  private final KubernetesClient client;
  private final PodEvents events;

  /** Pods bound here whose binding the informer has not shown yet: they count on their node. */
  private final Map<String, String> assumed = new HashMap<>();

  /** The message each unschedulable pod was last given, so it is written once, not every sync. */
  private final Map<String, String> unschedulable = new HashMap<>();

  PodScheduler(NodeRegistration nodes, KubernetesClient client, PodEvents events) {
    this.nodes = nodes;
    this.client = client;
    this.events = events;
  }

  /**
   * Binds the pending pods among {@code pods}.
   *
   * @param pods every pod, as the informer sees them
   */
  void schedule(List<Pod> pods) {
    Map<String, List<Pod>> onNode = new HashMap<>();
    nodes.all().forEach(n -> onNode.put(n.getMetadata().getName(), new ArrayList<>()));
    List<Pod> pending = new ArrayList<>();
    for (Pod p : pods) {
      String node = p.getSpec().getNodeName();
      if (node == null || node.isEmpty()) {
        node = assumed.get(p.getMetadata().getUid());
      } else {
        assumed.remove(p.getMetadata().getUid());
      }
      if (node != null && !node.isEmpty()) {
        if (onNode.containsKey(node) && !ProcessKubelet.terminal(p)) {
          onNode.get(node).add(p);
        }
      } else if (p.getMetadata().getDeletionTimestamp() == null
          && !ProcessKubelet.terminal(p)
          && (p.getSpec().getSchedulerName() == null
              || p.getSpec().getSchedulerName().equals("default-scheduler"))) {
        pending.add(p);
      }
    }
    pending.sort(
        Comparator.comparing((Pod p) -> String.valueOf(p.getMetadata().getCreationTimestamp()))
            .thenComparing(p -> p.getMetadata().getName()));
    for (Pod p : pending) {
      String best = null;
      double bestFree = -1;
      Map<String, Integer> reasons = new LinkedHashMap<>();
      for (Node node : nodes.all()) {
        String name = node.getMetadata().getName();
        Optional<String> why = PodFit.whyNot(node, onNode.get(name), p);
        if (why.isPresent()) {
          reasons.merge(why.get(), 1, Integer::sum);
          continue;
        }
        double free = PodFit.freeCpuFraction(node, onNode.get(name));
        if (free > bestFree) {
          bestFree = free;
          best = name;
        }
      }
      if (best != null) {
        if (bind(p, best)) {
          assumed.put(p.getMetadata().getUid(), best);
          onNode.get(best).add(p);
        }
      } else {
        StringBuilder msg = new StringBuilder("0/" + nodes.all().size() + " nodes are available:");
        reasons.forEach((why, n) -> msg.append(' ').append(n).append(' ').append(why).append(','));
        msg.setLength(msg.length() - 1);
        msg.append('.');
        markUnschedulable(p, msg.toString());
      }
    }
  }

  /**
   * Forgets what it remembers about pods that are gone.
   *
   * @param uids the uids of the pods that still exist
   */
  void retainOnly(Set<String> uids) {
    assumed.keySet().retainAll(uids);
    unschedulable.keySet().retainAll(uids);
  }

  private boolean bind(Pod p, String node) {
    Binding binding =
        new BindingBuilder()
            .withNewMetadata()
            .withName(p.getMetadata().getName())
            .withNamespace(p.getMetadata().getNamespace())
            .withUid(p.getMetadata().getUid())
            .endMetadata()
            .withNewTarget()
            .withApiVersion("v1")
            .withKind("Node")
            .withName(node)
            .endTarget()
            .build();
    try {
      client.bindings().inNamespace(p.getMetadata().getNamespace()).resource(binding).create();
      LOG.info(
          "bound pod {}/{} to {}", p.getMetadata().getNamespace(), p.getMetadata().getName(), node);
      events.normal(
          p,
          "default-scheduler",
          null,
          null,
          "Scheduled",
          "Successfully assigned "
              + p.getMetadata().getNamespace()
              + "/"
              + p.getMetadata().getName()
              + " to "
              + node);
      return true;
    } catch (KubernetesClientException e) {
      LOG.warn(
          "binding pod {}/{} to {} failed: {}",
          p.getMetadata().getNamespace(),
          p.getMetadata().getName(),
          node,
          e.getMessage());
      return false;
    }
  }

  private void markUnschedulable(Pod p, String message) {
    if (message.equals(unschedulable.get(p.getMetadata().getUid()))) {
      return;
    }
    List<PodCondition> previous =
        p.getStatus() == null || p.getStatus().getConditions() == null
            ? List.of()
            : p.getStatus().getConditions();
    PodCondition c =
        PodStatuses.condition(
            previous,
            "PodScheduled",
            "False",
            "Unschedulable",
            message,
            Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    try {
      client
          .pods()
          .inNamespace(p.getMetadata().getNamespace())
          .withName(p.getMetadata().getName())
          .subresource("status")
          .patch(
              PatchContext.of(PatchType.JSON_MERGE),
              "{\"status\":{\"phase\":\"Pending\",\"conditions\":["
                  + Serialization.asJson(c)
                  + "]}}");
      unschedulable.put(p.getMetadata().getUid(), message);
      events.warning(p, "default-scheduler", null, null, "FailedScheduling", message);
      LOG.info(
          "pod {}/{} is unschedulable: {}",
          p.getMetadata().getNamespace(),
          p.getMetadata().getName(),
          message);
    } catch (KubernetesClientException e) {
      LOG.warn(
          "marking pod {} unschedulable failed: {}", p.getMetadata().getName(), e.getMessage());
    }
  }
}
