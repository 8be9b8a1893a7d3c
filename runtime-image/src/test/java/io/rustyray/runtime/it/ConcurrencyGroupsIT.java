package io.rustyray.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.rustyray.api.ActorCreator;
import io.rustyray.api.ActorHandle;
import io.rustyray.api.Checkpoint;
import io.rustyray.api.ObjectRef;
import io.rustyray.api.Rusty;
import io.rustyray.api.concurrencygroup.ConcurrencyGroup;
import io.rustyray.api.concurrencygroup.ConcurrencyGroupBuilder;
import io.rustyray.api.exception.ActorDiedException;
import io.rustyray.api.exception.ActorUnavailableException;
import io.rustyray.api.exception.RustyCallException;
import io.rustyray.api.function.RustyFunc1;
import io.rustyray.api.parallelactor.ParallelActor;
import io.rustyray.api.parallelactor.ParallelActorHandle;
import io.rustyray.api.parallelactor.ParallelActorInstance;
import io.rustyray.client.ClusterRuntime;
import io.rustyray.protocol.function.FunctionDescriptors;
import io.rustyray.protocol.proto.ActorSpec;
import io.rustyray.protocol.proto.ActorState;
import io.rustyray.protocol.proto.CheckpointPolicy;
import io.rustyray.protocol.proto.ConcurrencyGroupSpec;
import io.rustyray.protocol.proto.CreateActorRequest;
import io.rustyray.protocol.proto.FunctionDescriptor;
import io.rustyray.runtime.it.probe.DurableTally;
import io.rustyray.runtime.it.probe.JobThatWaits;
import io.rustyray.runtime.it.probe.ParallelProbe;
import io.rustyray.runtime.it.probe.Probe;
import io.rustyray.runtime.it.probe.Switchboard;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Concurrency groups on real processes (Ray's ConcurrencyGroupTest): an actor's groups each run
 * their methods on threads of their own in the actor's worker process, at most their limit at once,
 * and a busy group holds up no other, nor the default group. A head without work and one worker
 * node; this suite calls in as a submitted job whose jar holds the actor classes.
 */
class ConcurrencyGroupsIT {
  private static final String TOKEN = "groups-token-" + System.nanoTime();
  private static final String WORKER_OPTIONS = "-Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final Pattern JOB_ID = Pattern.compile("Job (job-[0-9a-f]+) submitted");

  private static final ConcurrencyGroup IO =
      new ConcurrencyGroupBuilder<Switchboard>()
          .setName("io")
          .setMaxConcurrency(1)
          .addMethod(Switchboard::waitAtGate)
          .addMethod(Switchboard::ioThread)
          .addMethod(Switchboard::otherIoThread)
          .build();
  private static final ConcurrencyGroup COMPUTE =
      new ConcurrencyGroupBuilder<Switchboard>()
          .setName("compute")
          .setMaxConcurrency(1)
          .addMethod(Switchboard::openGate)
          .addMethod(Switchboard::computeThread)
          .build();
  private static final ConcurrencyGroup PAIRS =
      new ConcurrencyGroupBuilder<Switchboard>()
          .setName("pairs")
          .setMaxConcurrency(2)
          .addMethod(Switchboard::enterInPairs)
          .build();

  private static LocalCluster cluster;
  private static String jobId;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster =
        LocalCluster.startHead(TOKEN, "--no-node-agent", "--worker-jvm-options", WORKER_OPTIONS);
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

  private static ActorCreator<Switchboard> switchboard() {
    return Rusty.actor(Switchboard::new).setConcurrencyGroups(IO, COMPUTE, PAIRS);
  }

  @Test
  void aCallBlockedInOneGroupHoldsUpNeitherOtherGroupsNorTheDefaultGroup() {
    ActorHandle<Switchboard> actor = switchboard().remote();
    ObjectRef<String> blocked = actor.task(Switchboard::waitAtGate).remote();

    assertThat(actor.task(Switchboard::defaultThread).remote().get(TIMEOUT)).isNotEmpty();
    assertThat(actor.task(Switchboard::openGate).remote().get(TIMEOUT)).isEqualTo("opened");

    assertThat(blocked.get(TIMEOUT)).isEqualTo("passed");
  }

  @Test
  void aGroupOfTwoRunsTwoCallsAtOnceAndNeverThree() {
    ActorHandle<Switchboard> actor = switchboard().remote();
    List<ObjectRef<Integer>> calls = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      calls.add(actor.task(Switchboard::enterInPairs).remote());
    }

    Rusty.get(calls, TIMEOUT);

    assertThat(actor.task(Switchboard::mostAtOnce).remote().get(TIMEOUT)).isEqualTo(2);
  }

  @Test
  void theDefaultGroupRunsAsManyCallsAtOnceAsTheActorsMaxConcurrency() {
    ActorHandle<Switchboard> actor =
        Rusty.actor(Switchboard::new).setConcurrencyGroups(IO).setMaxConcurrency(2).remote();
    ObjectRef<String> blocked = actor.task(Switchboard::waitAtGate).remote();

    ObjectRef<Integer> first = actor.task(Switchboard::enterInPairs).remote();
    ObjectRef<Integer> second = actor.task(Switchboard::enterInPairs).remote();

    assertThat(Rusty.get(List.of(first, second), TIMEOUT)).containsOnly(2);
    actor.task(Switchboard::openGate).remote().get(TIMEOUT);
    assertThat(blocked.get(TIMEOUT)).isEqualTo("passed");
  }

  @Test
  void theCallsOfAGroupOfOneShareAThreadAndEachGroupHasItsOwn() {
    ActorHandle<Switchboard> actor = switchboard().remote();

    String io1 = actor.task(Switchboard::ioThread).remote().get(TIMEOUT);
    String io2 = actor.task(Switchboard::otherIoThread).remote().get(TIMEOUT);
    String compute = actor.task(Switchboard::computeThread).remote().get(TIMEOUT);
    String default1 = actor.task(Switchboard::defaultThread).remote().get(TIMEOUT);
    String default2 = actor.task(Switchboard::otherDefaultThread).remote().get(TIMEOUT);
    String ioInCompute =
        actor.task(Switchboard::ioThread).setConcurrencyGroup("compute").remote().get(TIMEOUT);

    assertThat(io1).isEqualTo(io2);
    assertThat(default1).isEqualTo(default2);
    assertThat(List.of(io1, compute, default1)).doesNotHaveDuplicates();
    assertThat(ioInCompute).as("the call's own group wins over its method's").isEqualTo(compute);
  }

  @Test
  void anActorsCallToAnotherActorCanNameItsGroup() {
    ActorHandle<Switchboard> callee = switchboard().remote();
    ActorHandle<Switchboard> caller = switchboard().remote();
    String compute = callee.task(Switchboard::computeThread).remote().get(TIMEOUT);

    assertThat(caller.task(Switchboard::threadInGroupOf, callee, "compute").remote().get(TIMEOUT))
        .isEqualTo(compute);
  }

  @Test
  void aCallSentToABlockedGroupWaitsThere() {
    ActorHandle<Switchboard> actor = switchboard().remote();
    ObjectRef<String> blocked = actor.task(Switchboard::waitAtGate).remote();

    ObjectRef<String> behindIt =
        actor.task(Switchboard::defaultThread).setConcurrencyGroup("io").remote();

    assertThat(Rusty.wait(List.of(behindIt), 1, Duration.ofMillis(500)).ready()).isEmpty();
    actor.task(Switchboard::openGate).remote().get(TIMEOUT);
    assertThat(behindIt.get(TIMEOUT)).isNotEmpty();
    assertThat(blocked.get(TIMEOUT)).isEqualTo("passed");
  }

  @Test
  void aCallAskingForAGroupTheActorDoesNotHaveFailsAndTheCallsAfterItRun() {
    ActorHandle<Switchboard> actor = switchboard().remote();

    ObjectRef<String> wrong =
        actor.task(Switchboard::defaultThread).setConcurrencyGroup("gpu").remote();
    ObjectRef<Integer> next = actor.task(Switchboard::record, 1).remote();

    assertThatThrownBy(() -> wrong.get(TIMEOUT))
        .isInstanceOf(RustyCallException.class)
        .hasMessageContaining("INVALID_ARGUMENT")
        .hasMessageContaining("no concurrency group named gpu; its groups are io, compute, pairs");
    assertThat(next.get(TIMEOUT)).isEqualTo(1);
  }

  @Test
  void theDefaultGroupKeepsTheCallersOrderWhileAnotherGroupIsBlocked() {
    ActorHandle<Switchboard> actor = switchboard().remote();
    ObjectRef<String> blocked = actor.task(Switchboard::waitAtGate).remote();

    List<ObjectRef<Integer>> calls = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      calls.add(actor.task(Switchboard::record, i).remote());
    }
    Rusty.get(calls, TIMEOUT);

    assertThat(actor.task(Switchboard::recorded).remote().get(TIMEOUT))
        .containsExactlyElementsOf(IntStream.range(0, 300).boxed().toList());
    actor.task(Switchboard::openGate).remote();
    assertThat(blocked.get(TIMEOUT)).isEqualTo("passed");
  }

  @Test
  void aMethodInTwoGroupsIsRefusedAtCreation() {
    ConcurrencyGroup again =
        new ConcurrencyGroupBuilder<Switchboard>()
            .setName("again")
            .addMethod(Switchboard::waitAtGate)
            .build();

    assertThatThrownBy(() -> Rusty.actor(Switchboard::new).setConcurrencyGroups(IO, again).remote())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("method waitAtGate is in two concurrency groups, io and again");
  }

  @Test
  void theHeadRefusesASpecWhoseGroupsShareAMethodFromAnyClient() {
    FunctionDescriptor wait =
        FunctionDescriptors.describe((RustyFunc1<Switchboard, String>) Switchboard::waitAtGate)
            .descriptor();
    ActorSpec spec =
        ActorSpec.newBuilder()
            .setConstructor(
                FunctionDescriptors.describeActorConstructor(
                        (io.rustyray.api.function.RustyFunc0<Switchboard>) Switchboard::new)
                    .descriptor())
            .setMaxConcurrency(1)
            .setJobId(jobId)
            .addConcurrencyGroups(group("io", wait))
            .addConcurrencyGroups(group("again", wait))
            .build();

    assertThatThrownBy(
            () ->
                cluster
                    .gcs()
                    .createActor(
                        CreateActorRequest.newBuilder()
                            .setActorId("actor-groups-refused")
                            .setSpec(spec)
                            .build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
              assertThat(e.getStatus().getDescription())
                  .contains("method waitAtGate is in two concurrency groups, io and again");
            });
    assertThat(cluster.actor("actor-groups-refused")).isEmpty();
  }

  private static ConcurrencyGroupSpec group(String name, FunctionDescriptor method) {
    return ConcurrencyGroupSpec.newBuilder()
        .setName(name)
        .setMaxConcurrency(1)
        .addMethods(method)
        .build();
  }

  @Test
  void aKillEndsTheCallsRunningInEveryGroup() {
    ActorHandle<Switchboard> actor = switchboard().setSharedWorker(true).remote();
    ActorHandle<Switchboard> neighbour = switchboard().setSharedWorker(true).remote();
    long pid = actor.task(Switchboard::pid).remote().get(TIMEOUT);
    assertThat(neighbour.task(Switchboard::pid).remote().get(TIMEOUT)).isEqualTo(pid);
    ObjectRef<String> inIo = actor.task(Switchboard::waitAtGate).remote();
    ObjectRef<Integer> inPairs = actor.task(Switchboard::enterInPairs).remote();
    ObjectRef<String> neighbourInIo = neighbour.task(Switchboard::waitAtGate).remote();

    actor.kill();

    assertThatThrownBy(() -> inIo.get(Duration.ofSeconds(30)))
        .isInstanceOfAny(ActorDiedException.class, ActorUnavailableException.class);
    assertThatThrownBy(() -> inPairs.get(Duration.ofSeconds(30)))
        .isInstanceOfAny(ActorDiedException.class, ActorUnavailableException.class);
    assertThat(neighbour.task(Switchboard::openGate).remote().get(TIMEOUT))
        .as("the actor beside it in the shared worker keeps its groups")
        .isEqualTo("opened");
    assertThat(neighbourInIo.get(TIMEOUT)).isEqualTo("passed");
  }

  @Test
  void aDurableActorKeepsItsGroupsAndItsStateAcrossARestart() throws Exception {
    ConcurrencyGroup reads =
        new ConcurrencyGroupBuilder<DurableTally>()
            .setName("reads")
            .setMaxConcurrency(2)
            .addMethod(DurableTally::get)
            .build();
    ActorHandle<DurableTally> tally =
        Rusty.actor(DurableTally::new, 0L)
            .setCheckpoint(Checkpoint.everyCall())
            .setMaxRestarts(-1)
            .setConcurrencyGroups(reads)
            .remote();
    for (int i = 0; i < 5; i++) {
      tally.task(DurableTally::increment).remote().get(TIMEOUT);
    }

    Signals.kill(tally.task(DurableTally::pid).remote().get(TIMEOUT));
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              var info = cluster.actor(tally.getId()).orElseThrow();
              assertThat(info.getRestarts()).isEqualTo(1);
              assertThat(info.getState()).isEqualTo(ActorState.ALIVE);
            });

    assertThat(tally.task(DurableTally::get).remote().get(TIMEOUT)).isEqualTo(5L);
    assertThat(
            tally.task(DurableTally::increment).setConcurrencyGroup("reads").remote().get(TIMEOUT))
        .isEqualTo(6L);
  }

  // Parallel actors (Ray's ParallelActorTest): instances in lanes of one, in one worker process.

  @Test
  void aParallelActorsInstancesKeepStatesOfTheirOwnAndRunBesideEachOther() {
    ParallelActorHandle<ParallelProbe> actor =
        ParallelActor.actor(ParallelProbe::new, 0).setParallelism(3).remote();

    ObjectRef<Integer> first = actor.getInstance(0).task(ParallelProbe::incr, 1_000_000).remote();
    ObjectRef<Integer> second = actor.getInstance(1).task(ParallelProbe::incr, 1_000_000).remote();
    ObjectRef<String> waiting =
        actor.getInstance(2).task(ParallelProbe::waitAtGate, "it-beside").remote();
    assertThat(actor.getInstance(1).task(ParallelProbe::openGate, "it-beside").remote().get())
        .isEqualTo("opened");

    assertThat(first.get(TIMEOUT)).isEqualTo(1_000_000);
    assertThat(second.get(TIMEOUT)).isEqualTo(1_000_000);
    assertThat(waiting.get(TIMEOUT)).isEqualTo("passed");
    assertThat(actor.getInstance(2).task(ParallelProbe::getValue).remote().get(TIMEOUT)).isZero();
  }

  @Test
  void eachInstanceOfAParallelActorRunsItsCallsOneAtATimeInOrder() {
    ParallelActorHandle<ParallelProbe> actor =
        ParallelActor.actor(ParallelProbe::new, 0).setParallelism(2).remote();
    ActorHandle<ParallelProbe> instance = actor.getInstance(1);

    List<ObjectRef<Integer>> calls = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      calls.add(instance.task(ParallelProbe::record, i).remote());
      actor.getInstance(0).task(ParallelProbe::record, i).remote();
    }
    Rusty.get(calls, TIMEOUT);

    assertThat(instance.task(ParallelProbe::recorded).remote().get(TIMEOUT))
        .containsExactlyElementsOf(IntStream.range(0, 200).boxed().toList());
    assertThat(instance.task(ParallelProbe::mostAtOnce).remote().get(TIMEOUT)).isEqualTo(1);
  }

  @Test
  void aCallToAnInstanceAParallelActorDoesNotHaveFailsAndTheOthersRun() {
    ParallelActorHandle<ParallelProbe> actor =
        ParallelActor.actor(ParallelProbe::new, 0).setParallelism(2).remote();
    ActorHandle<ParallelProbe> missing = new ParallelActorInstance<>(actor.getId(), "", 5);

    assertThatThrownBy(() -> missing.task(ParallelProbe::getValue).remote().get(TIMEOUT))
        .isInstanceOf(RustyCallException.class)
        .hasMessageContaining("has instances 0 to 1; there is no instance 5");
    assertThat(actor.getInstance(1).task(ParallelProbe::incr, 2).remote().get(TIMEOUT))
        .isEqualTo(2);
  }

  @Test
  void theHeadRefusesAParallelActorThatKeepsACheckpoint() {
    ActorSpec spec =
        ActorSpec.newBuilder()
            .setConstructor(
                FunctionDescriptors.describeActorConstructor(
                        (io.rustyray.api.function.RustyFunc0<Switchboard>) Switchboard::new)
                    .descriptor())
            .setMaxConcurrency(1)
            .setJobId(jobId)
            .setParallelism(2)
            .setCheckpoint(CheckpointPolicy.newBuilder().setEveryCall(true))
            .build();

    assertThatThrownBy(
            () ->
                cluster
                    .gcs()
                    .createActor(
                        CreateActorRequest.newBuilder()
                            .setActorId("actor-parallel-refused")
                            .setSpec(spec)
                            .build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
              assertThat(e.getStatus().getDescription())
                  .isEqualTo("a parallel actor keeps no checkpoint");
            });
  }
}
