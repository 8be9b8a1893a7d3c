package io.rustyray.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.rustyray.api.ActorHandle;
import io.rustyray.api.ObjectRef;
import io.rustyray.api.Rusty;
import io.rustyray.api.exception.ActorDiedException;
import io.rustyray.api.exception.ObjectLostException;
import io.rustyray.examples.Counter;
import io.rustyray.examples.Fns;
import io.rustyray.protocol.proto.ActorInfo;
import io.rustyray.protocol.proto.ActorState;
import io.rustyray.protocol.proto.NodeInfo;
import io.rustyray.protocol.proto.NodeState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Large objects between nodes, the object store's memory bound, and what survives the death of a
 * worker, on a head and workers that are separate JVMs started through the CLI.
 */
class ObjectsAndFailuresIT {
  private static final int MIB = 1024 * 1024;
  private static final String TOKEN = "objects-token-" + System.nanoTime();
  private static LocalCluster cluster;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster =
        LocalCluster.startHead(
            TOKEN,
            "--resources",
            "{\"cpu\": 1}",
            "--object-store-memory",
            String.valueOf(40 * MIB));
    cluster.startWorker("maker", "{\"cpu\": 2, \"maker\": 1}");
    cluster.startWorker("reader", "{\"cpu\": 2, \"reader\": 1}");
    Rusty.init(cluster.address(), TOKEN);
  }

  @AfterAll
  static void stopCluster() throws Exception {
    Rusty.shutdown();
    if (cluster != null) {
      cluster.close();
    }
  }

  private static long storeUsed(String nodeId) {
    return cluster.node(nodeId).map(NodeInfo::getStoreUsedBytes).orElseThrow();
  }

  @Test
  void fiftyMebibyteObjectMadeOnOneNodeIsReadIntactOnAnotherAndFreedAfterwards() {
    long baseline = storeUsed("maker");
    ObjectRef<byte[]> blob =
        Rusty.task(Fns::blob, 50 * MIB, 42L).setResource("maker", 0.5).remote();
    ObjectRef<Long> checksumOnReader =
        Rusty.task(Fns::crc32, blob).setResource("reader", 0.5).remote();

    long expected = Fns.crc32(Fns.blob(50 * MIB, 42L));
    assertThat(checksumOnReader.get(Duration.ofSeconds(60))).isEqualTo(expected);
    assertThat(Fns.crc32(blob.get(Duration.ofSeconds(60)))).isEqualTo(expected);
    await().atMost(Duration.ofSeconds(10)).until(() -> storeUsed("maker") >= baseline + 50 * MIB);

    blob = null;
    checksumOnReader = null;
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              System.gc();
              assertThat(storeUsed("maker")).isEqualTo(baseline);
            });
  }

  @Test
  void storingMoreThanAStoreHoldsSpillsToDiskAndEveryObjectReadsBackIntact() throws Exception {
    cluster.startWorker(
        "small-store",
        "{\"cpu\": 2, \"small-store\": 1}",
        "--object-store-memory",
        String.valueOf(40 * MIB));
    List<ObjectRef<byte[]>> refs = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      refs.add(Rusty.task(Fns::blob, 16 * MIB, (long) i).setResource("small-store", 0.5).remote());
    }
    Rusty.wait(refs, Duration.ofSeconds(60));

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              NodeInfo store = cluster.node("small-store").orElseThrow();
              assertThat(store.getStoreObjects()).isEqualTo(4);
              assertThat(store.getStoreUsedBytes()).isLessThanOrEqualTo(40L * MIB);
              assertThat(store.getStoreSpilledBytes()).isGreaterThanOrEqualTo(16L * MIB);
            });
    LocalCluster.CliResult status = cluster.cli(Map.of(), "status", "--address", cluster.address());
    assertThat(status.stdout()).containsPattern("small-store .* MiB spilled");

    for (int i = 0; i < 4; i++) {
      assertThat(Fns.crc32(refs.get(i).get(Duration.ofSeconds(60))))
          .as("object %d", i)
          .isEqualTo(Fns.crc32(Fns.blob(16 * MIB, i)));
    }
    assertThat(
            Rusty.task(Fns::crc32, refs.get(0))
                .setResource("reader", 0.5)
                .remote()
                .get(Duration.ofSeconds(60)))
        .isEqualTo(Fns.crc32(Fns.blob(16 * MIB, 0)));
  }

  @Test
  void largePutStaysWithItsOwnerUntilACallElsewhereNeedsIt() {
    byte[] value = Fns.blob(5 * MIB, 9L);
    long headObjects = cluster.node("head").orElseThrow().getStoreObjects();

    ObjectRef<byte[]> put = Rusty.put(value);

    assertThat(put.get()).isEqualTo(value);
    assertThat(
            Rusty.task(Fns::crc32, put)
                .setResource("reader", 0.5)
                .remote()
                .get(Duration.ofSeconds(60)))
        .isEqualTo(Fns.crc32(value));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> cluster.node("head").orElseThrow().getStoreObjects() == headObjects + 1);
  }

  @Test
  void ownerThatExitsLosesItsObjectsAndNonDetachedActorsButNotDetachedOnes() throws Exception {
    Process owner =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                OwnerThatExits.class.getName(),
                cluster.address(),
                TOKEN,
                Rusty.getNamespace())
            .redirectErrorStream(true)
            .start();
    Map<String, String> printed = new java.util.HashMap<>();
    java.io.BufferedReader lines =
        new java.io.BufferedReader(
            new java.io.InputStreamReader(owner.getInputStream(), StandardCharsets.UTF_8));
    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
      String[] parts = line.trim().split(" ");
      if (parts.length == 2) {
        printed.put(parts[0], parts[1]);
      }
      if (line.startsWith("ready")) {
        break;
      }
    }
    assertThat(printed).containsKeys("object", "owned", "detached", "ready");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> cluster.node("head").orElseThrow().getStoreObjects() >= 1);

    owner.getOutputStream().write('\n');
    owner.getOutputStream().flush();
    assertThat(owner.waitFor(30, TimeUnit.SECONDS)).isTrue();

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              ActorInfo owned = cluster.actor(printed.get("owned")).orElseThrow();
              assertThat(owned.getState()).isEqualTo(ActorState.DEAD);
              assertThat(owned.getDeathCause()).contains("exited");
              assertThat(cluster.actor(printed.get("detached")).orElseThrow().getState())
                  .isEqualTo(ActorState.ALIVE);
              assertThat(cluster.node("head").orElseThrow().getStoreObjects())
                  .as("the 8 MiB object the owner put, copied to the head's store, is freed")
                  .isZero();
            });
    Rusty.<Counter>getActor("survivor").orElseThrow().kill();
  }

  @Test
  void actorOnASigkilledWorkerRestartsElsewhereAndTheNextCallSucceeds() throws Exception {
    Process first = cluster.startWorker("restart-a", "{\"cpu\": 1, \"restart\": 1}");
    ActorHandle<Counter> counter =
        Rusty.actor(Counter::new, 10).setMaxRestarts(1).setResource("restart", 1).remote();
    assertThat(counter.task(Counter::increment).remote().get(Duration.ofSeconds(30))).isEqualTo(11);
    List<ActorInfo> seen = cluster.watchActor(counter.getId());
    cluster.startWorker("restart-b", "{\"cpu\": 1, \"restart\": 1}");

    first.destroyForcibly();

    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () -> {
              ActorInfo info = cluster.actor(counter.getId()).orElseThrow();
              assertThat(info.getState()).isEqualTo(ActorState.ALIVE);
              assertThat(info.getRestarts()).isEqualTo(1);
              assertThat(info.getNodeId()).isEqualTo("restart-b");
            });
    assertThat(seen.stream().map(ActorInfo::getState))
        .containsSubsequence(ActorState.ALIVE, ActorState.RESTARTING, ActorState.ALIVE);
    assertThat(seen.stream().filter(a -> a.getState() == ActorState.RESTARTING))
        .allMatch(a -> a.getRestarts() == 1);
    assertThat(counter.task(Counter::increment).remote().get(Duration.ofSeconds(30)))
        .as("a fresh instance, built again from its constructor arguments")
        .isEqualTo(11);
    counter.kill();
  }

  @Test
  void actorOutOfRestartsIsDeadWithTheCauseAndCallsFailWithActorDiedException() throws Exception {
    Process host = cluster.startWorker("last-home", "{\"cpu\": 1, \"last-home\": 1}");
    ActorHandle<Counter> counter =
        Rusty.actor(Counter::new, 0).setMaxRestarts(0).setResource("last-home", 1).remote();
    assertThat(counter.task(Counter::increment).remote().get(Duration.ofSeconds(30))).isEqualTo(1);

    host.destroyForcibly();

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> cluster.actor(counter.getId()).orElseThrow().getState() == ActorState.DEAD);
    assertThat(cluster.actor(counter.getId()).orElseThrow().getDeathCause())
        .contains("node last-home died")
        .contains("no restarts left (maxRestarts=0)");
    assertThatThrownBy(() -> counter.task(Counter::increment).remote().get(Duration.ofSeconds(30)))
        .isInstanceOf(ActorDiedException.class)
        .hasMessageContaining("no restarts left");
  }

  @Test
  void taskWhoseNodeDiesMidRunIsRetriedElsewhereAndItsResultIsRight() throws Exception {
    Process doomed = cluster.startWorker("retry-a", "{\"cpu\": 1, \"retry\": 1}");
    ObjectRef<Integer> slow =
        Rusty.task(Fns::slowIdentity, 42, 3_000L).setResource("retry", 1).setMaxRetries(2).remote();
    Thread.sleep(1_000);
    cluster.startWorker("retry-b", "{\"cpu\": 1, \"retry\": 1}");

    doomed.destroyForcibly();

    assertThat(slow.get(Duration.ofSeconds(30))).isEqualTo(42);
  }

  @Test
  void taskWithoutRetriesFailsWithObjectLostExceptionWithinTheDetectionTime() throws Exception {
    Process doomed = cluster.startWorker("no-retry", "{\"cpu\": 1, \"no-retry\": 1}");
    ObjectRef<Integer> slow =
        Rusty.task(Fns::slowIdentity, 7, 30_000L)
            .setResource("no-retry", 1)
            .setMaxRetries(0)
            .remote();
    Thread.sleep(1_000);

    long killedAt = System.nanoTime();
    doomed.destroyForcibly();

    assertThatThrownBy(() -> slow.get(Duration.ofSeconds(5)))
        .isInstanceOf(ObjectLostException.class)
        .hasMessageContaining("no retries are left (maxRetries=0)");
    assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void storedResultOfADeadNodeFailsWithObjectLostExceptionInsteadOfHanging() throws Exception {
    Process holder = cluster.startWorker("holder", "{\"cpu\": 1, \"holder\": 1}");
    ObjectRef<byte[]> big = Rusty.task(Fns::blob, 2 * MIB, 1L).setResource("holder", 1).remote();
    Rusty.wait(List.of(big), Duration.ofSeconds(30));

    holder.destroyForcibly();
    holder.waitFor(10, TimeUnit.SECONDS);

    assertThatThrownBy(() -> big.get(Duration.ofSeconds(30)))
        .isInstanceOf(ObjectLostException.class)
        .hasMessageContaining("is lost");
  }

  @Test
  void workerThatComesBackRegistersAgainAndTakesWork() throws Exception {
    Process phoenix = cluster.startWorker("phoenix", "{\"cpu\": 1, \"phoenix\": 1}");
    phoenix.destroyForcibly();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> cluster.node("phoenix").orElseThrow().getState() == NodeState.NODE_DEAD);

    cluster.startWorker("phoenix", "{\"cpu\": 1, \"phoenix\": 1}");

    assertThat(
            Rusty.task(Fns::nodeId).setResource("phoenix", 1).remote().get(Duration.ofSeconds(30)))
        .isEqualTo("phoenix");
  }
}
