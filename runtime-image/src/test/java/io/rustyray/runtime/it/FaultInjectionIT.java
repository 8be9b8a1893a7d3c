package io.rustyray.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rustyray.api.ActorHandle;
import io.rustyray.api.Checkpoint;
import io.rustyray.api.Rusty;
import io.rustyray.api.exception.RustyException;
import io.rustyray.api.function.RustyFunc1;
import io.rustyray.client.ClusterRuntime;
import io.rustyray.examples.Counter;
import io.rustyray.examples.DurableCounter;
import io.rustyray.protocol.proto.ActorInfo;
import io.rustyray.protocol.proto.ActorState;
import io.rustyray.protocol.proto.GetHeadInfoRequest;
import io.rustyray.protocol.proto.NodeInfo;
import io.rustyray.protocol.proto.NodeState;
import io.rustyray.runtime.it.FaultInjector.Fault;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Faults injected into real processes under load, in bounded rounds: a head on a file store and
 * three nodes, four detached Counters (two of them DurableCounters, whose counts never start again)
 * called without pause through the handles this process holds, and tasks submitted without pause.
 * Each round SIGKILLs or SIGSTOPs the head or a node (in rotation; the seed is printed, {@code
 * -Drustyray.faults.seed} replays it), lets the cluster settle, then checks that every actor has
 * one live instance that old and fresh clients agree on, that no acknowledged call was lost, and
 * that every task answered or failed clearly.
 *
 * <p>{@code -Drustyray.faults.rounds} (8) and {@code -Drustyray.faults.seconds} (240) bound it.
 */
class FaultInjectionIT {
  private static final String TOKEN = "faults-token-" + System.nanoTime();

  /** Every client of the suite shares its named counters: one namespace for all of them. */
  private static final String NAMESPACE = "fault-injection";

  private static final int COUNTERS = 4;
  private static final int NODES = 3;
  private static final String NODE_RESOURCES = "{\"cpu\": 3}";
  private static final Duration SETTLE_BOUND = Duration.ofSeconds(60);
  private static final Duration OLD_INSTANCES_GONE_BOUND = Duration.ofSeconds(15);

  /** A settled cluster answers a call in well under this. */
  private static final Duration CHECK_CALL_BOUND = Duration.ofSeconds(20);

  private static final Pattern COUNTER_CLIENT = Pattern.compile("Counter (\\S+) is now (\\d+)");
  private static final RustyFunc1<Counter, Integer> INCREMENT = Counter::increment;

  private LocalCluster cluster;
  private FaultInjector faults;
  private ClusterLoad load;
  private final Map<String, Set<Long>> workerPids = new ConcurrentHashMap<>();

  /** Counters the head declared DEAD: reported once, then left out of the checks. */
  private final Set<String> dead = ConcurrentHashMap.newKeySet();

  private volatile boolean sampling = true;

  @AfterEach
  void stop() throws Exception {
    sampling = false;
    if (load != null) {
      load.close();
    }
    Rusty.shutdown();
    if (faults != null) {
      faults.resumeAll();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void headAndNodeKillsAndPausesLeaveOneInstancePerActorAndLoseNoAcknowledgedCall()
      throws Exception {
    int rounds = Integer.getInteger("rustyray.faults.rounds", 8);
    long bound = Long.getLong("rustyray.faults.seconds", 240) * 1_000_000_000L;
    long seed = Long.getLong("rustyray.faults.seed", System.currentTimeMillis());
    long started = System.nanoTime();
    Random random = new Random(seed);
    System.out.println("fault suite: seed=" + seed + " rounds=" + rounds);

    cluster = LocalCluster.withoutHead(TOKEN);
    String store = "file:" + Files.createTempDirectory("rustyray-faults-gcs");
    String[] headArgs = {
      "--no-node-agent",
      "--gcs-store",
      store,
      "--node-timeout-ms",
      "3000",
      "--recovery-grace-ms",
      "4000"
    };
    faults = new FaultInjector(cluster, headArgs, NODE_RESOURCES, random);
    faults.startHead();
    for (int i = 0; i < NODES; i++) {
      faults.startNode();
    }
    Rusty.init(new ClusterRuntime(cluster.address(), TOKEN, "driver-faults", "", NAMESPACE));
    Map<CounterLedger, ActorHandle<Counter>> counters = new LinkedHashMap<>();
    for (int i = 0; i < COUNTERS; i++) {
      // Half of them durable: the same calls, and their counts must never start again.
      boolean durable = i % 2 == 1;
      String name = (durable ? "fault-durable-counter-" : "fault-counter-") + i;
      ActorHandle<Counter> handle = durable ? durableCounter(name) : counter(name);
      CounterLedger ledger = new CounterLedger(name, durable);
      ledger.acknowledged(
          handle.task(Counter::increment).remote().get(ClusterLoad.CALL_BOUND), "the old client");
      counters.put(ledger, handle);
    }
    startSamplingWorkerPids(counters.values());
    load = ClusterLoad.start(counters);

    List<String> violations = new ArrayList<>();
    Map<String, Integer> faultCounts = new TreeMap<>();
    int firstFault = random.nextInt(Fault.values().length);
    int done = 0;
    boolean stoppedEarly = false;
    for (int round = 1; round <= rounds; round++) {
      if (System.nanoTime() - started > bound) {
        stoppedEarly = true;
        break;
      }
      Fault fault = Fault.values()[(firstFault + round - 1) % Fault.values().length];
      List<String> found =
          round(round, fault, random, counters, System.nanoTime() - started > bound / 2);
      violations.addAll(found);
      faultCounts.merge(fault.label, 1, Integer::sum);
      done++;
    }
    load.close();
    violations.addAll(load.violations());
    counters.keySet().forEach(l -> violations.addAll(l.violations()));
    int resets = counters.keySet().stream().mapToInt(CounterLedger::totalResets).sum();
    int durableResets =
        counters.keySet().stream()
            .filter(CounterLedger::durable)
            .mapToInt(CounterLedger::totalResets)
            .sum();

    long seconds = (System.nanoTime() - started) / 1_000_000_000L;
    System.out.println(
        "fault suite: rounds="
            + done
            + " faults="
            + faultCounts
            + " calls="
            + load.calls()
            + " tasks="
            + load.tasks()
            + " resets="
            + resets
            + " (durable "
            + durableResets
            + ")"
            + " violations="
            + violations.size()
            + " (seed="
            + seed
            + ", "
            + seconds
            + " s"
            + (stoppedEarly ? ", stopped early at the " + bound / 1_000_000_000L + " s bound" : "")
            + ")");
    violations.forEach(v -> System.out.println("  violation: " + v));
    assertThat(violations).as("violations (seed " + seed + ")").isEmpty();
  }

  private static ActorHandle<Counter> counter(String name) {
    return Rusty.actor(Counter::new, 0)
        .setName(name)
        .setDetached(true)
        .setMaxRestarts(-1)
        .setResource("cpu", 1.0)
        .remote();
  }

  /** A DurableCounter is a Counter: its handle takes the same calls. */
  @SuppressWarnings("unchecked")
  private static ActorHandle<Counter> durableCounter(String name) {
    ActorHandle<?> handle =
        Rusty.actor(DurableCounter::new, 0)
            .setName(name)
            .setDetached(true)
            .setMaxRestarts(-1)
            .setResource("cpu", 1.0)
            .setCheckpoint(Checkpoint.everyCall())
            .remote();
    return (ActorHandle<Counter>) handle;
  }

  /**
   * One fault under load, then the checks with the callers paused.
   *
   * @param hurry whether half the time bound is gone: the round lets the load run for less
   * @return the violations found in the round's checks
   */
  private List<String> round(
      int round,
      Fault fault,
      Random random,
      Map<CounterLedger, ActorHandle<Counter>> counters,
      boolean hurry)
      throws Exception {
    long roundStart = System.nanoTime();
    long callsBefore = load.calls();
    long tasksBefore = load.tasks();
    Map<String, Integer> restartsBefore = restarts(counters.values());
    load.round(round);
    Thread.sleep(hurry ? 1_000 : 2_000); // load before the fault
    String target = nodeToHit(random);
    String what = faults.inject(fault, target);

    List<String> found = new ArrayList<>();
    long settleStart = System.nanoTime();
    try {
      awaitSettled(counters.values());
    } catch (ConditionTimeoutException e) {
      found.add("round " + round + ": the cluster did not settle in " + SETTLE_BOUND + ": " + e);
    }
    long settledMs = (System.nanoTime() - settleStart) / 1_000_000;
    Thread.sleep(1_000); // calls flow to whatever instances the recovery left
    load.pause();
    try {
      List<CounterLedger> ledgers = new ArrayList<>(counters.keySet());
      checkNoneDied(round, counters, found);
      for (CounterLedger ledger : ledgers) {
        if (checked(ledger, counters)) {
          checkOneLiveInstance(round, ledger, counters.get(ledger), found);
        }
      }
      checkClientsAgree(round, counters, found);
      replaceOldClientIfHung(round, counters, found);
      Map<String, Integer> restartsAfter = restarts(counters.values());
      StringBuilder restarted = new StringBuilder();
      for (CounterLedger ledger : ledgers) {
        String id = counters.get(ledger).getId();
        int delta = restartsAfter.getOrDefault(id, 0) - restartsBefore.getOrDefault(id, 0);
        int resets = ledger.endRound(delta);
        if (delta > 0 || resets > 0) {
          restarted.append(' ').append(ledger.name()).append(" restarts+").append(delta);
          restarted.append(" resets=").append(resets);
        }
      }
      System.out.printf(
          "round %d %s: %s; settled in %d ms; calls=%d tasks=%d call failures=%s task failures=%s%s;"
              + " round took %d ms, violations so far %d%n",
          round,
          fault.label,
          what,
          settledMs,
          load.calls() - callsBefore,
          load.tasks() - tasksBefore,
          load.drainCallFailures(),
          load.drainTaskFailures(),
          restarted.length() == 0 ? "; no restarts" : ";" + restarted,
          (System.nanoTime() - roundStart) / 1_000_000,
          found.size()
              + load.violations().size()
              + ledgers.stream().mapToInt(l -> l.violations().size()).sum());
    } finally {
      load.resume();
    }
    return found;
  }

  /** A node that hosts a counter if there is one, so that node faults hit actors. */
  private String nodeToHit(Random random) {
    List<String> nodes = faults.nodeIds();
    List<String> hosting = new ArrayList<>();
    try {
      for (ActorInfo a : cluster.actors()) {
        if (a.getState() == ActorState.ALIVE && nodes.contains(a.getNodeId())) {
          hosting.add(a.getNodeId());
        }
      }
    } catch (RuntimeException e) {
      // The head is not answering: any node will do.
    }
    List<String> from = hosting.isEmpty() ? nodes : hosting;
    return from.get(random.nextInt(from.size()));
  }

  /** The head answers and has recovered, every node runs registered, every counter is ALIVE. */
  private void awaitSettled(Iterable<ActorHandle<Counter>> handles) {
    await()
        .atMost(SETTLE_BOUND)
        .pollInterval(Duration.ofMillis(250))
        .ignoreExceptions()
        .until(
            () -> {
              if (cluster
                  .gcs()
                  .getHeadInfo(GetHeadInfoRequest.getDefaultInstance())
                  .getRecovering()) {
                return false;
              }
              List<String> alive =
                  cluster.nodes().stream()
                      .filter(n -> n.getState() == NodeState.NODE_ALIVE)
                      .map(NodeInfo::getNodeId)
                      .toList();
              if (!alive.containsAll(faults.nodeIds())) {
                return false;
              }
              Map<String, ActorInfo> actors = actorsById();
              for (ActorHandle<Counter> h : handles) {
                ActorInfo a = actors.get(h.getId());
                // DEAD is settled too: checkNoneDied reports it.
                if (a == null
                    || (a.getState() != ActorState.ALIVE && a.getState() != ActorState.DEAD)) {
                  return false;
                }
              }
              return true;
            });
  }

  /**
   * A hung handle strands this process's calls only (fresh clients still get answers): a new
   * runtime takes over as the old client, so that the later rounds still check those counters.
   */
  private void replaceOldClientIfHung(
      int round, Map<CounterLedger, ActorHandle<Counter>> counters, List<String> found) {
    List<CounterLedger> hung =
        counters.keySet().stream().filter(l -> load.isHung(l.name())).toList();
    if (hung.isEmpty()) {
      return;
    }
    Rusty.shutdown();
    Rusty.init(
        new ClusterRuntime(cluster.address(), TOKEN, "driver-faults-" + round, "", NAMESPACE));
    for (CounterLedger ledger : hung) {
      try {
        int value = counters.get(ledger).task(Counter::get).remote().get(CHECK_CALL_BOUND);
        boolean sameInstance =
            value >= ledger.last() && value <= ledger.last() + ledger.unknownSinceLast();
        boolean restarted = value <= ledger.unknownSinceLast();
        if (!sameInstance && !restarted) {
          found.add(
              "round "
                  + round
                  + ": a new old client reads "
                  + ledger.name()
                  + " as "
                  + value
                  + " after the last answer "
                  + ledger.last()
                  + " (+"
                  + ledger.unknownSinceLast()
                  + " of unknown outcome)");
        }
        ledger.rebase(value);
        load.unhung(ledger.name());
      } catch (RustyException e) {
        found.add(
            "round " + round + ": a new client cannot call " + ledger.name() + " either: " + e);
      }
    }
  }

  /** Dead counters and counters whose calls hang were reported once and are left out. */
  private boolean checked(CounterLedger ledger, Map<CounterLedger, ActorHandle<Counter>> counters) {
    return !dead.contains(counters.get(ledger).getId()) && !load.isHung(ledger.name());
  }

  /** A counter with unlimited restarts never dies of a fault: the head restarts it. */
  private void checkNoneDied(
      int round, Map<CounterLedger, ActorHandle<Counter>> counters, List<String> found) {
    Map<String, ActorInfo> actors = actorsById();
    counters.forEach(
        (ledger, handle) -> {
          ActorInfo a = actors.get(handle.getId());
          if (a != null && a.getState() == ActorState.DEAD && dead.add(handle.getId())) {
            found.add(
                "round "
                    + round
                    + ": "
                    + ledger.name()
                    + " (max restarts -1) is DEAD after "
                    + a.getRestarts()
                    + " restart(s): "
                    + a.getDeathCause());
          }
        });
  }

  /**
   * One live record under the actor's name, and the worker processes of its earlier instances gone:
   * a fenced node ends them when it resumes, a killed node's workers see their parent go.
   */
  private void checkOneLiveInstance(
      int round, CounterLedger ledger, ActorHandle<Counter> handle, List<String> found) {
    List<ActorInfo> live =
        cluster.actors().stream()
            .filter(a -> a.getName().equals(ledger.name()) && a.getState() != ActorState.DEAD)
            .toList();
    if (live.size() != 1 || !live.get(0).getActorId().equals(handle.getId())) {
      found.add("round " + round + ": " + ledger.name() + " has live records " + live);
      return;
    }
    long current = live.get(0).getWorkerPid();
    workerPids.computeIfAbsent(handle.getId(), id -> ConcurrentHashMap.newKeySet()).add(current);
    try {
      await()
          .atMost(OLD_INSTANCES_GONE_BOUND)
          .pollInterval(Duration.ofMillis(250))
          .until(() -> earlierPidsAlive(handle.getId(), current).isEmpty());
    } catch (ConditionTimeoutException e) {
      found.add(
          "round "
              + round
              + ": "
              + ledger.name()
              + " runs in worker "
              + current
              + " but the worker(s) of earlier instances "
              + earlierPidsAlive(handle.getId(), current)
              + " still run after "
              + OLD_INSTANCES_GONE_BOUND.toSeconds()
              + " s");
    }
  }

  private List<Long> earlierPidsAlive(String actorId, long current) {
    return workerPids.getOrDefault(actorId, Set.of()).stream()
        .filter(pid -> pid != current && Signals.alive(pid))
        .toList();
  }

  /**
   * A fresh client (a second runtime in this process, and for one counter a new {@code rustyray
   * driver} process) finds each counter by name and is told the next value after the old client's
   * last; the old client is then told the one after that.
   */
  private void checkClientsAgree(
      int round, Map<CounterLedger, ActorHandle<Counter>> counters, List<String> found)
      throws Exception {
    List<CounterLedger> ledgers =
        counters.keySet().stream().filter(l -> checked(l, counters)).toList();
    if (ledgers.isEmpty()) {
      return;
    }
    CounterLedger viaProcess = ledgers.get((round - 1) % ledgers.size());
    try (ClusterRuntime fresh =
        new ClusterRuntime(cluster.address(), TOKEN, "driver-fresh-" + round, "", NAMESPACE)) {
      for (CounterLedger ledger : ledgers) {
        int value;
        String who;
        try {
          if (ledger == viaProcess) {
            who = "a fresh rustyray driver process";
            value = counterClient(ledger.name());
          } else {
            who = "a fresh client";
            ActorHandle<Counter> found1 =
                fresh.<Counter>getActor(ledger.name()).orElseThrow(() -> notFound(ledger));
            value =
                fresh
                    .<Integer>submitActorTask(found1, INCREMENT, new Object[0])
                    .get(CHECK_CALL_BOUND);
          }
        } catch (RustyException | IllegalStateException e) {
          found.add(
              "round " + round + ": a fresh client could not call " + ledger.name() + ": " + e);
          ledger.outcomeUnknown();
          continue;
        }
        int lowest = ledger.last() + 1;
        int highest = lowest + ledger.unknownSinceLast();
        if (value < lowest || value > highest) {
          found.add(
              "round "
                  + round
                  + ": "
                  + who
                  + " was told "
                  + ledger.name()
                  + " is "
                  + value
                  + " while the old client's last answer was "
                  + ledger.last()
                  + " (+"
                  + ledger.unknownSinceLast()
                  + " of unknown outcome)");
          ledger.rebase(value);
        } else {
          ledger.acknowledged(value, who);
        }
        int next;
        try {
          next = counters.get(ledger).task(Counter::increment).remote().get(CHECK_CALL_BOUND);
        } catch (RustyException e) {
          found.add(
              "round "
                  + round
                  + ": the old client's handle to "
                  + ledger.name()
                  + " failed right after "
                  + who
                  + " was told "
                  + value
                  + ": "
                  + e);
          ledger.outcomeUnknown();
          load.hung(ledger.name());
          continue;
        }
        if (next != value + 1) {
          found.add(
              "round "
                  + round
                  + ": the old client was told "
                  + ledger.name()
                  + " is "
                  + next
                  + " right after "
                  + who
                  + " was told "
                  + value);
          ledger.rebase(next);
        } else {
          ledger.acknowledged(next, "the old client");
        }
      }
    }
  }

  private static IllegalStateException notFound(CounterLedger ledger) {
    return new IllegalStateException("no live actor named " + ledger.name());
  }

  private int counterClient(String name) throws Exception {
    LocalCluster.CliResult result =
        cluster.cli(
            Map.of(),
            "driver",
            "--namespace",
            NAMESPACE,
            "io.rustyray.examples.CounterClient",
            name);
    Matcher m = COUNTER_CLIENT.matcher(result.stdout());
    if (result.exitCode() != 0 || !m.find() || !m.group(1).equals(name)) {
      throw new IllegalStateException(
          "CounterClient exited " + result.exitCode() + ": " + result.stdout() + result.stderr());
    }
    return Integer.parseInt(m.group(2));
  }

  private Map<String, Integer> restarts(Iterable<ActorHandle<Counter>> handles) {
    Map<String, ActorInfo> actors =
        await().atMost(SETTLE_BOUND).ignoreExceptions().until(this::actorsById, m -> !m.isEmpty());
    Map<String, Integer> restarts = new LinkedHashMap<>();
    for (ActorHandle<Counter> h : handles) {
      ActorInfo a = actors.get(h.getId());
      restarts.put(h.getId(), a == null ? 0 : a.getRestarts());
    }
    return restarts;
  }

  private Map<String, ActorInfo> actorsById() {
    Map<String, ActorInfo> byId = new LinkedHashMap<>();
    for (ActorInfo a : cluster.actors()) {
      byId.put(a.getActorId(), a);
    }
    return byId;
  }

  /**
   * Follows where each counter runs, twice a second, so that every instance's worker is known even
   * when it lives shorter than a round.
   */
  private void startSamplingWorkerPids(Iterable<ActorHandle<Counter>> handles) {
    List<String> ids = new ArrayList<>();
    handles.forEach(h -> ids.add(h.getId()));
    Thread sampler =
        new Thread(
            () -> {
              while (sampling) {
                try {
                  for (ActorInfo a : cluster.actors()) {
                    if (ids.contains(a.getActorId()) && a.getWorkerPid() > 0) {
                      workerPids
                          .computeIfAbsent(a.getActorId(), id -> ConcurrentHashMap.newKeySet())
                          .add(a.getWorkerPid());
                    }
                  }
                } catch (RuntimeException e) {
                  // The head is down or paused: the next sample catches up.
                }
                try {
                  Thread.sleep(500);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "worker-pid-sampler");
    sampler.setDaemon(true);
    sampler.start();
  }
}
