package io.rustyray.runtime.it;

import static org.awaitility.Awaitility.await;

import io.rustyray.api.ActorHandle;
import io.rustyray.api.ObjectRef;
import io.rustyray.api.Rusty;
import io.rustyray.api.exception.RustyException;
import io.rustyray.client.ClusterRuntime;
import io.rustyray.examples.Counter;
import io.rustyray.examples.Fns;
import io.rustyray.protocol.proto.ActorInfo;
import io.rustyray.protocol.proto.ActorState;
import io.rustyray.protocol.proto.GetHeadInfoRequest;
import io.rustyray.runtime.gcs.store.RedisServerProcess;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * What a head failover costs and what durability costs, per GCS store (memory, {@code file:},
 * Redis), in one run on this machine: a benchmark that prints figures, not a timed test. For each
 * store: K head SIGKILLs (a new head on the same store right after), timing from the kill to the
 * first task that succeeds (a fresh submission, which waits for the head) and to the first actor
 * call that succeeds (through a handle held from before; a memory head forgets the actor, so there
 * the user re-creates it by name, and the output says how often); then actor creations/s and
 * tasks/s against a head on that store.
 *
 * <p>{@code -Drustyray.bench.kills} (5), {@code -Drustyray.bench.actors} (200) and {@code
 * -Drustyray.bench.tasks} (2000) size it; the table also goes to {@code
 * target/head-failover-bench.txt}.
 */
class HeadFailoverBench {
  private static final String TOKEN = "bench-token-" + System.nanoTime();
  private static final Duration BOUND = Duration.ofSeconds(90);
  private static final String COUNTER = "failover-counter";

  private final int kills = Integer.getInteger("rustyray.bench.kills", 5);
  private final int actors = Integer.getInteger("rustyray.bench.actors", 200);
  private final int tasks = Integer.getInteger("rustyray.bench.tasks", 2000);

  /** One store's figures. */
  private record Figures(
      List<Long> toTaskMs,
      List<Long> toHeldCallMs,
      List<Long> toNamedCallMs,
      int recreated,
      double creationsPerSecond,
      double tasksPerSecond) {}

  @Test
  void printsFailoverTimesAndThroughputForEachStore() throws Exception {
    long started = System.nanoTime();
    Map<String, Figures> figures = new LinkedHashMap<>();
    figures.put("memory", measure(null));
    figures.put("file", measure("file:" + Files.createTempDirectory("rustyray-bench-file")));
    try (RedisServerProcess redis =
        RedisServerProcess.start(Files.createTempDirectory("rustyray-bench-redis"))) {
      figures.put("redis", measure(redis.uri()));
    }
    String table = table(figures, (System.nanoTime() - started) / 1_000_000_000L);
    System.out.println(table);
    Path out = Path.of("target", "head-failover-bench.txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, table);
  }

  private Figures measure(String store) throws Exception {
    List<String> headArgs =
        new ArrayList<>(List.of("--no-node-agent", "--recovery-grace-ms", "4000"));
    if (store != null) {
      headArgs.addAll(List.of("--gcs-store", store));
    }
    String[] args = headArgs.toArray(String[]::new);
    try (LocalCluster cluster = LocalCluster.withoutHead(TOKEN)) {
      Process head = cluster.startHeadAt("127.0.0.1", args);
      cluster.startWorker("bench-node", "{\"cpu\": 2}");
      Rusty.init(new ClusterRuntime(cluster.address(), TOKEN, "driver-bench", ""));
      try {
        List<Long> toTask = new ArrayList<>();
        List<Long> toHeldCall = new ArrayList<>();
        List<Long> toNamedCall = new ArrayList<>();
        ActorHandle<Counter> held = counterNamed();
        held.task(Counter::increment).remote().get(BOUND);
        int recreated = 0;
        for (int k = 0; k < kills; k++) {
          Signals.kill(head.pid());
          head.waitFor();
          long killed = System.nanoTime();
          ActorHandle<Counter> before = held;
          CompletableFuture<Long> task = CompletableFuture.supplyAsync(() -> firstTask(killed));
          CompletableFuture<Long> heldCall =
              CompletableFuture.supplyAsync(() -> firstCall(before, killed));
          boolean[] created = {false};
          CompletableFuture<Long> namedCall =
              CompletableFuture.supplyAsync(() -> firstCallByName(killed, created));
          head = cluster.startHeadAt("127.0.0.1", args);
          toTask.add(task.get(BOUND.toSeconds(), TimeUnit.SECONDS));
          toHeldCall.add(heldCall.get(BOUND.toSeconds(), TimeUnit.SECONDS));
          toNamedCall.add(namedCall.get(BOUND.toSeconds(), TimeUnit.SECONDS));
          recreated += created[0] ? 1 : 0;
          awaitSettled(cluster);
          // A memory head forgot the old actor: the one found by name is held from now on.
          held = Rusty.<Counter>getActor(COUNTER).orElseThrow();
        }
        double creations = creationsPerSecond(cluster);
        double taskRate = tasksPerSecond();
        return new Figures(toTask, toHeldCall, toNamedCall, recreated, creations, taskRate);
      } finally {
        Rusty.shutdown();
      }
    }
  }

  private static ActorHandle<Counter> counterNamed() {
    return Rusty.actor(Counter::new, 0).setName(COUNTER).setDetached(true).remote();
  }

  /** Submits fresh tasks until one succeeds; returns the milliseconds since the kill. */
  private static long firstTask(long killed) {
    return retry(
        () -> {
          ObjectRef<Integer> sum = Rusty.task(Fns::add, 1, 2).remote();
          return sum.get(BOUND) == 3;
        },
        killed);
  }

  /** Calls the counter through the handle held from before the kill until a call succeeds. */
  private static long firstCall(ActorHandle<Counter> held, long killed) {
    return retry(
        () -> {
          held.task(Counter::increment).remote().get(BOUND);
          return true;
        },
        killed);
  }

  /**
   * What a new client does: finds the counter by name on the head and calls it, creating it again
   * when the head does not know it (a memory head forgot it).
   */
  private static long firstCallByName(long killed, boolean[] created) {
    return retry(
        () -> {
          ActorHandle<Counter> found =
              Rusty.<Counter>getActor(COUNTER)
                  .orElseGet(
                      () -> {
                        created[0] = true;
                        return counterNamed();
                      });
          found.task(Counter::increment).remote().get(BOUND);
          return true;
        },
        killed);
  }

  private static long retry(Supplier<Boolean> attempt, long since) {
    long deadline = since + BOUND.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (attempt.get()) {
          return (System.nanoTime() - since) / 1_000_000;
        }
      } catch (RustyException e) {
        // The head is not back yet: what a user's retry loop would see.
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException("nothing succeeded within " + BOUND + " of the head kill");
  }

  /** The new head has recovered and the counter is ALIVE on it before the next kill. */
  private static void awaitSettled(LocalCluster cluster) {
    await()
        .atMost(BOUND)
        .pollInterval(Duration.ofMillis(100))
        .ignoreExceptions()
        .until(
            () ->
                !cluster.gcs().getHeadInfo(GetHeadInfoRequest.getDefaultInstance()).getRecovering()
                    && cluster.aliveNodes().size() == 1
                    && cluster.actors().stream()
                        .anyMatch(
                            a -> a.getName().equals(COUNTER) && a.getState() == ActorState.ALIVE));
  }

  /** Small actors in the node's shared worker: from the first create to all of them ALIVE. */
  private double creationsPerSecond(LocalCluster cluster) {
    long start = System.nanoTime();
    Set<String> ids = new HashSet<>();
    // Unnamed actors end once their handles are unreachable: the bench keeps them.
    List<ActorHandle<Counter>> handles = new ArrayList<>();
    for (int i = 0; i < actors; i++) {
      ActorHandle<Counter> handle = Rusty.actor(Counter::new, i).setSharedWorker(true).remote();
      handles.add(handle);
      ids.add(handle.getId());
    }
    await()
        .atMost(BOUND)
        .pollInterval(Duration.ofMillis(50))
        .until(
            () ->
                cluster.actors().stream()
                        .filter(a -> ids.contains(a.getActorId()))
                        .map(ActorInfo::getState)
                        .filter(s -> s == ActorState.ALIVE)
                        .count()
                    == actors);
    Reference.reachabilityFence(handles);
    return actors / seconds(start);
  }

  private double tasksPerSecond() {
    List<ObjectRef<Integer>> warmUp = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      warmUp.add(Rusty.task(Fns::add, i, 1).remote());
    }
    Rusty.get(warmUp, BOUND);
    long start = System.nanoTime();
    List<ObjectRef<Integer>> refs = new ArrayList<>(tasks);
    for (int i = 0; i < tasks; i++) {
      refs.add(Rusty.task(Fns::add, i, 1).remote());
    }
    Rusty.get(refs, BOUND);
    return tasks / seconds(start);
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }

  private String table(Map<String, Figures> figures, long wallSeconds) {
    StringBuilder t = new StringBuilder();
    String title = "head failover (K=" + kills + " kills, this machine)";
    t.append(String.format("%-47s", title));
    figures.keySet().forEach(s -> t.append(String.format("%14s", s)));
    t.append('\n');
    row(t, "head SIGKILL -> first task p50/p95 (ms)", figures, f -> p50p95(f.toTaskMs()));
    row(t, "head SIGKILL -> first actor call p50/p95 (ms)", figures, f -> p50p95(f.toHeldCallMs()));
    row(
        t,
        "head SIGKILL -> actor by name, called p50/p95",
        figures,
        f -> p50p95(f.toNamedCallMs()));
    row(t, "  re-created by name (head forgot it)", figures, f -> f.recreated() + "/" + kills);
    row(
        t,
        "actor creations/s (" + actors + ", shared worker)",
        figures,
        f -> String.format("%.0f", f.creationsPerSecond()));
    row(
        t,
        "tasks/s (" + tasks + " Fns.add)",
        figures,
        f -> String.format("%.0f", f.tasksPerSecond()));
    t.append(
        "first actor call: through a handle held from before the kill, straight to its worker"
            + " (a memory head then drops that instance when the node registers again).\n"
            + "actor by name: a lookup on the new head and a call; where the head forgot the actor"
            + " (memory) the user creates it again (state reset). Run took "
            + wallSeconds
            + " s.\n");
    return t.toString();
  }

  private static void row(
      StringBuilder t,
      String label,
      Map<String, Figures> figures,
      java.util.function.Function<Figures, String> cell) {
    t.append(String.format("%-47s", label));
    figures.values().forEach(f -> t.append(String.format("%14s", cell.apply(f))));
    t.append('\n');
  }

  private static String p50p95(List<Long> millis) {
    List<Long> sorted = millis.stream().sorted().toList();
    return percentile(sorted, 0.50) + "/" + percentile(sorted, 0.95);
  }

  /** Nearest rank: with 5 samples p95 is the largest. */
  private static long percentile(List<Long> sorted, double p) {
    int rank = (int) Math.ceil(p * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }
}
