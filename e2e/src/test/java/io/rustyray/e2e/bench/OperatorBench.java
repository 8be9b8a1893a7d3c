package io.rustyray.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.rustyray.e2e.harness.LocalControlPlane;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Operator figures on the real control plane (a benchmark that prints, not a timed test; run it
 * with {@code mvn -B -pl e2e verify -Dit.test=OperatorBench}): the time from {@code kubectl apply}
 * of a RustyActor to status ALIVE over 50 actors on a ready cluster, the time to bring 1,000
 * RustyActors to ALIVE, and the operator's resident memory at the end.
 */
class OperatorBench {
  private static final String NS = "bench-" + UUID.randomUUID().toString().substring(0, 6);

  private static String actor(String name) {
    return """
        apiVersion: rustyray.io/v1alpha1
        kind: RustyActor
        metadata: {name: %s}
        spec: {clusterRef: bench, className: io.rustyray.examples.Counter, args: [0]}
        """
        .formatted(name);
  }

  @Test
  void printsApplyToAliveLatencyThousandActorsAndOperatorMemory() throws Exception {
    try (LocalControlPlane controlPlane = new LocalControlPlane()) {
      controlPlane.up();
      controlPlane.applyCrds();
      controlPlane.kubectl("create", "namespace", NS);
      controlPlane.startOperator();
      ok(
          controlPlane.kubectlWithInput(
              """
              apiVersion: rustyray.io/v1alpha1
              kind: RustyCluster
              metadata: {name: bench}
              spec:
                workerGroups: [{name: cpu, replicas: 2}]
              """,
              "-n",
              NS,
              "apply",
              "-f",
              "-"));
      ok(
          controlPlane.kubectl(
              "-n", NS, "wait", "--for=condition=Ready", "rustycluster/bench", "--timeout=300s"));

      List<Long> millis = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        String name = "one-" + i;
        long start = System.nanoTime();
        ok(controlPlane.kubectlWithInput(actor(name), "-n", NS, "apply", "-f", "-"));
        ok(
            controlPlane.kubectl(
                "-n", NS, "wait", "--for=condition=Ready", "rustyactor/" + name, "--timeout=120s"));
        millis.add((System.nanoTime() - start) / 1_000_000);
      }
      System.out.println("apply_to_alive_ms in order of the actors " + millis);
      Collections.sort(millis);
      System.out.printf(
          "apply_to_alive_ms p50 %d p95 %d max %d (50 actors, one at a time, including kubectl)%n",
          millis.get(24), millis.get(47), millis.get(49));

      StringBuilder many = new StringBuilder();
      for (int i = 0; i < 1000; i++) {
        many.append("---\n").append(actor("many-" + i));
      }
      Path manifest = Files.createTempFile("thousand-actors", ".yaml");
      Files.writeString(manifest, many);
      long start = System.nanoTime();
      ok(controlPlane.kubectl("-n", NS, "apply", "-f", manifest.toString()));
      long applied = System.nanoTime();
      while (true) {
        String states =
            controlPlane
                .kubectl("-n", NS, "get", "rustyactors", "-o", "jsonpath={.items[*].status.state}")
                .output();
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
          .collect(
              java.util.stream.Collectors.groupingBy(
                  n -> n, java.util.TreeMap::new, java.util.stream.Collectors.counting()))
          .forEach((n, c) -> System.out.println("operator_threads " + c + " " + n));
      controlPlane.kubectl("delete", "namespace", NS, "--wait=false");
    }
  }

  /** What {@code jcmd <operator> <command>} prints. */
  private static String jcmd(LocalControlPlane controlPlane, String... command) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("jcmd", "" + controlPlane.operatorPid()));
    cmd.addAll(List.of(command));
    return LocalControlPlane.run(Duration.ofMinutes(1), java.util.Map.of(), null, cmd).output();
  }

  private static LocalControlPlane.Result ok(LocalControlPlane.Result r) {
    assertThat(r.exitCode()).as(r.output()).isZero();
    return r;
  }
}
