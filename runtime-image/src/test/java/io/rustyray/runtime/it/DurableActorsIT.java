package io.rustyray.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.rustyray.api.ActorHandle;
import io.rustyray.api.Checkpoint;
import io.rustyray.api.Rusty;
import io.rustyray.api.exception.ActorDiedException;
import io.rustyray.api.exception.ActorUnavailableException;
import io.rustyray.api.exception.CheckpointTooLargeException;
import io.rustyray.api.exception.RustyTaskException;
import io.rustyray.client.ClusterRuntime;
import io.rustyray.protocol.proto.ActorInfo;
import io.rustyray.protocol.proto.ActorState;
import io.rustyray.runtime.it.probe.DurableTally;
import io.rustyray.runtime.it.probe.JobThatWaits;
import io.rustyray.runtime.it.probe.Probe;
import io.rustyray.runtime.it.probe.ProbeActor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Durable actors on real processes: a head, one worker node, and a job whose jar holds the probe
 * classes. A Checkpointable actor created with a checkpoint policy gets its newest kept state back
 * in every instance that replaces a lost one, and no answered call is lost with every-call.
 */
class DurableActorsIT {
  private static final String TOKEN = "durable-token-" + System.nanoTime();
  private static final String WORKER_OPTIONS = "-Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final Pattern JOB_ID = Pattern.compile("Job (job-[0-9a-f]+) submitted");
  private static final int LIMIT_BYTES = 64 * 1024;

  private static LocalCluster cluster;
  private static String jobId;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster =
        LocalCluster.startHead(
            TOKEN,
            "--no-node-agent",
            "--worker-jvm-options",
            WORKER_OPTIONS,
            "--max-checkpoint-bytes",
            String.valueOf(LIMIT_BYTES));
    cluster.startWorker("w1", "{\"cpu\": 4}", "--worker-jvm-options", WORKER_OPTIONS);
    Path jar = JobJars.pack("probe", Probe.class);
    LocalCluster.CliResult submitted =
        cluster.cli(
            Map.of(),
            "job",
            "submit",
            "--jar",
            jar.toString(),
            "--no-wait",
            "--",
            JobThatWaits.class.getName());
    Matcher m = JOB_ID.matcher(submitted.stdout());
    assertThat(m.find()).as(submitted.stdout() + submitted.stderr()).isTrue();
    jobId = m.group(1);
    Rusty.init(new ClusterRuntime(cluster.address(), TOKEN, jobId, ""));
  }

  @AfterAll
  static void stopCluster() throws Exception {
    Rusty.shutdown();
    if (cluster != null) {
      cluster.cli(Map.of(), "job", "stop", jobId);
      cluster.close();
    }
  }

  private static ActorHandle<DurableTally> tally(Checkpoint policy) {
    return Rusty.actor(DurableTally::new, 0L).setCheckpoint(policy).setMaxRestarts(-1).remote();
  }

  private static long increment(ActorHandle<DurableTally> tally) {
    return tally.task(DurableTally::increment).remote().get(TIMEOUT);
  }

  private static long get(ActorHandle<DurableTally> tally) {
    return tally.task(DurableTally::get).remote().get(TIMEOUT);
  }

  private static ActorInfo info(ActorHandle<?> actor) {
    return cluster.actor(actor.getId()).orElseThrow();
  }

  private static void killWorkerOf(ActorHandle<DurableTally> tally) throws Exception {
    Signals.kill(tally.task(DurableTally::pid).remote().get(TIMEOUT));
  }

  private static void awaitRestarted(ActorHandle<?> actor, int restarts) {
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              ActorInfo info = info(actor);
              assertThat(info.getRestarts()).isEqualTo(restarts);
              assertThat(info.getState()).isEqualTo(ActorState.ALIVE);
            });
  }

  @Test
  void anEveryCallActorLosesNoAnsweredIncrementWhileItsWorkerIsKilledAgainAndAgain()
      throws Exception {
    ActorHandle<DurableTally> tally = tally(Checkpoint.everyCall());
    int kills = 3;
    int callsPerRound = 150;
    long acknowledged = 0;
    long unknown = 0;
    long lastReply = 0;
    long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
    for (int round = 0; round <= kills && System.nanoTime() < deadline; round++) {
      if (round > 0) {
        // Killed while the calls run: one may be in flight, and its fate stays unknown.
        long pid = info(tally).getWorkerPid();
        new Thread(
                () -> {
                  try {
                    Thread.sleep(20);
                    Signals.kill(pid);
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                })
            .start();
      }
      for (int i = 0; i < callsPerRound; i++) {
        try {
          long reply = increment(tally);
          assertThat(reply)
              .as("a reply never goes back: answered %d increments so far", acknowledged)
              .isGreaterThan(lastReply);
          lastReply = reply;
          acknowledged++;
        } catch (ActorUnavailableException e) {
          unknown++;
        }
      }
    }
    long finalValue = get(tally);
    assertThat(finalValue)
        .as("%d answered, %d of unknown outcome", acknowledged, unknown)
        .isBetween(acknowledged, acknowledged + unknown)
        .isGreaterThanOrEqualTo(lastReply);
    ActorInfo now = info(tally);
    assertThat(now.getRestarts()).isEqualTo(kills);
    assertThat(now.getCheckpoint().getRestores()).isEqualTo(kills);
    assertThat(now.getCheckpoint().getPolicy().getEveryCall()).isTrue();
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(info(tally).getCheckpoint().getCalls()).isPositive());
    assertThat(cluster.cli(Map.of(), "status").stdout())
        .contains("every call, kept at call")
        .contains(kills + " restore(s)");
    System.out.printf(
        "durable actor under %d worker SIGKILLs: %d answered, %d unknown, final value %d%n",
        kills, acknowledged, unknown, finalValue);
  }

  @Test
  void aKillWithRestartGivesTheNewInstanceTheStateBeforeAnyCallRuns() {
    ActorHandle<DurableTally> tally = tally(Checkpoint.everyCall());
    for (int i = 0; i < 5; i++) {
      increment(tally);
    }
    tally.kill(false);
    assertThat(increment(tally)).isEqualTo(6);
    ActorInfo restarted = info(tally);
    assertThat(restarted.getCheckpoint().getRestores()).isEqualTo(1);
    assertThat(restarted.getCheckpoint().getRestoredCalls()).isEqualTo(5);
  }

  @Test
  void anIntervalPolicyKeepsTheLastCallsOfABurstOnceTheIntervalIsOver() throws Exception {
    ActorHandle<DurableTally> tally = tally(Checkpoint.every(Duration.ofMillis(300)));
    for (int i = 0; i < 10; i++) {
      increment(tally);
    }
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(info(tally).getCheckpoint().getCalls()).isEqualTo(10));
    killWorkerOf(tally);
    awaitRestarted(tally, 1);
    assertThat(increment(tally)).isEqualTo(11);
  }

  @Test
  void aRestartWithoutAnyCheckpointYetRunsTheConstructorOnly() {
    ActorHandle<DurableTally> tally = tally(Checkpoint.every(Duration.ofHours(1)));
    await().atMost(TIMEOUT).until(() -> info(tally).getState() == ActorState.ALIVE);
    tally.kill(false);
    assertThat(increment(tally)).isEqualTo(1);
    assertThat(info(tally).getCheckpoint().getRestores()).isZero();
  }

  @Test
  void aSaveThatThrowsFailsItsCallAndTheLastGoodCheckpointStays() {
    ActorHandle<DurableTally> tally = tally(Checkpoint.everyCall());
    increment(tally);
    increment(tally);
    assertThatThrownBy(() -> tally.task(DurableTally::failNextSave).remote().get(TIMEOUT))
        .isInstanceOfSatisfying(
            RustyTaskException.class,
            e -> {
              assertThat(e.getRemoteClassName()).isEqualTo("java.lang.IllegalStateException");
              assertThat(e.getRemoteMessage()).contains("refuses to be saved");
            });
    tally.kill(false);
    assertThat(get(tally)).isEqualTo(2);
  }

  @Test
  void aCheckpointOverTheLimitFailsItsCallWithCheckpointTooLargeAndTheLastGoodOneStays() {
    ActorHandle<DurableTally> tally = tally(Checkpoint.everyCall());
    increment(tally);
    assertThatThrownBy(() -> tally.task(DurableTally::carry, LIMIT_BYTES * 2).remote().get(TIMEOUT))
        .isInstanceOf(CheckpointTooLargeException.class)
        .hasMessageContaining("over the limit of " + LIMIT_BYTES + " bytes")
        .hasMessageContaining("the last checkpoint that fit stays");
    ActorInfo info = info(tally);
    assertThat(info.getCheckpoint().getCalls()).isEqualTo(1);
    assertThat(info.getCheckpoint().getSizeBytes()).isLessThan(LIMIT_BYTES);
    tally.kill(false);
    assertThat(get(tally)).isEqualTo(1);
  }

  @Test
  void aCheckpointThatFailsToLoadEndsTheRestartWithItsCause() {
    ActorHandle<DurableTally> tally = tally(Checkpoint.everyCall());
    increment(tally);
    tally.task(DurableTally::poison).remote().get(TIMEOUT);
    tally.kill(false);
    await()
        .atMost(TIMEOUT)
        .untilAsserted(() -> assertThat(info(tally).getState()).isEqualTo(ActorState.DEAD));
    assertThat(info(tally).getDeathCause())
        .contains("loadCheckpoint of " + DurableTally.class.getName())
        .contains("poisoned on purpose");
    assertThatThrownBy(() -> increment(tally)).isInstanceOf(ActorDiedException.class);
  }

  @Test
  void aCheckpointPolicyOnAClassThatKeepsNoStateEndsTheActorWithAClearCause() {
    ActorHandle<ProbeActor> actor =
        Rusty.actor(ProbeActor::new).setCheckpoint(Checkpoint.everyCall()).remote();
    await()
        .atMost(TIMEOUT)
        .untilAsserted(() -> assertThat(info(actor).getState()).isEqualTo(ActorState.DEAD));
    assertThat(info(actor).getDeathCause())
        .contains(ProbeActor.class.getName())
        .contains("does not implement io.rustyray.api.Checkpointable");
  }

  @Test
  void anActorWithoutAPolicyStillRestartsFromItsConstructor() {
    ActorHandle<DurableTally> plain = Rusty.actor(DurableTally::new, 0L).setMaxRestarts(1).remote();
    plain.task(DurableTally::increment).remote().get(TIMEOUT);
    plain.kill(false);
    assertThat(increment(plain)).isEqualTo(1);
    assertThat(info(plain).hasCheckpoint()).isFalse();
  }
}
