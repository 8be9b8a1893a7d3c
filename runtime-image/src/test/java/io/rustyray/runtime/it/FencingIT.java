package io.rustyray.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rustyray.api.ActorHandle;
import io.rustyray.api.Rusty;
import io.rustyray.client.ClusterRuntime;
import io.rustyray.examples.Counter;
import io.rustyray.protocol.proto.ActorInfo;
import io.rustyray.protocol.proto.ActorState;
import io.rustyray.protocol.proto.NodeInfo;
import io.rustyray.protocol.proto.NodeState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A node the head declares dead never serves again under its old registration. A head with a 3 s
 * node timeout and two nodes; the node that hosts a detached Counter is paused with SIGSTOP for 9 s
 * (its worker processes keep running, so only their lease can stop them) while this process keeps
 * calling the actor through the handle it already holds.
 */
class FencingIT {
  private static final String TOKEN = "fencing-token-" + System.nanoTime();
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

  private static LocalCluster cluster;
  private static final Map<String, Process> nodes = new java.util.HashMap<>();

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = LocalCluster.startHead(TOKEN, "--no-node-agent", "--node-timeout-ms", "3000");
    nodes.put("w1", cluster.startWorker("w1", "{\"cpu\": 1}"));
    nodes.put("w2", cluster.startWorker("w2", "{\"cpu\": 1}"));
    Rusty.init(new ClusterRuntime(cluster.address(), TOKEN, "driver-fencing", ""));
  }

  @AfterAll
  static void stopCluster() throws Exception {
    Rusty.shutdown();
    if (cluster != null) {
      for (Process node : nodes.values()) {
        Signals.resume(node.pid());
      }
      cluster.close();
    }
  }

  private static int increment(ActorHandle<Counter> counter) {
    return counter.task(Counter::increment).remote().get(CALL_TIMEOUT);
  }

  @Test
  void aPausedNodeDeclaredDeadNeverAnswersAgainAndRejoinsEmpty() throws Exception {
    ActorHandle<Counter> counter =
        Rusty.actor(Counter::new, 0)
            .setName("fenced-counter")
            .setDetached(true)
            .setMaxRestarts(-1)
            .setResource("cpu", 1.0)
            .remote();
    List<Integer> answers = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      answers.add(increment(counter));
    }
    ActorInfo before = actorNamed("fenced-counter");
    String pausedNode = before.getNodeId();
    String otherNode = pausedNode.equals("w1") ? "w2" : "w1";
    long oldWorker = before.getWorkerPid();

    Signals.stop(nodes.get(pausedNode).pid());
    long resumeAt = System.nanoTime() + Duration.ofSeconds(9).toNanos();
    while (System.nanoTime() < resumeAt) {
      answers.add(increment(counter));
    }
    Signals.resume(nodes.get(pausedNode).pid());
    for (int i = 0; i < 5; i++) {
      answers.add(increment(counter));
    }

    ActorInfo after = actorNamed("fenced-counter");
    assertThat(after.getState()).isEqualTo(ActorState.ALIVE);
    assertThat(after.getNodeId()).as("it moved to the node that kept running").isEqualTo(otherNode);
    assertThat(after.getRestarts()).isEqualTo(1);
    assertThatAnswersCameFromOneInstanceAtATime(answers);

    LocalCluster.CliResult fresh =
        cluster.cli(
            Map.of(),
            "driver",
            "--namespace",
            Rusty.getNamespace(),
            "io.rustyray.examples.CounterClient",
            "fenced-counter");
    int last = answers.get(answers.size() - 1);
    assertThat(fresh.stdout())
        .as("a fresh client reaches the same instance: " + fresh.stderr())
        .contains("is now " + (last + 1));

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              NodeInfo rejoined = cluster.node(pausedNode).orElseThrow();
              assertThat(rejoined.getState()).isEqualTo(NodeState.NODE_ALIVE);
              assertThat(rejoined.getResourcesAvailable().getAmountsMap())
                  .as("it rejoined with nothing on it, all of its resources free")
                  .containsEntry("cpu", 1.0);
              assertThat(Signals.alive(oldWorker))
                  .as("the old instance's worker process ended")
                  .isFalse();
            });
    assertThat(cluster.node(otherNode).orElseThrow().getResourcesAvailable().getAmountsMap())
        .containsEntry("cpu", 0.0);
  }

  /**
   * The old instance counts 1, 2, ... and may answer until the head declares its node dead; then
   * the new one counts from 1 again. An answer from the old instance after the new one has answered
   * is two live copies of one actor.
   */
  private static void assertThatAnswersCameFromOneInstanceAtATime(List<Integer> answers) {
    int resets = 0;
    for (int i = 1; i < answers.size(); i++) {
      int expected = answers.get(i - 1) + 1;
      if (answers.get(i) == 1) {
        resets++;
      } else {
        assertThat(answers.get(i)).as("answer %d of %s", i, answers).isEqualTo(expected);
      }
    }
    assertThat(answers.get(0)).isEqualTo(1);
    assertThat(resets).as("one restart, in %s", answers).isEqualTo(1);
  }

  private static ActorInfo actorNamed(String name) {
    return cluster.actors().stream()
        .filter(a -> a.getName().equals(name) && a.getState() != ActorState.DEAD)
        .findFirst()
        .orElseThrow();
  }
}
