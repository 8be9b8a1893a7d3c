package io.rustyray.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.rustyray.api.ActorHandle;
import io.rustyray.api.Rusty;
import io.rustyray.client.ClusterRuntime;
import io.rustyray.examples.Counter;
import io.rustyray.protocol.proto.ActorInfo;
import io.rustyray.protocol.proto.ActorState;
import io.rustyray.protocol.proto.GetHeadInfoRequest;
import io.rustyray.protocol.proto.HeadInfo;
import io.rustyray.protocol.proto.KvGetRequest;
import io.rustyray.protocol.proto.KvPutRequest;
import io.rustyray.runtime.gcs.store.RedisServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A head on a durable store dies with SIGKILL and a new one starts on the same store: it loads the
 * actor table, names and KV, and keeps every instance that its node still hosts (ALIVE, same
 * worker, 0 restarts), while calls to actors go on straight to their workers. An actor whose node
 * died with the head restarts once the grace for nodes to come back is over.
 */
class HeadRecoveryIT {
  private static final String TOKEN = "recovery-token-" + System.nanoTime();
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

  private LocalCluster cluster;
  private RedisServerProcess redis;

  @AfterEach
  void stop() throws Exception {
    Rusty.shutdown();
    if (cluster != null) {
      cluster.close();
    }
    if (redis != null) {
      redis.close();
    }
  }

  @Test
  void aHeadOnAFileStoreComesBackWithItsActorsNamesAndKv() throws Exception {
    Path dir = Files.createTempDirectory("rustyray-gcs-file");
    survivesAHeadKill("file:" + dir);
  }

  @Test
  void aHeadOnRedisComesBackWithItsActorsNamesAndKv() throws Exception {
    redis = RedisServerProcess.start(Files.createTempDirectory("rustyray-gcs-redis"));
    survivesAHeadKill(redis.uri());
  }

  @Test
  void aHeadWhoseRedisGoesAwayRefusesWritesAndAcceptsThemWhenItIsBack() throws Exception {
    redis = RedisServerProcess.start(Files.createTempDirectory("rustyray-gcs-redis"));
    cluster = LocalCluster.withoutHead(TOKEN);
    cluster.startHeadAt("127.0.0.1", "--gcs-store", redis.uri());
    cluster.gcs().kvPut(put("before", "1"));

    redis.kill();
    assertThatThrownBy(() -> cluster.gcs().kvPut(put("while-away", "2")))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
              assertThat(e.getStatus().getDescription())
                  .contains(redis.address())
                  .contains("nothing was changed");
            });
    assertThat(
            cluster.gcs().getHeadInfo(GetHeadInfoRequest.getDefaultInstance()).getStoreReachable())
        .isFalse();

    redis.restart();
    await()
        .atMost(Duration.ofSeconds(20))
        .ignoreExceptions()
        .untilAsserted(() -> cluster.gcs().kvPut(put("after", "3")));
    assertThat(kv("before")).isEqualTo("1");
    assertThat(kv("while-away")).as("what was refused was not kept").isNull();
    assertThat(kv("after")).isEqualTo("3");
  }

  @Test
  void aStoreThatCannotBeOpenedIsAClearErrorAtStart() throws Exception {
    cluster = LocalCluster.withoutHead(TOKEN);
    LocalCluster.CliResult unreachable =
        cluster.cli(
            Map.of(),
            "start",
            "--head",
            "--port",
            "0",
            "--gcs-store",
            "redis://127.0.0.1:" + RedisServerProcess.freePort());
    assertThat(unreachable.exitCode()).isNotZero();
    assertThat(unreachable.stderr()).contains("--gcs-store").contains("127.0.0.1");

    LocalCluster.CliResult unknown =
        cluster.cli(Map.of(), "start", "--head", "--port", "0", "--gcs-store", "etcd://x:1");
    assertThat(unknown.exitCode()).isNotZero();
    assertThat(unknown.stderr()).contains("file:DIR").contains("redis://");
  }

  private void survivesAHeadKill(String store) throws Exception {
    cluster = LocalCluster.withoutHead(TOKEN);
    String[] head = {"--no-node-agent", "--gcs-store", store, "--recovery-grace-ms", "4000"};
    Process firstHead = cluster.startHeadAt("127.0.0.1", head);
    cluster.startWorker("keeps", "{\"cpu\": 2, \"keep\": 1}");
    Process losing = cluster.startWorker("loses", "{\"cpu\": 1, \"lose\": 1}");
    Rusty.init(new ClusterRuntime(cluster.address(), TOKEN, "driver-recovery", ""));
    ActorHandle<Counter> kept = counter("kept", "keep");
    ActorHandle<Counter> lost = counter("lost", "lose");
    for (int i = 1; i <= 5; i++) {
      assertThat(increment(kept)).isEqualTo(i);
    }
    assertThat(increment(lost)).isEqualTo(1);
    cluster.gcs().kvPut(put("config", "blue"));
    ActorInfo keptBefore = cluster.actor(kept.getId()).orElseThrow();

    Signals.kill(firstHead.pid());
    Signals.kill(losing.pid());
    firstHead.waitFor();
    assertThat(increment(kept)).as("calls go to the worker while no head runs").isEqualTo(6);

    cluster.startHeadAt("127.0.0.1", head);
    LocalCluster.CliResult fresh =
        cluster.cli(
            Map.of(),
            "driver",
            "--namespace",
            Rusty.getNamespace(),
            "io.rustyray.examples.CounterClient",
            "kept");
    assertThat(fresh.stdout()).as(fresh.stderr()).contains("Counter kept is now 7");
    assertThat(increment(kept)).isEqualTo(8);

    ActorInfo keptAfter = cluster.actor(kept.getId()).orElseThrow();
    assertThat(keptAfter.getState()).isEqualTo(ActorState.ALIVE);
    assertThat(keptAfter.getRestarts()).isZero();
    assertThat(keptAfter.getWorkerPid()).isEqualTo(keptBefore.getWorkerPid());
    assertThat(kv("config")).isEqualTo("blue");

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              ActorInfo lostNow = cluster.actor(lost.getId()).orElseThrow();
              assertThat(lostNow.getRestarts()).isEqualTo(1);
              assertThat(lostNow.getState()).isEqualTo(ActorState.RESTARTING);
              assertThat(lostNow.getPendingReason()).contains("lose");
            });
    cluster.startWorker("loses-again", "{\"cpu\": 1, \"lose\": 1}");
    assertThat(increment(lost)).as("restarted from its constructor").isEqualTo(1);

    HeadInfo info = cluster.gcs().getHeadInfo(GetHeadInfoRequest.getDefaultInstance());
    assertThat(info.getClusterIncarnation()).isEqualTo(2);
    assertThat(info.getRecoveredActors()).isEqualTo(2);
    assertThat(info.getRecoveredKvEntries()).isEqualTo(1);
    assertThat(info.getActorsLostWithNodes()).isEqualTo(1);
    assertThat(info.getRecovering()).isFalse();
    assertThat(info.getDurable()).isTrue();

    LocalCluster.CliResult status = cluster.cli(Map.of(), "status");
    assertThat(status.stdout())
        .contains("incarnation 2 on " + store.substring(0, 8))
        .contains("recovered 2 actor(s)")
        .contains("1 actor(s) lost with their nodes")
        .contains("kept")
        .contains("lost");
  }

  private static ActorHandle<Counter> counter(String name, String resource) {
    return Rusty.actor(Counter::new, 0)
        .setName(name)
        .setDetached(true)
        .setMaxRestarts(-1)
        .setResource(resource, 1.0)
        .remote();
  }

  private static int increment(ActorHandle<Counter> counter) {
    return counter.task(Counter::increment).remote().get(CALL_TIMEOUT);
  }

  private static KvPutRequest put(String key, String value) {
    return KvPutRequest.newBuilder()
        .setKey(key)
        .setValue(ByteString.copyFromUtf8(value))
        .setOverwrite(true)
        .build();
  }

  private String kv(String key) {
    var reply = cluster.gcs().kvGet(KvGetRequest.newBuilder().setKey(key).build());
    return reply.getFound() ? reply.getValue().toStringUtf8() : null;
  }
}
