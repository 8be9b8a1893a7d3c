package io.rustyray.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.rustyray.api.ActorHandle;
import io.rustyray.api.ActorInfo;
import io.rustyray.api.ActorState;
import io.rustyray.api.NodeInfo;
import io.rustyray.api.ObjectRef;
import io.rustyray.api.Rusty;
import io.rustyray.api.exception.ActorDiedException;
import io.rustyray.api.exception.ObjectLostException;
import io.rustyray.api.exception.RustyException;
import io.rustyray.api.exception.RustyTaskException;
import io.rustyray.api.function.RustyFunc0;
import io.rustyray.client.ClusterRuntime;
import io.rustyray.protocol.function.FunctionDescriptors;
import io.rustyray.protocol.proto.ActorSpec;
import io.rustyray.protocol.proto.CreateActorRequest;
import io.rustyray.protocol.proto.Resources;
import io.rustyray.runtime.it.rayapi.ApiActor;
import io.rustyray.runtime.it.rayapi.ApiFns;
import io.rustyray.runtime.it.rayapi.RayApiJob;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The smaller parts of Ray's API, as Ray's own Java tests assert them (RayCallTest,
 * GetActorInfoTest, ExitActorTest, TaskNameTest, ...), on real processes: a head without work and
 * one worker node, started through the CLI; this suite calls in as a submitted job whose jar holds
 * the suite's task and actor classes.
 */
class RayApiIT {
  private static final String TOKEN = "ray-api-token-" + System.nanoTime();
  private static final String WORKER_OPTIONS = "-Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final Pattern JOB_ID = Pattern.compile("Job (job-[0-9a-f]+) submitted");

  private static final RustyFunc0<ApiActor> NEW_API_ACTOR = ApiActor::new;

  private static LocalCluster cluster;
  private static String jobId;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster =
        LocalCluster.startHead(TOKEN, "--no-node-agent", "--worker-jvm-options", WORKER_OPTIONS);
    cluster.startWorker("w1", "{\"cpu\": 4, \"gpu\": 2}", "--worker-jvm-options", WORKER_OPTIONS);
    Path jar = JobJars.pack("ray-api", ApiFns.class);
    LocalCluster.CliResult submitted =
        cluster.cli(
            Map.of(),
            "job",
            "submit",
            "--jar",
            jar.toString(),
            "--no-wait",
            "--",
            RayApiJob.class.getName());
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

  // RayCallTest: 0 to 6 arguments, of every kind, with and without a result.

  @Test
  void tasksTakeUpToSixArgumentsOfEveryKind() {
    ObjectRef<Integer> put = Rusty.put(4);

    assertThat(Rusty.task(ApiFns::sum6, 1, 2, 3, put, 5, 6).remote().get(TIMEOUT)).isEqualTo(21);
    assertThat(Rusty.task(ApiFns::sum5, 1, 2, 3, 4, 5).remote().get(TIMEOUT)).isEqualTo("sum 15");
    assertThat(
            Rusty.task(
                    ApiFns::kinds,
                    null,
                    new int[] {1, 2},
                    List.of("a", "b"),
                    Map.of("k", 1),
                    new ApiFns.Point(3, 4))
                .remote()
                .get(TIMEOUT))
        .isEqualTo("null [1, 2] [a, b] {k=1} Point[x=3, y=4]");
  }

  @Test
  void voidTasksOfNoneToSixArgumentsRunAndYieldNull() {
    assertThat(Rusty.task(ApiFns::nothing).remote().get(TIMEOUT)).isNull();
    assertThat(Rusty.task(ApiFns::check6, 1, 2, 3, 4, 5, 6).remote().get(TIMEOUT)).isNull();
    assertThatThrownBy(() -> Rusty.task(ApiFns::check6, 6, 5, 4, 3, 2, 1).remote().get(TIMEOUT))
        .isInstanceOf(RustyTaskException.class)
        .hasMessageContaining("got [6, 5, 4, 3, 2, 1]");
  }

  @Test
  void actorsTakeConstructorsAndCallsOfUpToSixArguments() {
    ActorHandle<ApiActor> four = Rusty.actor(ApiActor::of4, 1, 1, 1, 1).remote();
    ActorHandle<ApiActor> five = Rusty.actor(ApiActor::of5, 1, 1, 1, 1, 1).remote();
    ActorHandle<ApiActor> six = Rusty.actor(ApiActor::of6, 1, 1, 1, 1, 1, Rusty.put(1)).remote();

    assertThat(four.task(ApiActor::base).remote().get(TIMEOUT)).isEqualTo(4);
    assertThat(five.task(ApiActor::base).remote().get(TIMEOUT)).isEqualTo(5);
    assertThat(six.task(ApiActor::add6, 1, 2, 3, 4, 5, 6).remote().get(TIMEOUT)).isEqualTo(27);
    assertThat(six.task(ApiActor::set6, 1, 1, 1, 1, 1, 1).remote().get(TIMEOUT)).isNull();
    assertThat(six.task(ApiActor::base).remote().get(TIMEOUT)).isEqualTo(6);
    assertThat(six.task(ApiActor::reset).remote().get(TIMEOUT)).isNull();
    assertThat(six.task(ApiActor::base).remote().get(TIMEOUT)).isZero();
  }

  // Ray: "resource quantities >1 must be whole numbers".

  @Test
  void resourceAmountsAboveOneMustBeWholeInTheSdk() {
    assertThatThrownBy(() -> Rusty.task(ApiFns::nothing).setResource("cpu", 3.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("resource cpu must be a whole number when above 1");
    assertThatThrownBy(() -> Rusty.actor(ApiActor::new).setResources(Map.of("gpu", -1.0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must not be negative");

    // A fraction of one is fine.
    assertThat(Rusty.task(ApiFns::sum5, 1, 1, 1, 1, 1).setResource("cpu", 0.5).remote().get())
        .isEqualTo("sum 5");
  }

  @Test
  void theHeadRefusesAFractionalAmountAboveOneFromAClientThatBypassesTheSdk() {
    ActorSpec spec =
        ActorSpec.newBuilder()
            .setConstructor(
                FunctionDescriptors.describeActorConstructor(NEW_API_ACTOR).descriptor())
            .setResources(Resources.newBuilder().putAmounts("cpu", 2.5))
            .setJobId(jobId)
            .setOwnerId("bypass")
            .build();

    assertThatThrownBy(
            () ->
                cluster
                    .gcs()
                    .createActor(
                        CreateActorRequest.newBuilder()
                            .setActorId("actor-bypass-" + System.nanoTime())
                            .setSpec(spec)
                            .build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
              assertThat(e.getStatus().getDescription()).contains("resource cpu", "2.5");
            });
  }

  // FailureTest.testExceptionSerialization: a put exception is an error object.

  @Test
  void getOfAPutTaskExceptionThrowsItWithItsDetailsAndCause() {
    RustyTaskException thrown =
        new RustyTaskException("Fns.f()", "java.lang.IllegalStateException", "boom", "at here");
    thrown.initCause(new ActorDiedException("actor-x", "killed"));
    ObjectRef<RustyTaskException> ref = Rusty.put(thrown);

    assertThatThrownBy(() -> ref.get(TIMEOUT))
        .isInstanceOfSatisfying(
            RustyTaskException.class,
            back -> {
              assertThat(back.getMessage()).isEqualTo(thrown.getMessage());
              assertThat(back.getRemoteClassName()).isEqualTo("java.lang.IllegalStateException");
              assertThat(back.getRemoteStackTrace()).isEqualTo("at here");
              assertThat(back.getCause())
                  .isInstanceOf(ActorDiedException.class)
                  .hasMessage("actor actor-x is dead: killed");
            });
  }

  // GetActorInfoTest, RuntimeContextTest: actors and nodes as the cluster knows them.

  @Test
  void getAllActorInfoListsActorsByJobAndState() {
    ActorHandle<ApiActor> alive = Rusty.actor(ApiActor::new).setName("listed").remote();
    ActorHandle<ApiActor> killed = Rusty.actor(ApiActor::new).remote();
    alive.task(ApiActor::incr).remote().get(TIMEOUT);
    killed.task(ApiActor::incr).remote().get(TIMEOUT);
    killed.kill();

    ActorInfo info = infoOf(alive.getId(), Rusty.getAllActorInfo());
    assertThat(info.name()).isEqualTo("listed");
    assertThat(info.jobId()).isEqualTo(jobId);
    assertThat(info.className()).isEqualTo(ApiActor.class.getName());
    assertThat(info.nodeId()).isEqualTo("w1");
    assertThat(info.state()).isEqualTo(ActorState.ALIVE);
    assertThat(Rusty.getAllActorInfo(jobId, ActorState.ALIVE))
        .extracting(ActorInfo::actorId)
        .contains(alive.getId())
        .doesNotContain(killed.getId());
    assertThat(Rusty.getAllActorInfo(jobId, ActorState.DEAD))
        .extracting(ActorInfo::actorId)
        .contains(killed.getId());
    assertThat(Rusty.getAllActorInfo("job-none", null)).isEmpty();
  }

  @Test
  void getAllNodeInfoListsTheHeadAndTheWorkerWithTheirResources() {
    List<NodeInfo> nodes = Rusty.getAllNodeInfo();

    NodeInfo worker = nodes.stream().filter(n -> n.nodeId().equals("w1")).findFirst().orElseThrow();
    assertThat(worker.alive()).isTrue();
    assertThat(worker.head()).isFalse();
    assertThat(worker.totalResources()).containsEntry("cpu", 4.0);
    assertThat(worker.address()).isNotEmpty();
  }

  // GetCurrentActorHandleTest.

  @Test
  void anActorGetsAHandleToItselfThatReachesTheSameInstance() {
    ActorHandle<ApiActor> actor = Rusty.actor(ApiActor::new).remote();
    actor.task(ApiActor::incr).remote().get(TIMEOUT);

    ActorHandle<ApiActor> self = actor.task(ApiActor::self).remote().get(TIMEOUT);

    assertThat(self.getId()).isEqualTo(actor.getId());
    assertThat(self.task(ApiActor::incr).remote().get(TIMEOUT)).isEqualTo(2);
    assertThatThrownBy(Rusty::getCurrentActor)
        .isInstanceOf(RustyException.class)
        .hasMessageContaining("outside any actor");
  }

  // ExitActorTest, ExitActorTest2.

  @Test
  void exitActorEndsTheActorForGoodAndItsWorkerProcess() {
    ActorHandle<ApiActor> actor = Rusty.actor(ApiActor::new).setMaxRestarts(5).remote();
    long pid = actor.task(ApiActor::pid).remote().get(TIMEOUT);

    ObjectRef<Boolean> exiting = actor.task(ApiActor::exit).remote();

    assertThatThrownBy(() -> exiting.get(TIMEOUT))
        .isInstanceOf(ActorDiedException.class)
        .hasMessageContaining("exited itself");
    assertThatThrownBy(() -> actor.task(ApiActor::incr).remote().get(TIMEOUT))
        .isInstanceOf(ActorDiedException.class)
        .hasMessageContaining("exited itself");
    ActorInfo info = infoOf(actor.getId(), Rusty.getAllActorInfo());
    assertThat(info.state()).isEqualTo(ActorState.DEAD);
    assertThat(info.numRestarts()).isZero();
    assertThat(info.deathCause()).contains("exited itself");
    await().atMost(TIMEOUT).until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
  }

  @Test
  void exitActorInASharedWorkerEndsOnlyThatActor() {
    ActorHandle<ApiActor> leaving = Rusty.actor(ApiActor::new).setSharedWorker(true).remote();
    ActorHandle<ApiActor> staying = Rusty.actor(ApiActor::new).setSharedWorker(true).remote();
    long pid = leaving.task(ApiActor::pid).remote().get(TIMEOUT);
    assertThat(staying.task(ApiActor::pid).remote().get(TIMEOUT)).isEqualTo(pid);

    assertThatThrownBy(() -> leaving.task(ApiActor::exit).remote().get(TIMEOUT))
        .isInstanceOf(ActorDiedException.class)
        .hasMessageContaining("exited itself");

    assertThat(staying.task(ApiActor::incr).remote().get(TIMEOUT)).isEqualTo(1);
    assertThat(staying.task(ApiActor::pid).remote().get(TIMEOUT)).isEqualTo(pid);
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);
  }

  @Test
  void exitActorOutsideAnActorSaysItNeedsOne() {
    assertThatThrownBy(Rusty::exitActor)
        .isInstanceOf(RustyException.class)
        .hasMessageContaining("called outside any actor");
  }

  // TaskNameTest: names travel with tasks and calls, and show where users look.

  @Test
  void aNamedTaskRunsOnAThreadNamedAfterItAndItsErrorsNameIt() {
    assertThat(Rusty.task(ApiFns::threadName).setName("foo").remote().get(TIMEOUT))
        .contains("task:foo");
    assertThatThrownBy(() -> Rusty.task(ApiFns::fail).setName("failing-foo").remote().get(TIMEOUT))
        .isInstanceOf(RustyTaskException.class)
        .hasMessageContaining("task 'failing-foo'")
        .hasMessageContaining("failed on purpose");
  }

  @Test
  void aNamedActorCallRunsOnAThreadNamedAfterItAndItsErrorsNameIt() {
    ActorHandle<ApiActor> actor = Rusty.actor(ApiActor::new).remote();

    assertThat(actor.task(ApiActor::threadName).setName("bar").remote().get(TIMEOUT))
        .contains("task:bar");
    assertThat(actor.task(ApiActor::threadName).remote().get(TIMEOUT)).doesNotContain("task:");
    assertThatThrownBy(
            () -> actor.task(ApiActor::fail).setName("failing-bar").remote().get(TIMEOUT))
        .isInstanceOf(RustyTaskException.class)
        .hasMessageContaining("task 'failing-bar'");
  }

  // PlasmaFreeTest: free deletes objects at once.

  @Test
  void freedObjectsLeaveTheNodeStoreAndLaterGetsSayTheyWereFreed() {
    ObjectRef<byte[]> large = Rusty.task(ApiFns::bytes, 300_000).remote();
    assertThat(large.get(TIMEOUT)).hasSize(300_000);
    await().atMost(TIMEOUT).until(() -> storeObjects("w1") > 0);
    long stored = storeObjects("w1");
    ObjectRef<Integer> small = Rusty.put(1);
    ObjectRef<String> notReady = Rusty.task(ApiFns::slow, 1_000L).remote();

    Rusty.free(List.of(large, small, notReady));
    Rusty.free(List.of(large));

    assertThatThrownBy(() -> large.get(TIMEOUT))
        .isInstanceOf(ObjectLostException.class)
        .hasMessageContaining("was freed");
    assertThatThrownBy(() -> small.get(TIMEOUT)).isInstanceOf(ObjectLostException.class);
    assertThatThrownBy(() -> Rusty.task(ApiFns::sum5, small, 1, 1, 1, 1).remote().get(TIMEOUT))
        .isInstanceOf(ObjectLostException.class);
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () ->
                assertThatThrownBy(() -> notReady.get(TIMEOUT))
                    .isInstanceOf(ObjectLostException.class));
    await().atMost(TIMEOUT).until(() -> storeObjects("w1") == stored - 1);
  }

  // GpuResourceTest, RuntimeContextTest: GPU ids while a task or actor holds GPUs.

  @Test
  void tasksAndActorsThatHoldGpusSeeTheirIndicesAndNoOneElseDoes() {
    assertThat(Rusty.getRuntimeContext().gpuIds()).as("the driver holds none").isEmpty();
    assertThat(Rusty.task(ApiFns::gpuIds).remote().get(TIMEOUT)).isEmpty();
    assertThat(Rusty.task(ApiFns::gpuIds).setResource("gpu", 2).remote().get(TIMEOUT))
        .containsExactly(0, 1);

    ActorHandle<ApiActor> actor = Rusty.actor(ApiActor::new).setResource("gpu", 1).remote();
    String seen = actor.task(ApiActor::gpus).remote().get(TIMEOUT);
    assertThat(seen).matches("\\[([01])\\] \\1");
    int held = seen.charAt(1) - '0';
    assertThat(Rusty.task(ApiFns::gpuIds).setResource("gpu", 1).remote().get(TIMEOUT))
        .as("the other GPU")
        .containsExactly(1 - held);
    actor.kill();

    assertThat(Rusty.task(ApiFns::gpuIds).setResource("gpu", 2).remote().get(TIMEOUT))
        .as("both are free again once the actor is gone")
        .containsExactly(0, 1);
  }

  @Test
  void actorsThatHoldHalfAGpuEachShareOne() {
    ActorHandle<ApiActor> first = Rusty.actor(ApiActor::new).setResource("gpu", 0.5).remote();
    ActorHandle<ApiActor> second = Rusty.actor(ApiActor::new).setResource("gpu", 0.5).remote();

    String firstSees = first.task(ApiActor::gpus).remote().get(TIMEOUT);
    String secondSees = second.task(ApiActor::gpus).remote().get(TIMEOUT);

    assertThat(firstSees).matches("\\[[01]\\] [01]").isEqualTo(secondSees);
    first.kill();
    second.kill();
  }

  private static long storeObjects(String nodeId) {
    return cluster.node(nodeId).orElseThrow().getStoreObjects();
  }

  private static ActorInfo infoOf(String actorId, List<ActorInfo> actors) {
    return actors.stream().filter(a -> a.actorId().equals(actorId)).findFirst().orElseThrow();
  }
}
