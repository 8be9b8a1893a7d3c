package io.rustyray.e2e.kubelet;

import io.fabric8.kubernetes.api.model.Pod;

/** A pod's restartPolicy: whether a container that exited is started again. */
enum RestartPolicy {
  ALWAYS,
  ON_FAILURE,
  NEVER;

  /**
   * @param pod a pod
   * @return its restartPolicy (Always when unset or unknown, as the API server defaults it)
   */
  static RestartPolicy of(Pod pod) {
    String policy = pod.getSpec().getRestartPolicy();
    if ("Never".equals(policy)) {
      return NEVER;
    }
    return "OnFailure".equals(policy) ? ON_FAILURE : ALWAYS;
  }

  /**
   * @param exitCode how the container's process exited (null: unknown)
   * @return whether the container is started again
   */
  boolean restartsAfter(Integer exitCode) {
    return switch (this) {
      case NEVER -> false;
      case ON_FAILURE -> exitCode == null || exitCode != 0;
      case ALWAYS -> true;
    };
  }
}
