package io.rustyray.operator.cluster;

import io.fabric8.kubernetes.api.model.Pod;
import io.rustyray.operator.common.Names;
import java.util.Comparator;

/** What the operator reads from a pod's status. */
public final class Pods {
  /** Oldest first, then by name, so that choices among pods are stable. */
  public static final Comparator<Pod> OLDEST_FIRST =
      Comparator.comparing(
              (Pod p) ->
                  p.getMetadata().getCreationTimestamp() == null
                      ? ""
                      : p.getMetadata().getCreationTimestamp())
          .thenComparing(p -> p.getMetadata().getName());

  private Pods() {}

  /**
   * @param pod a pod
   * @return whether it ended (Failed or Succeeded) or is being deleted: it will never serve again
   */
  public static boolean isGone(Pod pod) {
    if (pod.getMetadata().getDeletionTimestamp() != null) {
      return true;
    }
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    return "Failed".equals(phase) || "Succeeded".equals(phase);
  }

  /**
   * @param pod a pod
   * @return whether it is Running with its Ready condition True and not being deleted
   */
  public static boolean isReady(Pod pod) {
    if (isGone(pod) || pod.getStatus() == null) {
      return false;
    }
    if (!"Running".equals(pod.getStatus().getPhase())) {
      return false;
    }
    return pod.getStatus().getConditions() != null
        && pod.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  /**
   * @param pod a pod
   * @return whether it is a head pod
   */
  public static boolean isHead(Pod pod) {
    return Names.NODE_TYPE_HEAD.equals(label(pod, Names.LABEL_NODE_TYPE));
  }

  /**
   * @param pod a pod
   * @return its worker group, or null
   */
  public static String group(Pod pod) {
    return label(pod, Names.LABEL_GROUP);
  }

  private static String label(Pod pod, String key) {
    return pod.getMetadata().getLabels() == null ? null : pod.getMetadata().getLabels().get(key);
  }
}
