package io.rustyray.e2e.kubelet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Whether a pod fits on a node, as the default scheduler's NodeResourcesFit and NodeSelector
 * filters judge it: the pod's requests (the sum over its containers, or the largest init
 * container's if that is more) plus those of the pods already on the node must stay within the
 * node's allocatable amounts, the pod count included, and the node's labels must match the pod's
 * nodeSelector. Affinity, taints and topology spread are not considered (our nodes carry no
 * taints).
 */
public final class PodFit {
  private PodFit() {}

  /**
   * @param pod a pod
   * @return what it requests, by resource name (cpu in cores, memory in bytes)
   */
  public static Map<String, BigDecimal> requests(Pod pod) {
    Map<String, BigDecimal> sum = new TreeMap<>();
    for (Container c : pod.getSpec().getContainers()) {
      add(sum, requestsOf(c));
    }
    List<Container> inits = pod.getSpec().getInitContainers();
    if (inits != null) {
      for (Container c : inits) {
        requestsOf(c).forEach((k, v) -> sum.merge(k, v, BigDecimal::max));
      }
    }
    return sum;
  }

  private static Map<String, BigDecimal> requestsOf(Container c) {
    Map<String, BigDecimal> r = new TreeMap<>();
    if (c.getResources() == null) {
      return r;
    }
    // The API server defaults a missing request to the limit; do it here too for safety.
    if (c.getResources().getLimits() != null) {
      c.getResources().getLimits().forEach((k, v) -> r.put(k, Quantity.getAmountInBytes(v)));
    }
    if (c.getResources().getRequests() != null) {
      c.getResources().getRequests().forEach((k, v) -> r.put(k, Quantity.getAmountInBytes(v)));
    }
    return r;
  }

  private static void add(Map<String, BigDecimal> into, Map<String, BigDecimal> more) {
    more.forEach((k, v) -> into.merge(k, v, BigDecimal::add));
  }

  /**
   * @param node the candidate node
   * @param podsOnNode the non-terminal pods already bound to it
   * @param pod the pod to place
   * @return why the pod does not fit (such as "Insufficient cpu"), or empty when it fits
   */
  public static Optional<String> whyNot(Node node, Collection<Pod> podsOnNode, Pod pod) {
    Map<String, String> selector = pod.getSpec().getNodeSelector();
    Map<String, String> labels = node.getMetadata().getLabels();
    if (selector != null) {
      for (Map.Entry<String, String> e : selector.entrySet()) {
        if (labels == null || !e.getValue().equals(labels.get(e.getKey()))) {
          return Optional.of("node(s) didn't match node selector");
        }
      }
    }
    Map<String, Quantity> allocatable = node.getStatus().getAllocatable();
    Quantity maxPods = allocatable.get("pods");
    if (maxPods != null
        && Quantity.getAmountInBytes(maxPods).compareTo(BigDecimal.valueOf(podsOnNode.size()))
            <= 0) {
      return Optional.of("Too many pods");
    }
    Map<String, BigDecimal> used = new TreeMap<>();
    for (Pod p : podsOnNode) {
      add(used, requests(p));
    }
    for (Map.Entry<String, BigDecimal> want : requests(pod).entrySet()) {
      if (want.getValue().signum() == 0) {
        continue;
      }
      Quantity have = allocatable.get(want.getKey());
      BigDecimal free =
          have == null
              ? BigDecimal.ZERO
              : Quantity.getAmountInBytes(have)
                  .subtract(used.getOrDefault(want.getKey(), BigDecimal.ZERO));
      if (free.compareTo(want.getValue()) < 0) {
        return Optional.of("Insufficient " + want.getKey());
      }
    }
    return Optional.empty();
  }

  /**
   * @param node a node
   * @param podsOnNode the non-terminal pods bound to it
   * @return the fraction of its allocatable cpu still free (0..1), used to spread pods
   */
  public static double freeCpuFraction(Node node, Collection<Pod> podsOnNode) {
    Quantity cpu = node.getStatus().getAllocatable().get("cpu");
    if (cpu == null) {
      return 0;
    }
    BigDecimal total = Quantity.getAmountInBytes(cpu);
    if (total.signum() == 0) {
      return 0;
    }
    BigDecimal used = BigDecimal.ZERO;
    for (Pod p : podsOnNode) {
      used = used.add(requests(p).getOrDefault("cpu", BigDecimal.ZERO));
    }
    return total.subtract(used).doubleValue() / total.doubleValue();
  }
}
