package io.rustyray.e2e.kubelet;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Makes Service names resolve for the pods' processes without a DNS server or kube-proxy: each pod
 * gets a hosts file (JDK 17's {@code -Djdk.net.hosts.file}, which the JVM re-reads on every lookup)
 * mapping {@code <svc>.<ns>.svc.cluster.local}, {@code <svc>.<ns>.svc}, {@code <svc>.<ns>} and, in
 * the pod's own namespace, {@code <svc>} to the IP of one ready pod the Service selects (the
 * oldest, so the answer is stable). The kubelet rewrites the file when endpoints change, so a
 * replaced head is found at its new IP. Ports are not remapped: this works for Services whose
 * targetPort equals their port, as the operator's do.
 */
public final class ServiceHosts {
  private ServiceHosts() {}

  /**
   * @param pod the pod the file is for
   * @param podIp its IP
   * @param machineHostname the machine's host name (what gethostname returns in the process),
   *     mapped to the pod IP as a pod's own hostname is
   * @param services all Services
   * @param pods all pods (endpoint candidates)
   * @return the hosts file's text
   */
  public static String hostsFile(
      Pod pod,
      String podIp,
      String machineHostname,
      Collection<Service> services,
      Collection<Pod> pods) {
    StringBuilder out = new StringBuilder();
    out.append("# Written by the RustyRay process kubelet; rewritten when Services change.\n");
    out.append("127.0.0.1\tlocalhost\n");
    out.append("::1\tlocalhost ip6-localhost ip6-loopback\n");
    StringBuilder own = new StringBuilder(podIp + "\t" + pod.getMetadata().getName());
    if (machineHostname != null && !machineHostname.equals(pod.getMetadata().getName())) {
      own.append(' ').append(machineHostname);
    }
    out.append(own).append('\n');
    String ns = pod.getMetadata().getNamespace();
    services.stream()
        .sorted(
            Comparator.comparing((Service s) -> s.getMetadata().getNamespace())
                .thenComparing(s -> s.getMetadata().getName()))
        .forEach(
            svc ->
                endpoint(svc, pods)
                    .ifPresent(
                        ip -> {
                          String name = svc.getMetadata().getName();
                          String sns = svc.getMetadata().getNamespace();
                          out.append(ip)
                              .append('\t')
                              .append(name + "." + sns + ".svc.cluster.local ")
                              .append(name + "." + sns + ".svc ")
                              .append(name + "." + sns);
                          if (sns.equals(ns)) {
                            out.append(' ').append(name);
                          }
                          out.append('\n');
                        }));
    return out.toString();
  }

  /**
   * @param svc a Service
   * @param pods all pods
   * @return the IP of the oldest ready, non-terminating pod it selects, if any
   */
  public static Optional<String> endpoint(Service svc, Collection<Pod> pods) {
    Map<String, String> selector = svc.getSpec() == null ? null : svc.getSpec().getSelector();
    if (selector == null || selector.isEmpty()) {
      return Optional.empty();
    }
    return pods.stream()
        .filter(p -> svc.getMetadata().getNamespace().equals(p.getMetadata().getNamespace()))
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .filter(p -> matches(selector, p.getMetadata().getLabels()))
        .filter(ServiceHosts::ready)
        .filter(p -> p.getStatus().getPodIP() != null && !p.getStatus().getPodIP().isEmpty())
        .min(
            Comparator.comparing(
                    (Pod p) -> Objects.toString(p.getMetadata().getCreationTimestamp(), ""))
                .thenComparing(p -> p.getMetadata().getName()))
        .map(p -> p.getStatus().getPodIP());
  }

  static boolean matches(Map<String, String> selector, Map<String, String> labels) {
    if (labels == null) {
      return false;
    }
    return selector.entrySet().stream()
        .allMatch(e -> Objects.equals(e.getValue(), labels.get(e.getKey())));
  }

  /**
   * @param pod a pod
   * @return whether its Ready condition is True
   */
  public static boolean ready(Pod pod) {
    return pod.getStatus() != null
        && pod.getStatus().getConditions() != null
        && pod.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }
}
