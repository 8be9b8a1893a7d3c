package io.rustyray.local;

import io.rustyray.api.NodeInfo;
import java.util.Map;

/** The one node of local mode, as {@code Rusty.getAllNodeInfo()} lists it. */
final class LocalNode {
  private LocalNode() {}

  /**
   * Local mode schedules no resources (see LocalRuntime): its node offers as many cpus as it runs
   * tasks at once, all of them always available.
   */
  static NodeInfo info(String nodeId, int taskThreads) {
    Map<String, Double> cpus = Map.of("cpu", (double) taskThreads);
    return new NodeInfo(nodeId, "local", true, true, cpus, cpus);
  }
}
