package io.rustyray.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.rustyray.e2e.harness.LocalControlPlane;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Operator figures on the real control plane (a benchmark that prints, not a timed test; run it
 * with {@code mvn -B -pl e2e verify -Dit.test=OperatorBench}): the time from {@code kubectl apply}
 * of a RustyActor to status ALIVE over 50 actors on a ready cluster, the time from a fresh
 * cluster's Ready to its first actor's ALIVE over several clusters, the time to bring 1,000
 * RustyActors to ALIVE, and the operator's resident memory at the end.
 */
class OperatorBench {
  private static final String NS = "bench-" + UUID.randomUUID().toString().substring(0, 6);
  private static final int FIRST_ACTOR_ROUNDS = 5;

  private static String cluster(String name) {
    return """
        apiVersion: rustyray.io/v1alpha1
        kind: RustyCluster
        metadata: {name: %s}
        spec:
          workerGroups: [{name: cpu, replicas: 2}]
        """
        .formatted(name);
  }

  /**
   * A Counter; a shared one runs in its node's worker for shared actors, so that a thousand of them
   * take a few JVMs rather than a thousand (each actor of its own takes a worker process).
   */
  private static String actor(String name, String cluster, boolean sharedWorker) {
    return """
        apiVersion: rustyray.io/v1alpha1
        kind: RustyActor
        metadata: {name: %s}
        spec: {clusterRef: %s, className: io.rustyray.examples.Counter, args: [0], sharedWorker: %s}
        """
        .formatted(name, cluster, sharedWorker);
  }

  @Test
  void printsApplyToAliveFirstActorThousandActorsAndOperatorMemory() throws Exception {
    try (LocalControlPlane controlPlane = new LocalControlPlane()) {
      controlPlane.up();
      controlPlane.applyCrds();
      controlPlane.kubectl("create", "namespace", NS);
      controlPlane.startOperator();
      Bench bench = new Bench(controlPlane);
      bench.createReadyCluster("bench");

      applyToAliveOneAtATime(bench);
      firstActorAfterReady(bench);
      thousandActorsToAlive(bench);
      operatorMemory(controlPlane);
      controlPlane.kubectl("delete", "namespace", NS, "--wait=false");
    }
  }

  private static void applyToAliveOneAtATime(Bench bench) throws Exception {
    List<Long> millis = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      long start = System.nanoTime();
      bench.applyAndAwaitAlive("one-" + i, "bench", true);
      millis.add((System.nanoTime() - start) / 1_000_000);
    }
    System.out.println("apply_to_alive_ms in order of the actors " + millis);
    System.out.println(
        "apply_to_alive_ms "
            + percentiles(millis)
            + " (50 actors, one at a time, including kubectl)");
  }

  /**
   * A user's first actor on a cluster that has just turned Ready: the clock starts when {@code
   * kubectl wait --for=condition=Ready rustycluster/X} returns. Each round is a fresh cluster,
   * deleted (with its pods) before the next.
   */
  private static void firstActorAfterReady(Bench bench) throws Exception {
    List<Long> millis = new ArrayList<>();
    List<String> nodesAliveAtReady = new ArrayList<>();
    for (int round = 0; round < FIRST_ACTOR_ROUNDS; round++) {
      String cluster = "first-" + round;
      bench.createReadyCluster(cluster);
      long ready = System.nanoTime();
      // What the cluster's status said at that moment: the head and the workers that had joined.
      nodesAliveAtReady.add(bench.jsonpath("rustycluster/" + cluster, "{.status.nodesAlive}"));
      bench.applyAndAwaitAlive("first-actor-" + round, cluster, false);
      millis.add((System.nanoTime() - ready) / 1_000_000);
      bench.delete("rustyactor/first-actor-" + round);
      bench.deleteClusterAndItsPods(cluster);
    }
    System.out.println("first_actor_after_ready_ms in order of the rounds " + millis);
    System.out.println("first_actor_after_ready nodesAlive at Ready " + nodesAliveAtReady);
    System.out.println(
        "first_actor_after_ready_ms "
            + percentiles(millis)
            + " ("
            + FIRST_ACTOR_ROUNDS
            + " fresh clusters of a head and 2 workers; from kubectl wait Ready returning to the"
            + " actor's kubectl wait Ready returning)");
  }

  private static void thousandActorsToAlive(Bench bench) throws Exception {
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 1000; i++) {
      many.append("---\n").append(actor("many-" + i, "bench", true));
    }
    Path manifest = Files.createTempFile("thousand-actors", ".yaml");
    Files.writeString(manifest, many);
    long start = System.nanoTime();
    bench.ok("apply", "-f", manifest.toString());
    long applied = System.nanoTime();
    while (true) {
      String states = bench.jsonpath("rustyactors", "{.items[*].status.state}");
      long alive = List.of(states.trim().split("\\s+")).stream().filter("ALIVE"::equals).count();
      if (alive >= 1050) {
        break;
      }
      if (Duration.ofNanos(System.nanoTime() - start).toMinutes() > 15) {
        throw new AssertionError("only " + alive + " actors ALIVE after 15 minutes");
      }
      Thread.sleep(500);
    }
    System.out.printf(
        "thousand_actors_to_alive_s %.1f (kubectl apply took %.1f s)%n",
        (System.nanoTime() - start) / 1e9, (applied - start) / 1e9);
  }

  private static void operatorMemory(LocalControlPlane controlPlane) throws Exception {
    System.out.printf("operator_rss_mib %d%n", controlPlane.operatorRssKib() / 1024);
    if (!Boolean.getBoolean("rustyray.operator.nmt")) {
      System.out.println(
          "operator_memory: run with -Drustyray.operator.nmt=true for the JVM's breakdown");
    } else {
      // Where the memory goes, as the JVM accounts for it (committed KiB per area).
      jcmd(controlPlane, "VM.native_memory", "summary")
          .lines()
          .map(String::trim)
          .filter(
              l ->
                  l.contains("committed=") && l.startsWith("-")
                      || l.startsWith("Total")
                      || l.startsWith("(thread #"))
          .forEach(l -> System.out.println("operator_memory " + l));
    }
    jcmd(controlPlane, "GC.heap_info")
        .lines()
        .skip(1)
        .forEach(l -> System.out.println("operator_heap " + l.trim()));
    // Threads by pool: which ones hold the thread stacks.
    jcmd(controlPlane, "Thread.print")
        .lines()
        .filter(l -> l.startsWith("\""))
        .map(l -> l.substring(1, l.indexOf('"', 1)).replaceAll("-thread-[0-9]+$", "-thread-N"))
        .collect(Collectors.groupingBy(n -> n, TreeMap::new, Collectors.counting()))
        .forEach((n, c) -> System.out.println("operator_threads " + c + " " + n));
  }

  /** "p50 X p95 Y max Z" of some durations, nearest rank. */
  private static String percentiles(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return "p50 %d p95 %d max %d"
        .formatted(rank(sorted, 0.50), rank(sorted, 0.95), sorted.get(sorted.size() - 1));
  }

  private static long rank(List<Long> sorted, double quantile) {
    int index = (int) Math.ceil(quantile * sorted.size()) - 1;
    return sorted.get(Math.max(0, index));
  }

  /** What {@code jcmd <operator> <command>} prints. */
  private static String jcmd(LocalControlPlane controlPlane, String... command) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("jcmd", "" + controlPlane.operatorPid()));
    cmd.addAll(List.of(command));
    return LocalControlPlane.run(Duration.ofMinutes(1), Map.of(), null, cmd).output();
  }

  /** kubectl in the bench's namespace, failing the run when a command fails. */
  private record Bench(LocalControlPlane controlPlane) {
    LocalControlPlane.Result ok(String... args) throws Exception {
      return check(controlPlane.kubectl(withNamespace(args)));
    }

    void apply(String manifest) throws Exception {
      check(controlPlane.kubectlWithInput(manifest, withNamespace("apply", "-f", "-")));
    }

    String jsonpath(String resource, String path) throws Exception {
      return ok("get", resource, "-o", "jsonpath=" + path).output();
    }

    void createReadyCluster(String name) throws Exception {
      apply(cluster(name));
      ok("wait", "--for=condition=Ready", "rustycluster/" + name, "--timeout=300s");
    }

    void applyAndAwaitAlive(String actor, String cluster, boolean sharedWorker) throws Exception {
      apply(actor(actor, cluster, sharedWorker));
      ok("wait", "--for=condition=Ready", "rustyactor/" + actor, "--timeout=120s");
    }

    void delete(String resource) throws Exception {
      ok("delete", resource, "--timeout=120s");
    }

    /** So that the next round's cluster does not share the machine with this one's JVMs. */
    void deleteClusterAndItsPods(String cluster) throws Exception {
      delete("rustycluster/" + cluster);
      // Polled, not `kubectl wait --for=delete`: kubectl 1.20 fails that when none are left.
      long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
      while (!ok("get", "pods", "-l", "rustyray.io/cluster=" + cluster, "-o", "name")
          .output()
          .isBlank()) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("the pods of " + cluster + " are still there after 3 minutes");
        }
        Thread.sleep(500);
      }
    }

    private String[] withNamespace(String... args) {
      List<String> all = new ArrayList<>(List.of("-n", NS));
      all.addAll(List.of(args));
      return all.toArray(String[]::new);
    }

    private static LocalControlPlane.Result check(LocalControlPlane.Result r) {
      assertThat(r.exitCode()).as(r.output()).isZero();
      return r;
    }
  }
}
