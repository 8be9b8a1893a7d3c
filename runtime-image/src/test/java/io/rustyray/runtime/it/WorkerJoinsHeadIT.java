package io.rustyray.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rustyray.protocol.proto.NodeState;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker started before its head, or whose head was replaced at a new address, joins within about
 * a second of the head answering: it retries every second on a fresh channel with a fresh lookup,
 * instead of waiting out gRPC's backoffs and the JVM's cache of lookups. The head's name lives in a
 * hosts file that the worker's JVM reads at every lookup (as the e2e node agent publishes Service
 * names), so that the name can start to resolve, and move, at a chosen moment.
 */
class WorkerJoinsHeadIT {
  private static final String TOKEN = "join-token-" + System.nanoTime();
  private static final String HEAD_NAME = "head.rustyray.test";

  /** The worker retries every second; the rest is one lookup, one connection and one call. */
  private static final Duration JOIN_WITHIN = Duration.ofMillis(2500);

  @TempDir Path dir;

  @Test
  void workerStartedBeforeItsHeadsNameResolvesJoinsSoonAfterAndFollowsTheHeadToANewAddress()
      throws Exception {
    Path hosts = dir.resolve("hosts");
    publish(hosts, null);
    try (LocalCluster cluster = LocalCluster.withoutHead(TOKEN)) {
      cluster.launchWorker(
          "early", HEAD_NAME + ":" + cluster.headPort(), "-Djdk.net.hosts.file=" + hosts);
      awaitLog(cluster, "early", "cannot register with the head at " + HEAD_NAME);

      Process first = cluster.startHeadAt("127.0.0.1");
      long up = System.nanoTime();
      publish(hosts, "127.0.0.1");
      Duration joined = awaitAlive(cluster, "early", up);

      first.destroyForcibly().waitFor();
      cluster.startHeadAt("127.0.0.2");
      long replaced = System.nanoTime();
      publish(hosts, "127.0.0.2");
      Duration rejoined = awaitAlive(cluster, "early", replaced);

      System.out.printf(
          "worker started before its head's name resolved: joined %d ms after the head came up;"
              + " rejoined the head replaced at a new address %d ms after it came up%n",
          joined.toMillis(), rejoined.toMillis());
      assertThat(joined).isLessThan(JOIN_WITHIN);
      assertThat(rejoined).isLessThan(JOIN_WITHIN);
      // The head counts the node alive before the worker has read the reply and logged it.
      awaitLog(cluster, "early", "joined the cluster of the head at");
      String log = cluster.log("early");
      assertThat(count(log, "WARN .*cannot register with the head at " + HEAD_NAME))
          .as("one warning per streak of failures, not one a second")
          .isEqualTo(1);
      assertThat(log).containsPattern("INFO .*node early joined the cluster of the head at");
    }
  }

  @Test
  void workerStartedBeforeItsHeadListensJoinsSoonAfterTheHeadComesUp() throws Exception {
    try (LocalCluster cluster = LocalCluster.withoutHead(TOKEN)) {
      cluster.launchWorker("eager", cluster.address(), "");
      awaitLog(cluster, "eager", "cannot register with the head at " + cluster.address());

      cluster.startHeadAt("127.0.0.1");
      long up = System.nanoTime();
      Duration joined = awaitAlive(cluster, "eager", up);

      System.out.printf(
          "worker started before its head listened: joined %d ms after the head came up%n",
          joined.toMillis());
      assertThat(joined).isLessThan(JOIN_WITHIN);
      awaitLog(cluster, "eager", "joined the cluster of the head at");
      assertThat(cluster.log("eager"))
          .containsPattern("INFO .*node eager joined the cluster of the head at .*after");
    }
  }

  /** Maps the head's name to {@code ip} in the worker's hosts file, or to nothing. */
  private static void publish(Path hosts, String ip) throws IOException {
    String self = InetAddress.getLocalHost().getHostName();
    Path next = hosts.resolveSibling("hosts.next");
    Files.writeString(
        next,
        "127.0.0.1 localhost " + self + "\n" + (ip == null ? "" : ip + " " + HEAD_NAME + "\n"));
    Files.move(next, hosts, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  private static void awaitLog(LocalCluster cluster, String name, String text) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .ignoreExceptions()
        .until(() -> cluster.log(name).contains(text));
  }

  private static Duration awaitAlive(LocalCluster cluster, String nodeId, long sinceNanos) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(50))
        .ignoreExceptions()
        .until(
            () ->
                cluster.node(nodeId).map(n -> n.getState() == NodeState.NODE_ALIVE).orElse(false));
    return Duration.ofNanos(System.nanoTime() - sinceNanos);
  }

  private static long count(String log, String regex) {
    return Pattern.compile(regex).matcher(log).results().count();
  }
}
