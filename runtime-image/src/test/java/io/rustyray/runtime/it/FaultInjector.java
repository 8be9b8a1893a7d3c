package io.rustyray.runtime.it;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Kills and pauses the processes of a {@link LocalCluster} as a kernel, an OOM killer or a stalled
 * VM would, replacing what it killed: a head SIGKILLed is followed by a new head on the same store,
 * a node SIGKILLed by a new node with the same resources. Which node and how long a pause lasts
 * come from a seeded {@link Random}, so a failing run can be replayed.
 */
final class FaultInjector {
  /** The faults, in the order the rounds take them. */
  enum Fault {
    HEAD_KILL("head-kill"),
    HEAD_STOP("head-stop"),
    NODE_KILL("node-kill"),
    NODE_STOP("node-stop");

    final String label;

    Fault(String label) {
      this.label = label;
    }
  }

  private final LocalCluster cluster;
  private final String[] headArgs;
  private final String nodeResources;
  private final Random random;
  private Process head;
  private final Map<String, Process> nodes = new LinkedHashMap<>();
  private int nodesStarted;

  FaultInjector(LocalCluster cluster, String[] headArgs, String nodeResources, Random random) {
    this.cluster = cluster;
    this.headArgs = headArgs;
    this.nodeResources = nodeResources;
    this.random = random;
  }

  void startHead() throws IOException {
    head = cluster.startHeadAt("127.0.0.1", headArgs);
  }

  void startNode() throws IOException {
    String nodeId = "w" + ++nodesStarted;
    nodes.put(nodeId, cluster.startWorker(nodeId, nodeResources));
  }

  /** The node ids that run now. */
  List<String> nodeIds() {
    return new ArrayList<>(nodes.keySet());
  }

  /**
   * Injects {@code fault} and undoes it (a new process, or SIGCONT after the pause).
   *
   * @param target the node to hit, for node faults
   * @return what was done, for the report
   */
  String inject(Fault fault, String target) throws IOException, InterruptedException {
    switch (fault) {
      case HEAD_KILL -> {
        Signals.kill(head.pid());
        head.waitFor();
        long down = System.nanoTime();
        startHead();
        return "SIGKILL head, new head on the same store answered after "
            + (System.nanoTime() - down) / 1_000_000
            + " ms";
      }
      case HEAD_STOP -> {
        long pauseMs = 2_000 + random.nextInt(4_001);
        pause(head, pauseMs);
        return "SIGSTOP head for " + pauseMs + " ms, then SIGCONT";
      }
      case NODE_KILL -> {
        Process node = nodes.remove(target);
        Signals.kill(node.pid());
        node.waitFor();
        startNode();
        return "SIGKILL node " + target + ", new node w" + nodesStarted + " joined";
      }
      case NODE_STOP -> {
        long pauseMs = 1_000 + random.nextInt(7_001);
        pause(nodes.get(target), pauseMs);
        return "SIGSTOP node "
            + target
            + " for "
            + pauseMs
            + " ms ("
            + (pauseMs > 3_000 ? "past" : "within")
            + " the 3 s node timeout), then SIGCONT";
      }
      default -> throw new IllegalArgumentException(fault.toString());
    }
  }

  private static void pause(Process process, long millis) throws IOException, InterruptedException {
    Signals.stop(process.pid());
    try {
      Thread.sleep(millis);
    } finally {
      Signals.resume(process.pid());
    }
  }

  /** Resumes every process, in case a failure left one stopped, so that close() can end it. */
  void resumeAll() {
    List<Process> all = new ArrayList<>(nodes.values());
    if (head != null) {
      all.add(head);
    }
    for (Process p : all) {
      try {
        Signals.resume(p.pid());
      } catch (IOException | InterruptedException e) {
        // Already gone: nothing to resume.
      }
    }
  }
}
