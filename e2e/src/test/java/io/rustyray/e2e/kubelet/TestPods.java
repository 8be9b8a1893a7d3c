package io.rustyray.e2e.kubelet;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.Serialization;

/** Pods written as YAML, as users and the operator write them. */
final class TestPods {
  private TestPods() {}

  static Pod pod(String yaml) {
    return Serialization.unmarshal(yaml, Pod.class);
  }
}
