package io.rustyray.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rustyray.api.ActorHandle;
import io.rustyray.api.Checkpoint;
import io.rustyray.api.Rusty;
import io.rustyray.client.ClusterRuntime;
import io.rustyray.examples.DurableCounter;
import io.rustyray.protocol.proto.ActorInfo;
import io.rustyray.protocol.proto.ActorState;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A durable actor's checkpoints live in the head's store: on a durable store (here {@code file:}) a
 * new head has them, so an instance lost together with the head comes back with its state.
 */
class DurableActorHeadLossIT {
  private static final String TOKEN = "durable-head-" + System.nanoTime();
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private LocalCluster cluster;

  @AfterEach
  void stop() throws Exception {
    Rusty.shutdown();
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void anInstanceLostWithTheHeadComesBackWithItsStateFromTheStore() throws Exception {
    String store = "file:" + Files.createTempDirectory("rustyray-durable-head");
    String[] head = {"--no-node-agent", "--gcs-store", store, "--recovery-grace-ms", "3000"};
    cluster = LocalCluster.withoutHead(TOKEN);
    Process firstHead = cluster.startHeadAt("127.0.0.1", head);
    cluster.startWorker("w1", "{\"cpu\": 2}");
    Rusty.init(new ClusterRuntime(cluster.address(), TOKEN, "durable-head-loss", ""));
    ActorHandle<DurableCounter> counter =
        Rusty.actor(DurableCounter::new, 0)
            .setName("durable-counter")
            .setDetached(true)
            .setMaxRestarts(-1)
            .setCheckpoint(Checkpoint.everyCall())
            .remote();
    for (int i = 0; i < 20; i++) {
      counter.task(DurableCounter::increment).remote().get(TIMEOUT);
    }
    long firstWorker = counter.task(DurableCounter::pid).remote().get(TIMEOUT);

    // The head and the actor's worker die together: only the store knows the value now.
    Signals.kill(firstHead.pid());
    Signals.kill(firstWorker);
    cluster.startHeadAt("127.0.0.1", head);

    assertThat(counter.task(DurableCounter::increment).remote().get(TIMEOUT)).isEqualTo(21);
    assertThat(counter.task(DurableCounter::pid).remote().get(TIMEOUT)).isNotEqualTo(firstWorker);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              ActorInfo info =
                  cluster.actors().stream()
                      .filter(a -> a.getName().equals("durable-counter"))
                      .findFirst()
                      .orElseThrow();
              assertThat(info.getState()).isEqualTo(ActorState.ALIVE);
              assertThat(info.getCheckpoint().getRestores()).isEqualTo(1);
              assertThat(info.getCheckpoint().getRestoredCalls())
                  .as("20 increments and a pid")
                  .isEqualTo(21);
              assertThat(info.getCheckpoint().getCalls()).isEqualTo(23);
            });
    counter.kill();
  }
}
