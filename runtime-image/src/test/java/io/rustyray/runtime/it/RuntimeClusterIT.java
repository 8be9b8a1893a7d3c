package io.rustyray.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.rustyray.api.ActorHandle;
import io.rustyray.api.ObjectRef;
import io.rustyray.api.Rusty;
import io.rustyray.api.WaitResult;
import io.rustyray.api.exception.ActorDiedException;
import io.rustyray.api.exception.RustyCallException;
import io.rustyray.api.exception.RustyException;
import io.rustyray.api.exception.RustyTaskException;
import io.rustyray.api.exception.RustyTimeoutException;
import io.rustyray.examples.Counter;
import io.rustyray.examples.Fns;
import io.rustyray.examples.NodeTagged;
import io.rustyray.examples.Sleeper;
import io.rustyray.protocol.proto.ActorInfo;
import io.rustyray.protocol.proto.ActorState;
import io.rustyray.protocol.proto.NodeState;
import io.rustyray.runtime.bench.BenchActor;
import io.rustyray.runtime.bench.BenchClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A head and two workers, each a separate JVM started through the real {@code rustyray} CLI on
 * loopback, with a cluster token; this test's JVM is the driver.
 */
class RuntimeClusterIT {
  private static final String TOKEN = "it-token-" + System.nanoTime();
  private static LocalCluster cluster;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = LocalCluster.startHead(TOKEN, "--resources", "{\"cpu\": 1}");
    cluster.startWorker("worker-1", "{\"cpu\": 2}");
    cluster.startWorker("worker-2", "{\"cpu\": 2}");
    Rusty.init(cluster.address(), TOKEN);
  }

  @AfterAll
  static void stopCluster() throws Exception {
    Rusty.shutdown();
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void thousandTasksFanOutToBothWorkersAndSumCorrectly() {
    List<ObjectRef<NodeTagged>> refs = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      refs.add(Rusty.task(Fns::addOnNode, (long) i, 1L).remote());
    }

    List<NodeTagged> results = Rusty.get(refs, Duration.ofSeconds(60));

    assertThat(results.stream().mapToLong(NodeTagged::value).sum()).isEqualTo(500_500L);
    Map<String, Long> perNode =
        results.stream().collect(Collectors.groupingBy(NodeTagged::nodeId, Collectors.counting()));
    assertThat(perNode).containsKeys("worker-1", "worker-2");
    assertThat(perNode.get("worker-1")).isPositive();
    assertThat(perNode.get("worker-2")).isPositive();
  }

  @Test
  void actorKeepsItsStateAcrossTenThousandCallsInOrder() {
    ActorHandle<Counter> counter = Rusty.actor(Counter::new, 0).remote();

    List<ObjectRef<Integer>> refs = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      refs.add(counter.task(Counter::increment).remote());
    }
    List<Integer> seen = Rusty.get(refs, Duration.ofSeconds(120));

    for (int i = 0; i < seen.size(); i++) {
      assertThat(seen.get(i))
          .as("call %d saw the state after exactly %d calls", i, i + 1)
          .isEqualTo(i + 1);
    }
    assertThat(counter.task(Counter::get).remote().get()).isEqualTo(10_000);
    counter.kill();
  }

  @Test
  void namedActorIsReachedFromASecondClientProcess() throws Exception {
    ActorHandle<Counter> counter =
        Rusty.actor(Counter::new, 40).setName("shared-counter").setDetached(true).remote();
    assertThat(counter.task(Counter::increment).remote().get()).isEqualTo(41);

    LocalCluster.CliResult other =
        cluster.cli(
            Map.of(),
            "driver",
            "--namespace",
            Rusty.getNamespace(),
            "io.rustyray.examples.CounterClient",
            "shared-counter",
            "1");

    assertThat(other.exitCode()).as(other.stderr()).isZero();
    assertThat(other.stdout()).contains("Counter shared-counter is now 42");
    assertThat(Rusty.<Counter>getActor("shared-counter")).isPresent();
    assertThat(counter.task(Counter::get).remote().get()).isEqualTo(42);
    counter.kill();
  }

  @Test
  void callsToAKilledActorFailWithActorDiedException() {
    ActorHandle<Counter> counter = Rusty.actor(Counter::new, 0).setName("doomed").remote();
    assertThat(counter.task(Counter::increment).remote().get()).isEqualTo(1);

    counter.kill();

    assertThatThrownBy(() -> counter.task(Counter::increment).remote().get(Duration.ofSeconds(30)))
        .isInstanceOf(ActorDiedException.class)
        .hasMessageContaining("killed");
    assertThat(Rusty.getActor("doomed")).as("a dead actor's name is free again").isEmpty();
  }

  @Test
  void actorNeedingAGpuStaysPendingWithTheReasonUntilAGpuNodeJoins() throws Exception {
    ActorHandle<Counter> counter =
        Rusty.actor(Counter::new, 7).setName("gpu-counter").setResource("gpu", 1).remote();
    ObjectRef<Integer> firstCall = counter.task(Counter::increment).remote();

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              LocalCluster.CliResult status =
                  cluster.cli(Map.of(), "status", "--address", cluster.address());
              assertThat(status.stdout())
                  .containsPattern("gpu-counter\\s+\\S+\\s+PENDING_CREATION")
                  .contains("no alive node has {gpu=1} in total");
            });
    assertThat(firstCall.isReady()).isFalse();

    cluster.startWorker("gpu-worker", "{\"cpu\": 1, \"gpu\": 1}");

    assertThat(firstCall.get(Duration.ofSeconds(30))).isEqualTo(8);
    ActorInfo info = cluster.actor(counter.getId()).orElseThrow();
    assertThat(info.getState()).isEqualTo(ActorState.ALIVE);
    assertThat(info.getNodeId()).isEqualTo("gpu-worker");
    counter.kill();
  }

  @Test
  void sigkilledWorkerIsReportedDeadWithinTheDetectionTime() throws Exception {
    Process victim = cluster.startWorker("short-lived", "{\"cpu\": 1}");

    long killedAt = System.nanoTime();
    victim.destroyForcibly();
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () ->
                cluster
                    .node("short-lived")
                    .map(n -> n.getState() == NodeState.NODE_DEAD)
                    .orElse(false));
    Duration detection = Duration.ofNanos(System.nanoTime() - killedAt);

    assertThat(detection).isLessThanOrEqualTo(Duration.ofSeconds(5));
    assertThat(cluster.node("short-lived").orElseThrow().getDeathCause())
        .contains("missed heartbeats");
  }

  @Test
  void sigtermedWorkerLeavesTheClusterAtOnceAndExits() throws Exception {
    Process worker = cluster.startWorker("polite", "{\"cpu\": 1}");

    long stoppedAt = System.nanoTime();
    worker.destroy();

    assertThat(worker.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    await()
        .atMost(Duration.ofSeconds(2))
        .until(
            () ->
                cluster.node("polite").map(n -> n.getState() == NodeState.NODE_DEAD).orElse(false));
    assertThat(Duration.ofNanos(System.nanoTime() - stoppedAt))
        .as("no need to wait for missed heartbeats")
        .isLessThan(Duration.ofSeconds(4));
    assertThat(cluster.node("polite").orElseThrow().getDeathCause()).contains("SIGTERM");
  }

  @Test
  void wrongTokenIsRefusedAndTheClusterKeepsServing() throws Exception {
    LocalCluster.CliResult refused =
        cluster.cli(
            Map.of("RUSTYRAY_TOKEN", "not-the-token"), "status", "--address", cluster.address());
    LocalCluster.CliResult anonymous =
        cluster.cli(Map.of("RUSTYRAY_TOKEN", ""), "status", "--address", cluster.address());
    LocalCluster.CliResult driver =
        cluster.cli(
            Map.of("RUSTYRAY_TOKEN", "not-the-token"), "driver", "io.rustyray.examples.Pi", "2");

    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.stderr()).contains("UNAUTHENTICATED").contains("token is wrong");
    assertThat(anonymous.exitCode()).isEqualTo(1);
    assertThat(anonymous.stderr()).contains("UNAUTHENTICATED").contains("requires a token");
    assertThat(driver.exitCode()).isNotZero();
    assertThat(driver.stderr()).contains("UNAUTHENTICATED");
    assertThat(Rusty.task(Fns::add, 2, 3).remote().get()).isEqualTo(5);
    assertThat(cluster.aliveNodes()).hasSizeGreaterThanOrEqualTo(3);
  }

  @Test
  void remoteExceptionSurfacesWithItsClassMessageAndStack() {
    ObjectRef<Integer> failing = Rusty.task(Fns::fail, "boom").remote();

    assertThatThrownBy(failing::get)
        .isInstanceOfSatisfying(
            RustyTaskException.class,
            e -> {
              assertThat(e.getRemoteClassName()).isEqualTo("java.lang.IllegalStateException");
              assertThat(e.getRemoteMessage()).isEqualTo("boom");
              assertThat(e.getRemoteStackTrace()).contains("io.rustyray.examples.Fns.fail");
            });
  }

  @Test
  void unknownClassIsRefusedWithNotFoundAndTheNodeKeepsServing() {
    ObjectRef<Integer> ref = Rusty.task(DriverOnly::twice, 21).remote();

    assertThatThrownBy(ref::get)
        .isInstanceOfSatisfying(
            RustyCallException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo("NOT_FOUND");
              assertThat(e.getDescription())
                  .contains("class " + DriverOnly.class.getName() + " is not on the classpath");
            });
    assertThat(Rusty.task(Fns::add, 20, 22).remote().get()).isEqualTo(42);
  }

  @Test
  void argumentsOfTheWrongTypeAreRefusedWithInvalidArgument() {
    ObjectRef<Integer> ref = Rusty.task(Fns::add, "three", 4).remote();

    assertThatThrownBy(ref::get)
        .isInstanceOfSatisfying(
            RustyCallException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo("INVALID_ARGUMENT");
              assertThat(e.getDescription())
                  .contains(
                      "argument 0 of io.rustyray.examples.Fns.add(int, int) has the wrong type");
            });
  }

  @Test
  void unserializableArgumentIsRefusedBeforeItLeavesTheDriver() {
    assertThatThrownBy(() -> Rusty.task(Fns::add, new Object(), 1).remote())
        .isInstanceOf(RustyException.class)
        .hasMessageContaining("cannot be serialized");
  }

  @Test
  void instanceMethodOfAnotherClassIsRefusedOnAnActor() {
    ActorHandle<Counter> counter = Rusty.actor(Counter::new, 0).remote();
    @SuppressWarnings("unchecked")
    ActorHandle<Sleeper> wrong = (ActorHandle<Sleeper>) (ActorHandle<?>) counter;

    ObjectRef<Integer> ref = wrong.task(Sleeper::nap, 1L).remote();

    assertThatThrownBy(() -> ref.get(Duration.ofSeconds(30)))
        .isInstanceOfSatisfying(
            RustyCallException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo("INVALID_ARGUMENT");
              assertThat(e.getDescription())
                  .contains("is a io.rustyray.examples.Counter, which has no method");
            });
    assertThat(counter.task(Counter::increment).remote().get()).isEqualTo(1);
    counter.kill();
  }

  @Test
  void actorOfAClassNoNodeHasIsDeadWithTheRuntimesMessage() {
    ActorHandle<DriverOnly> missing = Rusty.actor(DriverOnly::new).remote();

    assertThatThrownBy(() -> missing.task(DriverOnly::hello).remote().get(Duration.ofSeconds(30)))
        .isInstanceOfSatisfying(
            ActorDiedException.class,
            e ->
                assertThat(e.getDeathCause())
                    .contains("class " + DriverOnly.class.getName() + " is not on the classpath"));
    assertThat(cluster.actor(missing.getId()).orElseThrow().getState()).isEqualTo(ActorState.DEAD);
  }

  @Test
  void actorWhoseConstructorThrowsIsDeadWithTheException() {
    ActorHandle<Counter> broken = Rusty.actor(Counter::new, -1).remote();

    assertThatThrownBy(() -> broken.task(Counter::get).remote().get(Duration.ofSeconds(30)))
        .isInstanceOfSatisfying(
            ActorDiedException.class,
            e ->
                assertThat(e.getDeathCause())
                    .contains("IllegalArgumentException: a counter starts at 0 or more, not -1"));
  }

  @Test
  void objectRefArgumentsAreResolvedOnTheNodeThatRunsTheCall() {
    byte[] big = new byte[300 * 1024];
    Arrays.fill(big, (byte) 7);
    ObjectRef<byte[]> stored = Rusty.put(big);
    ObjectRef<byte[]> produced = Rusty.task(Fns::blob, 200 * 1024, 3L).remote();
    ObjectRef<Integer> small = Rusty.task(Fns::add, 1, 2).remote();

    assertThat(Rusty.task(Fns::length, stored).remote().get()).isEqualTo(300 * 1024);
    assertThat(Rusty.task(Fns::length, produced).remote().get()).isEqualTo(200 * 1024);
    assertThat(Rusty.task(Fns::add, small, small).remote().get()).isEqualTo(6);
    assertThat(produced.get()).isEqualTo(Fns.blob(200 * 1024, 3L));
    assertThat(stored.get()).isEqualTo(big);
  }

  @Test
  void getWithATimeoutGivesUpAndWaitReportsWhatIsReady() {
    ObjectRef<Integer> slow = Rusty.task(Fns::slowIdentity, 1, 3_000L).remote();
    ObjectRef<Integer> fast = Rusty.task(Fns::add, 1, 1).remote();

    assertThatThrownBy(() -> slow.get(Duration.ofMillis(200)))
        .isInstanceOf(RustyTimeoutException.class);
    WaitResult<Integer> waited = Rusty.wait(List.of(slow, fast), 1, Duration.ofSeconds(10));

    assertThat(waited.ready()).containsExactly(fast);
    assertThat(waited.unready()).containsExactly(slow);
    assertThat(slow.get(Duration.ofSeconds(10))).isEqualTo(1);
  }

  @Test
  void concurrentActorRunsCallsInParallel() {
    ActorHandle<Sleeper> sleeper = Rusty.actor(Sleeper::new).setMaxConcurrency(4).remote();

    List<ObjectRef<Integer>> naps = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      naps.add(sleeper.task(Sleeper::nap, 1_000L).remote());
    }

    assertThat(Collections.max(Rusty.get(naps, Duration.ofSeconds(30)))).isEqualTo(4);
    sleeper.kill();
  }

  @Test
  void serialActorNeverRunsTwoCallsAtOnce() {
    ActorHandle<Sleeper> sleeper = Rusty.actor(Sleeper::new).remote();

    List<ObjectRef<Integer>> naps = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      naps.add(sleeper.task(Sleeper::nap, 100L).remote());
    }

    assertThat(Collections.max(Rusty.get(naps, Duration.ofSeconds(30)))).isEqualTo(1);
    sleeper.kill();
  }

  @Test
  void actorHandlePassedAsAnArgumentReachesTheSameActor() {
    ActorHandle<BenchActor> target = Rusty.actor(BenchActor::new).remote();
    ActorHandle<BenchClient> caller = Rusty.actor(BenchClient::new, target).remote();

    assertThat(caller.task(BenchClient::callBatch, 100).remote().get(Duration.ofSeconds(30)))
        .isEqualTo(100);
    target.kill();

    assertThatThrownBy(
            () -> caller.task(BenchClient::callBatch, 1).remote().get(Duration.ofSeconds(30)))
        .as("the caller's handle names the same actor, which is now dead")
        .isInstanceOf(RustyTaskException.class)
        .hasMessageContaining("ActorDiedException");
    caller.kill();
  }

  /** Exists in the driver only: no node can load it. */
  static final class DriverOnly {
    static int twice(int x) {
      return 2 * x;
    }

    String hello() {
      return "hello";
    }
  }
}
