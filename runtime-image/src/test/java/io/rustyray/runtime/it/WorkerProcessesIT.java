package io.rustyray.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.rustyray.api.ActorHandle;
import io.rustyray.api.ObjectRef;
import io.rustyray.api.Rusty;
import io.rustyray.api.exception.ActorDiedException;
import io.rustyray.api.exception.ActorUnavailableException;
import io.rustyray.api.exception.ObjectLostException;
import io.rustyray.api.exception.RustyCallException;
import io.rustyray.api.exception.RustyTaskException;
import io.rustyray.api.function.RustyFunc1;
import io.rustyray.client.ClusterRuntime;
import io.rustyray.protocol.function.FunctionDescriptors;
import io.rustyray.protocol.proto.ActorInfo;
import io.rustyray.protocol.proto.ActorState;
import io.rustyray.protocol.proto.NodeInfo;
import io.rustyray.protocol.proto.NodeState;
import io.rustyray.protocol.proto.PushActorTaskRequest;
import io.rustyray.protocol.proto.SkipActorCallsReply;
import io.rustyray.protocol.proto.SkipActorCallsRequest;
import io.rustyray.protocol.proto.TaskResult;
import io.rustyray.protocol.proto.WorkerServiceGrpc;
import io.rustyray.protocol.transport.Calls;
import io.rustyray.protocol.transport.Channels;
import io.rustyray.runtime.it.probe.JobThatWaits;
import io.rustyray.runtime.it.probe.Probe;
import io.rustyray.runtime.it.probe.ProbeActor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * User code runs in worker processes that its node starts per job, not in the node: what it does to
 * its own process (System.exit, running out of memory, a kill) stays there. A head without work and
 * one worker node {@code w1}, started through the CLI; this suite calls in as a submitted job (with
 * the probe classes only in that job's jar), and another job keeps a detached Counter on the same
 * node that no fault here may touch.
 */
class WorkerProcessesIT {
  private static final String TOKEN = "workers-token-" + System.nanoTime();

  /** The suite's job and this JVM, which calls in under the job's id, share their named actors. */
  private static final String NAMESPACE = "worker-processes";

  private static final String WORKER_OPTIONS = "-Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final Pattern JOB_ID = Pattern.compile("Job (job-[0-9a-f]+) submitted");

  private static LocalCluster cluster;
  private static Process node;
  private static String jobId;
  private static ActorInfo otherJobsCounter;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster =
        LocalCluster.startHead(TOKEN, "--no-node-agent", "--worker-jvm-options", WORKER_OPTIONS);
    node = cluster.startWorker("w1", "{\"cpu\": 4}", "--worker-jvm-options", WORKER_OPTIONS);
    Path jar = JobJars.pack("probe", Probe.class);
    jobId =
        jobId(
            cluster.cli(
                Map.of(),
                "job",
                "submit",
                "--jar",
                jar.toString(),
                "--env",
                "PROBE_GREETING=from the job's env",
                "--namespace",
                NAMESPACE,
                "--no-wait",
                "--",
                JobThatWaits.class.getName()));
    Rusty.init(new ClusterRuntime(cluster.address(), TOKEN, jobId, "", NAMESPACE));

    LocalCluster.CliResult counter =
        cluster.cli(Map.of(), "driver", "io.rustyray.examples.CounterClient");
    assertThat(counter.stdout()).as(counter.stderr()).contains("Counter counter is now 1");
    otherJobsCounter = counterNow();
  }

  @AfterAll
  static void stopCluster() throws Exception {
    Rusty.shutdown();
    if (cluster != null) {
      cluster.cli(Map.of(), "job", "stop", jobId);
      cluster.close();
    }
  }

  private static String jobId(LocalCluster.CliResult submitted) {
    Matcher m = JOB_ID.matcher(submitted.stdout());
    assertThat(m.find()).as(submitted.stdout() + submitted.stderr()).isTrue();
    return m.group(1);
  }

  private static ActorInfo counterNow() {
    return cluster.actors().stream()
        .filter(a -> a.getName().equals("counter"))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aCallLostOnTheWireDoesNotHoldUpTheCallsAfterIt() throws Exception {
    ActorHandle<ProbeActor> actor = Rusty.actor(ProbeActor::new).remote();
    long pid = actor.task(ProbeActor::pid).remote().get(TIMEOUT);
    ActorInfo info = cluster.actor(actor.getId()).orElseThrow();
    PushActorTaskRequest.Builder call =
        PushActorTaskRequest.newBuilder()
            .setActorId(actor.getId())
            .setIncarnation(info.getRestarts())
            .setCallerId("lossy-caller")
            .setFunction(
                FunctionDescriptors.describe((RustyFunc1<ProbeActor, Long>) ProbeActor::pid)
                    .descriptor());
    try (Channels channels = new Channels(TOKEN)) {
      var worker = WorkerServiceGrpc.newStub(channels.get(info.getWorkerAddress()));

      // This caller's call 0 failed on the wire: call 1 waits for it, until the caller says so.
      CompletableFuture<TaskResult> second =
          Calls.unary(o -> worker.pushActorTask(call.setSequence(1).build(), o));
      await()
          .during(Duration.ofSeconds(1))
          .atMost(Duration.ofSeconds(2))
          .until(() -> !second.isDone());
      Calls.<SkipActorCallsReply>unary(
              o ->
                  worker.skipActorCalls(
                      SkipActorCallsRequest.newBuilder()
                          .setActorId(actor.getId())
                          .setIncarnation(info.getRestarts())
                          .setCallerId("lossy-caller")
                          .setClientProcessedUpTo(0)
                          .build(),
                      o))
          .get(10, TimeUnit.SECONDS);
      assertThat(second.get(10, TimeUnit.SECONDS).hasValue()).isTrue();

      // Call 2 is lost too; call 3 carries the news itself.
      TaskResult fourth =
          Calls.<TaskResult>unary(
                  o ->
                      worker.pushActorTask(
                          call.setSequence(3).setClientProcessedUpTo(2).build(), o))
              .get(10, TimeUnit.SECONDS);
      assertThat(fourth.hasValue()).isTrue();
    }
    assertThat(actor.task(ProbeActor::pid).remote().get(TIMEOUT))
        .as("the actor's own caller is not disturbed")
        .isEqualTo(pid);
    actor.kill();
  }

  /** The node and the other job's actor are as they were: alive, never restarted, same process. */
  private static void theNodeAndTheOtherJobAreUntouched() throws Exception {
    assertThat(cluster.node("w1").map(NodeInfo::getState)).contains(NodeState.NODE_ALIVE);
    assertThat(node.isAlive()).as("the node's process").isTrue();
    ActorInfo counter = counterNow();
    assertThat(counter.getState()).isEqualTo(ActorState.ALIVE);
    assertThat(counter.getRestarts()).isZero();
    assertThat(counter.getWorkerPid()).isEqualTo(otherJobsCounter.getWorkerPid());
    LocalCluster.CliResult again =
        cluster.cli(Map.of(), "driver", "io.rustyray.examples.CounterClient");
    assertThat(again.stdout()).as("the counter kept its state").contains("Counter counter is now");
    assertThat(again.stdout()).doesNotContain("now 1\n");
  }

  private static boolean alive(long pid) {
    return Signals.alive(pid);
  }

  @Test
  void systemExitInATaskEndsOnlyItsWorkerProcess() throws Exception {
    long before = Rusty.task(Probe::pid).remote().get(TIMEOUT);

    assertThatThrownBy(() -> Rusty.task(Probe::exit, 7).setMaxRetries(0).remote().get(TIMEOUT))
        .isInstanceOf(ObjectLostException.class)
        .hasMessageContaining("exited with code 7");

    await().atMost(Duration.ofSeconds(10)).until(() -> !alive(before));
    long after = Rusty.task(Probe::pid).remote().get(TIMEOUT);
    assertThat(after).as("a fresh worker runs the next task").isNotEqualTo(before);
    theNodeAndTheOtherJobAreUntouched();
  }

  @Test
  void aTaskWhoseWorkerDiesUnderItIsRetriedInAFreshWorker() throws Exception {
    Path marker = Files.createTempDirectory("exit-once").resolve("exited");
    long before = Rusty.task(Probe::pid).remote().get(TIMEOUT);

    long ranIn = Rusty.task(Probe::exitTheFirstTime, marker.toString()).remote().get(TIMEOUT);

    assertThat(Files.exists(marker)).as("the first attempt ran and exited").isTrue();
    assertThat(ranIn).isNotEqualTo(before);
    theNodeAndTheOtherJobAreUntouched();
  }

  @Test
  void outOfMemoryInATaskEndsOnlyItsWorkerProcessAndSaysSo() throws Exception {
    assertThatThrownBy(
            () -> Rusty.task(Probe::exhaustMemory).setMaxRetries(0).remote().get(TIMEOUT))
        .isInstanceOf(ObjectLostException.class)
        .hasMessageContaining("ran out of memory (java.lang.OutOfMemoryError)");

    assertThat(Rusty.task(Probe::square, 9).remote().get(TIMEOUT)).isEqualTo(81);
    theNodeAndTheOtherJobAreUntouched();
  }

  @Test
  void systemExitInAnActorRestartsItOnItsNodeAndTheCallInFlightMayOrMayNotHaveRun()
      throws Exception {
    ActorHandle<ProbeActor> actor = Rusty.actor(ProbeActor::new).setMaxRestarts(1).remote();
    long first = actor.task(ProbeActor::pid).remote().get(TIMEOUT);

    assertThatThrownBy(() -> actor.task(ProbeActor::exit, 3).remote().get(TIMEOUT))
        .isInstanceOf(ActorUnavailableException.class)
        .hasMessageContaining("may or may not have run");

    assertThat(actor.task(ProbeActor::context).remote().get(TIMEOUT))
        .as("the restarted instance knows it is one")
        .isEqualTo(jobId + "|w1|" + actor.getId() + "|true");
    long second = actor.task(ProbeActor::pid).remote().get(TIMEOUT);
    assertThat(second).isNotEqualTo(first);
    ActorInfo info = cluster.actor(actor.getId()).orElseThrow();
    assertThat(info.getRestarts()).isEqualTo(1);
    assertThat(info.getNodeId()).isEqualTo("w1");
    assertThat(info.getWorkerPid()).isEqualTo(second);
    theNodeAndTheOtherJobAreUntouched();
  }

  @Test
  void sigkilledWorkerOfAnActorIsReportedAndTheActorComesBack() throws Exception {
    ActorHandle<ProbeActor> actor = Rusty.actor(ProbeActor::new).setMaxRestarts(1).remote();
    long first = actor.task(ProbeActor::pid).remote().get(TIMEOUT);

    ProcessHandle.of(first).orElseThrow().destroyForcibly();

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              ActorInfo info = cluster.actor(actor.getId()).orElseThrow();
              assertThat(info.getRestarts()).isEqualTo(1);
              assertThat(info.getState()).isEqualTo(ActorState.ALIVE);
              assertThat(info.getWorkerPid()).isNotEqualTo(first);
            });
    assertThat(actor.task(ProbeActor::pid).remote().get(TIMEOUT))
        .isEqualTo(cluster.actor(actor.getId()).orElseThrow().getWorkerPid());
    theNodeAndTheOtherJobAreUntouched();
  }

  @Test
  void outOfMemoryInAnActorEndsItsWorkerAndItsDeathCauseSaysSo() throws Exception {
    ActorHandle<ProbeActor> actor =
        Rusty.actor(ProbeActor::new).setJvmOptions(List.of("-Xmx48m")).remote();
    actor.task(ProbeActor::pid).remote().get(TIMEOUT);

    assertThatThrownBy(() -> actor.task(ProbeActor::exhaustMemory).remote().get(TIMEOUT))
        .isInstanceOfAny(ActorUnavailableException.class, ActorDiedException.class);

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              ActorInfo info = cluster.actor(actor.getId()).orElseThrow();
              assertThat(info.getState()).isEqualTo(ActorState.DEAD);
              assertThat(info.getDeathCause())
                  .contains("ran out of memory (java.lang.OutOfMemoryError)")
                  .contains("no restarts left");
            });
    theNodeAndTheOtherJobAreUntouched();
  }

  @Test
  void workerOptionsTheHeadCannotUseAreRefusedWhenTheActorIsCreated() {
    assertThatThrownBy(
            () -> Rusty.actor(ProbeActor::new).setJvmOptions(List.of("--class-path=/tmp")).remote())
        .isInstanceOf(RustyCallException.class)
        .hasMessageContaining("INVALID_ARGUMENT")
        .hasMessageContaining("the JVM option --class-path is not allowed");
    assertThatThrownBy(
            () ->
                Rusty.actor(ProbeActor::new)
                    .setSharedWorker(true)
                    .setJvmOptions(List.of("-Xmx64m"))
                    .remote())
        .isInstanceOf(RustyCallException.class)
        .hasMessageContaining("an actor in a shared worker takes no JVM options of its own");
  }

  @Test
  void nestedTasksAndActorsOfAJobRunWithTheJobsClassesAndId() {
    assertThat(Rusty.task(Probe::nestedSumOfSquares, 5).remote().get(TIMEOUT)).isEqualTo(30);

    ActorHandle<ProbeActor> parent = Rusty.actor(ProbeActor::new).remote();
    assertThat(parent.task(ProbeActor::nestedSumOfSquares, 4).remote().get(TIMEOUT)).isEqualTo(14);
    assertThat(parent.task(ProbeActor::childContext).remote().get(TIMEOUT))
        .as("an actor created by an actor belongs to the same job")
        .startsWith(jobId + "|w1|actor-")
        .endsWith("|false");

    assertThat(Rusty.task(Probe::putAndGet, "kept by the task").remote().get(TIMEOUT))
        .isEqualTo("kept by the task");
    ActorHandle<ProbeActor> named = Rusty.actor(ProbeActor::new).setName("probe-named").remote();
    assertThat(Rusty.task(Probe::askNamedActor, "probe-named").remote().get(TIMEOUT))
        .as("getActor from inside a task")
        .isEqualTo(jobId + "|w1|" + named.getId() + "|false");

    assertThatThrownBy(() -> Rusty.task(Probe::failDeep, 2).remote().get(TIMEOUT))
        .isInstanceOf(RustyTaskException.class)
        .hasMessageContaining("deep failure at the bottom");
  }

  @Test
  void runtimeContextGivesTheJobInTasksAndTheActorInActors() {
    assertThat(Rusty.task(Probe::context).remote().get(TIMEOUT)).isEqualTo(jobId + "|w1||false");

    ActorHandle<ProbeActor> actor = Rusty.actor(ProbeActor::new).setMaxRestarts(1).remote();
    assertThat(actor.task(ProbeActor::context).remote().get(TIMEOUT))
        .isEqualTo(jobId + "|w1|" + actor.getId() + "|false");

    actor.kill(false);

    assertThat(actor.task(ProbeActor::context).remote().get(TIMEOUT))
        .isEqualTo(jobId + "|w1|" + actor.getId() + "|true");
  }

  @Test
  void killDuringALongCallEndsItsProcessFailsTheCallAndThenFreesItsResources() throws Exception {
    ActorHandle<ProbeActor> actor = Rusty.actor(ProbeActor::new).setResource("cpu", 1).remote();
    long pid = actor.task(ProbeActor::pid).remote().get(TIMEOUT);
    ObjectRef<String> running = actor.task(ProbeActor::sleep, 120_000L).remote();
    Thread.sleep(500);

    actor.kill();

    assertThatThrownBy(() -> running.get(Duration.ofSeconds(30)))
        .isInstanceOf(ActorDiedException.class);
    assertThat(alive(pid)).as("the actor's worker process").isFalse();
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(
                        cluster
                            .node("w1")
                            .orElseThrow()
                            .getResourcesAvailable()
                            .getAmountsOrThrow("cpu"))
                    .isEqualTo(4.0));
  }

  @Test
  void killOfAnActorInASharedWorkerInterruptsItsCallAndLeavesTheOthers() {
    ActorHandle<ProbeActor> killed = Rusty.actor(ProbeActor::new).setSharedWorker(true).remote();
    ActorHandle<ProbeActor> kept = Rusty.actor(ProbeActor::new).setSharedWorker(true).remote();
    long shared = killed.task(ProbeActor::pid).remote().get(TIMEOUT);
    assertThat(kept.task(ProbeActor::pid).remote().get(TIMEOUT)).isEqualTo(shared);
    ObjectRef<String> running = killed.task(ProbeActor::sleep, 120_000L).remote();

    killed.kill();

    assertThatThrownBy(() -> running.get(Duration.ofSeconds(30)))
        .isInstanceOf(ActorDiedException.class);
    assertThat(kept.task(ProbeActor::pid).remote().get(TIMEOUT)).isEqualTo(shared);
    assertThat(kept.task(ProbeActor::calls).remote().get(TIMEOUT)).isEqualTo(2);
  }

  @Test
  void aJobsNextTaskRunsInTheWarmWorkerItsFirstStarted() {
    long first = Rusty.task(Probe::pid).remote().get(TIMEOUT);
    long second = Rusty.task(Probe::pid).remote().get(TIMEOUT);

    assertThat(second).isEqualTo(first);
    assertThat(first).as("not the node's own process").isNotEqualTo(node.pid());
  }

  @Test
  void twoDriversRunTheirTasksAndActorsInDifferentWorkerProcesses() throws Exception {
    Path jar =
        JobJars.build(
            "second-driver",
            Map.of(
                "demo.Pids",
                """
                package demo;
                import io.rustyray.api.Rusty;
                public class Pids {
                  public static long pid() { return ProcessHandle.current().pid(); }
                  public long actorPid() { return ProcessHandle.current().pid(); }
                  public static void main(String[] args) {
                    Rusty.init();
                    System.out.println("task pid " + Rusty.task(Pids::pid).remote().get());
                    System.out.println("actor pid "
                        + Rusty.actor(Pids::new).remote().task(Pids::actorPid).remote().get());
                    Rusty.shutdown();
                  }
                }
                """));
    long mineTask = Rusty.task(Probe::pid).remote().get(TIMEOUT);
    long mineActor = Rusty.actor(ProbeActor::new).remote().task(ProbeActor::pid).remote().get();

    LocalCluster.CliResult other =
        cluster.cli(Map.of(), "job", "submit", "--jar", jar.toString(), "--", "demo.Pids");

    assertThat(other.exitCode()).as(other.stdout() + other.stderr()).isZero();
    long otherTask = Long.parseLong(other.stdout().replaceAll("(?s).*task pid (\\d+).*", "$1"));
    long otherActor = Long.parseLong(other.stdout().replaceAll("(?s).*actor pid (\\d+).*", "$1"));
    assertThat(List.of(mineTask, mineActor, otherTask, otherActor))
        .doesNotHaveDuplicates()
        .doesNotContain(node.pid());
  }

  @Test
  void workersOfAJobGetItsEnvironment() {
    assertThat(Rusty.task(Probe::env, "PROBE_GREETING").remote().get(TIMEOUT))
        .isEqualTo("from the job's env");
    assertThat(
            Rusty.actor(ProbeActor::new)
                .remote()
                .task(ProbeActor::env, "PROBE_GREETING")
                .remote()
                .get(TIMEOUT))
        .isEqualTo("from the job's env");
  }

  @Test
  void whatAWorkerPrintsGoesToItsJobsLog() {
    String line = "hello from a task " + System.nanoTime();

    Rusty.task(Probe::say, line).remote().get(TIMEOUT);

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(cluster.cli(Map.of(), "job", "logs", jobId).stdout())
                    .containsPattern("\\(pid=\\d+, node=w1\\) " + line));
  }
}
