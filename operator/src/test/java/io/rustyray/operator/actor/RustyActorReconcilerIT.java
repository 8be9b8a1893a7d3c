package io.rustyray.operator.actor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.rustyray.operator.common.Conditions;
import io.rustyray.operator.crd.CheckpointSpec;
import io.rustyray.operator.crd.RustyActor;
import io.rustyray.operator.crd.RustyActorSpec;
import io.rustyray.operator.crd.RustyCluster;
import io.rustyray.operator.testing.Clusters;
import io.rustyray.operator.testing.TestingGcsResource;
import io.rustyray.operator.testing.TestingGcsServer;
import io.rustyray.protocol.codec.ValueCodec;
import io.rustyray.protocol.proto.ActorInfo;
import io.rustyray.protocol.proto.ActorState;
import io.rustyray.protocol.proto.CreateActorRequest;
import io.rustyray.protocol.proto.KillActorRequest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * RustyActor against the mock API server (CRUD mode, SSA off) and an in-process fake head that
 * records calls and pushes state changes.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(TestingGcsResource.class)
class RustyActorReconcilerIT {
  private static final String NS = "actors";
  @Inject KubernetesClient client;

  private TestingGcsServer head() {
    return TestingGcsResource.server;
  }

  @BeforeEach
  void freshHead() {
    head().reset();
  }

  private RustyActor actor(String name, String cluster, String className, List<JsonNode> args) {
    var actor = new RustyActor();
    actor.getMetadata().setName(name);
    actor.getMetadata().setNamespace(NS);
    var spec = new RustyActorSpec();
    spec.setClusterRef(cluster);
    spec.setClassName(className);
    spec.setArgs(args);
    actor.setSpec(spec);
    return client.resource(actor).create();
  }

  private RustyActor get(String name) {
    return client.resources(RustyActor.class).inNamespace(NS).withName(name).get();
  }

  /** Waits until the resource's status says ALIVE. */
  private void awaitAlive(String name) {
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                get(name).getStatus() != null
                    && get(name).getStatus().getState()
                        == io.rustyray.operator.crd.ActorState.ALIVE);
  }

  private static String readyReason(RustyActor actor) {
    return Conditions.find(actor.getStatus().getConditions(), "Ready").orElseThrow().getReason();
  }

  /** Waits until the resource says PENDING_CREATION for that reason. */
  private void awaitPending(String name, String reason) {
    await()
        .atMost(Duration.ofSeconds(15))
        .ignoreException(NullPointerException.class)
        .untilAsserted(
            () -> {
              var a = get(name);
              assertThat(a.getStatus().getState())
                  .isEqualTo(io.rustyray.operator.crd.ActorState.PENDING_CREATION);
              assertThat(readyReason(a)).isEqualTo(reason);
            });
  }

  @Test
  void anActorWhoseClusterDoesNotExistWaitsInPendingCreationWithClusterNotFound() {
    actor("early", "absent", "io.rustyray.examples.Counter", List.of(IntNode.valueOf(1)));

    awaitPending("early", "ClusterNotFound");
    assertThat(head().calls("CreateActor")).isEmpty();
  }

  @Test
  void anActorWaitsInPendingCreationWhileItsClusterIsNotReady() {
    Clusters.create(client, NS, "unready");
    actor("patient", "unready", "io.rustyray.examples.Counter", List.of(IntNode.valueOf(1)));

    awaitPending("patient", "ClusterNotReady");
    assertThat(head().calls("CreateActor")).isEmpty();
  }

  @Test
  void theActorIsCreatedAndFoundInTheNamespaceOfItsResourceNotByItsNameAlone() {
    Clusters.create(client, NS, "spaces");
    Clusters.makeReady(client, NS, "spaces");
    // A driver in another namespace holds the same name: not the resource's actor.
    ActorInfo foreign =
        ActorInfo.newBuilder()
            .setActorId("actor-foreign")
            .setName("twin")
            .setNamespace("some-driver")
            .setClassName("io.rustyray.examples.Counter")
            .setState(ActorState.ALIVE)
            .build();
    head().update(foreign);

    actor("twin", "spaces", "io.rustyray.examples.Counter", List.of(IntNode.valueOf(1)));
    awaitAlive("twin");

    ActorInfo ours = head().actorNamed(NS, "twin").orElseThrow();
    assertThat(ours.getActorId()).isNotEqualTo("actor-foreign");
    assertThat(get("twin").getStatus().getActorId()).isEqualTo(ours.getActorId());
    assertThat(head().calls("CreateActor"))
        .extracting(c -> ((CreateActorRequest) c.request()).getSpec().getNamespace())
        .containsExactly(NS);

    client.resources(RustyActor.class).inNamespace(NS).withName("twin").delete();
    await().atMost(Duration.ofSeconds(15)).until(() -> head().actorNamed(NS, "twin").isEmpty());
    assertThat(head().actorNamed("some-driver", "twin"))
        .as("deleting the resource kills its own actor only")
        .isPresent();
  }

  @Test
  void anActorThatTurnsAliveIsAnnouncedByOneEventHoweverOftenItIsReconciled() {
    Clusters.create(client, NS, "quiet");
    Clusters.makeReady(client, NS, "quiet");
    actor("once", "quiet", "io.rustyray.examples.Counter", List.of(IntNode.valueOf(1)));
    awaitAlive("once");
    var live = head().actorNamed("once").orElseThrow();
    for (int i = 0; i < 5; i++) {
      head().update(live);
    }
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                client.v1().events().inNamespace(NS).list().getItems().stream()
                    .filter(e -> "once".equals(e.getInvolvedObject().getName()))
                    .filter(e -> "ActorAlive".equals(e.getReason()))
                    .mapToInt(e -> e.getCount())
                    .sum(),
            n -> n == 1);
  }

  @Test
  void onceTheClusterIsReadyTheActorIsCreatedNamedAndDetachedWithTheClusterToken() {
    Clusters.create(client, NS, "c1");
    Clusters.makeReady(client, NS, "c1");
    actor("counter", "c1", "io.rustyray.examples.Counter", List.of(IntNode.valueOf(10)));
    await()
        .atMost(Duration.ofSeconds(15))
        .ignoreException(NullPointerException.class)
        .untilAsserted(
            () -> {
              var a = get("counter");
              assertThat(a.getStatus().getState())
                  .isEqualTo(io.rustyray.operator.crd.ActorState.ALIVE);
              assertThat(a.getStatus().getNode()).isEqualTo("node-1");
              assertThat(a.getStatus().getActorId()).startsWith("actor-");
              assertThat(Conditions.isTrue(a.getStatus().getConditions(), "Ready")).isTrue();
            });
    var call = head().calls("CreateActor").get(0);
    var spec = ((CreateActorRequest) call.request()).getSpec();
    assertThat(spec.getName()).isEqualTo("counter");
    assertThat(spec.getDetached()).isTrue();
    assertThat(spec.getJobId()).isEqualTo("operator");
    assertThat(spec.getConstructor().getClassName()).isEqualTo("io.rustyray.examples.Counter");
    assertThat(spec.getConstructor().getMethodName()).isEqualTo("<init>");
    assertThat((Integer) ValueCodec.decode(spec.getArgs(0).getValue().toByteArray(), Integer.class))
        .isEqualTo(10);
    assertThat(call.authorization()).isEqualTo("Bearer " + Clusters.token(client, NS, "c1"));
  }

  @Test
  void aStateChangeOnTheHeadsStreamReachesTheStatusWithinASecond() {
    Clusters.create(client, NS, "c2");
    Clusters.makeReady(client, NS, "c2");
    actor("restarter", "c2", "io.rustyray.examples.Counter", List.of(IntNode.valueOf(1)));
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                head().actorNamed("restarter").isPresent()
                    && get("restarter").getStatus().getState()
                        == io.rustyray.operator.crd.ActorState.ALIVE);
    var actor = head().actorNamed("restarter").orElseThrow();
    head().update(actor.toBuilder().setState(ActorState.RESTARTING).setRestarts(1).build());
    await()
        .atMost(Duration.ofSeconds(1))
        .ignoreException(NullPointerException.class)
        .untilAsserted(
            () -> {
              var a = get("restarter");
              assertThat(a.getStatus().getState())
                  .isEqualTo(io.rustyray.operator.crd.ActorState.RESTARTING);
              assertThat(a.getStatus().getRestarts()).isEqualTo(1);
            });
  }

  @Test
  void theStatusShowsThePidOfTheAliveActorsWorkerAndDropsItWhenTheActorRestarts() {
    Clusters.create(client, NS, "c8");
    Clusters.makeReady(client, NS, "c8");
    actor("hosted", "c8", "io.rustyray.examples.Counter", List.of(IntNode.valueOf(1)));
    await().atMost(Duration.ofSeconds(15)).until(() -> head().actorNamed("hosted").isPresent());
    var alive = head().actorNamed("hosted").orElseThrow().toBuilder().setWorkerPid(4242).build();
    head().update(alive);
    await()
        .atMost(Duration.ofSeconds(5))
        .ignoreException(NullPointerException.class)
        .untilAsserted(() -> assertThat(get("hosted").getStatus().getWorkerPid()).isEqualTo(4242L));

    head()
        .update(
            alive.toBuilder()
                .setState(ActorState.RESTARTING)
                .setRestarts(1)
                .setWorkerPid(0)
                .build());
    await()
        .atMost(Duration.ofSeconds(5))
        .ignoreException(NullPointerException.class)
        .untilAsserted(
            () -> {
              var a = get("hosted");
              assertThat(a.getStatus().getState())
                  .isEqualTo(io.rustyray.operator.crd.ActorState.RESTARTING);
              assertThat(a.getStatus().getWorkerPid()).isNull();
            });
  }

  @Test
  void anActorWhoseClassDoesNotExistEndsDeadWithTheRuntimesMessageAndIsNotRetried() {
    Clusters.create(client, NS, "c3");
    Clusters.makeReady(client, NS, "c3");
    String cause =
        "creation failed on node node-1: class io.example.Missing is not on the classpath of node node-1";
    head()
        .onCreate(
            spec ->
                io.rustyray.protocol.proto.ActorInfo.newBuilder()
                    .setState(ActorState.DEAD)
                    .setDeathCause(cause));
    actor("missing", "c3", "io.example.Missing", List.of());
    await()
        .atMost(Duration.ofSeconds(15))
        .ignoreException(NullPointerException.class)
        .untilAsserted(
            () -> {
              var a = get("missing");
              assertThat(a.getStatus()).as("status written").isNotNull();
              assertThat(a.getStatus().getState())
                  .isEqualTo(io.rustyray.operator.crd.ActorState.DEAD);
              assertThat(a.getStatus().getDeathCause()).isEqualTo(cause);
              assertThat(readyReason(a)).isEqualTo("ActorDead");
            });
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(3))
        .ignoreException(NullPointerException.class)
        .untilAsserted(
            () ->
                assertThat(head().calls("CreateActor"))
                    .extracting(c -> ((CreateActorRequest) c.request()).getSpec().getName())
                    .containsExactly("missing"));
  }

  @Test
  void deletingTheResourceKillsTheActor() {
    Clusters.create(client, NS, "c4");
    Clusters.makeReady(client, NS, "c4");
    actor("doomed", "c4", "io.rustyray.examples.Counter", List.of(IntNode.valueOf(1)));
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                get("doomed").getStatus() != null
                    && get("doomed").getStatus().getActorId() != null);
    String id = get("doomed").getStatus().getActorId();
    client.resources(RustyActor.class).inNamespace(NS).withName("doomed").delete();
    await()
        .atMost(Duration.ofSeconds(15))
        .ignoreException(NullPointerException.class)
        .untilAsserted(
            () -> {
              assertThat(head().calls("KillActor"))
                  .extracting(c -> ((KillActorRequest) c.request()).getActorId())
                  .contains(id);
              assertThat(get("doomed")).isNull();
            });
  }

  @Test
  void anActorTheHeadNoLongerKnowsIsCreatedAgainAndAnEventSaysSo() {
    Clusters.create(client, NS, "c5");
    Clusters.makeReady(client, NS, "c5");
    actor("phoenix", "c5", "io.rustyray.examples.Counter", List.of(IntNode.valueOf(1)));
    awaitAlive("phoenix");
    String first = get("phoenix").getStatus().getActorId();
    head().replaceHead();
    await()
        .atMost(Duration.ofSeconds(15))
        .ignoreException(NullPointerException.class)
        .untilAsserted(
            () -> {
              assertThat(head().actorNamed("phoenix")).isPresent();
              assertThat(get("phoenix").getStatus().getActorId()).isNotEqualTo(first);
              assertThat(client.v1().events().inNamespace(NS).list().getItems())
                  .anyMatch(
                      e ->
                          "ActorRecreated".equals(e.getReason())
                              && "phoenix".equals(e.getInvolvedObject().getName()));
            });
  }

  @Test
  void changingTheArgsReplacesTheActor() {
    Clusters.create(client, NS, "c6");
    Clusters.makeReady(client, NS, "c6");
    actor("mutable", "c6", "io.rustyray.examples.Counter", List.of(IntNode.valueOf(1)));
    awaitAlive("mutable");
    String first = get("mutable").getStatus().getActorId();
    client
        .resources(RustyActor.class)
        .inNamespace(NS)
        .withName("mutable")
        .edit(
            a -> {
              a.getSpec().setArgs(List.of(IntNode.valueOf(2)));
              return a;
            });
    await()
        .atMost(Duration.ofSeconds(15))
        .ignoreException(NullPointerException.class)
        .untilAsserted(
            () -> {
              assertThat(head().calls("KillActor"))
                  .extracting(c -> ((KillActorRequest) c.request()).getActorId())
                  .contains(first);
              assertThat(get("mutable").getStatus().getActorId()).isNotEqualTo(first);
              assertThat(get("mutable").getStatus().getState())
                  .isEqualTo(io.rustyray.operator.crd.ActorState.ALIVE);
            });
  }

  @Test
  void anExistingActorKeepsMirroringTheHeadWhileAWorkerPodIsNotReady() {
    io.rustyray.operator.testing.Clusters.create(client, NS, "c7");
    client
        .resources(io.rustyray.operator.crd.RustyCluster.class)
        .inNamespace(NS)
        .withName("c7")
        .edit(
            c -> {
              var group = new io.rustyray.operator.crd.WorkerGroupSpec();
              group.setName("cpu");
              c.getSpec().getWorkerGroups().add(group);
              return c;
            });
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                client
                        .pods()
                        .inNamespace(NS)
                        .withLabel("rustyray.io/cluster", "c7")
                        .list()
                        .getItems()
                        .size()
                    == 2);
    Clusters.makeReady(client, NS, "c7");
    actor("steady", "c7", "io.rustyray.examples.Counter", List.of(IntNode.valueOf(1)));
    awaitAlive("steady");
    var worker =
        client
            .pods()
            .inNamespace(NS)
            .withLabel("rustyray.io/group", "cpu")
            .list()
            .getItems()
            .get(0);
    worker.getStatus().getConditions().get(0).setStatus("False");
    client.pods().inNamespace(NS).resource(worker).updateStatus();
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                !Conditions.isTrue(
                    client
                        .resources(io.rustyray.operator.crd.RustyCluster.class)
                        .inNamespace(NS)
                        .withName("c7")
                        .get()
                        .getStatus()
                        .getConditions(),
                    "Ready"));
    var live = head().actorNamed("steady").orElseThrow();
    head().update(live.toBuilder().setState(ActorState.RESTARTING).setRestarts(1).build());
    await()
        .atMost(Duration.ofSeconds(5))
        .ignoreException(NullPointerException.class)
        .untilAsserted(
            () ->
                assertThat(get("steady").getStatus().getState())
                    .isEqualTo(io.rustyray.operator.crd.ActorState.RESTARTING));
    assertThat(head().calls("CreateActor")).hasSize(1);
  }

  private RustyCluster clusterStatus(String name) {
    return client.resources(RustyCluster.class).inNamespace(NS).withName(name).get();
  }

  /** Waits until the cluster's status names the head's incarnation, durable. */
  private void awaitDurableHead(String cluster, long incarnation) {
    await()
        .atMost(Duration.ofSeconds(15))
        .ignoreException(NullPointerException.class)
        .untilAsserted(
            () -> {
              var head = clusterStatus(cluster).getStatus().getHead();
              assertThat(head.getDurable()).isTrue();
              assertThat(head.getIncarnation()).isEqualTo(incarnation);
            });
  }

  private long creations(String actorName) {
    return head().calls("CreateActor").stream()
        .filter(c -> ((CreateActorRequest) c.request()).getSpec().getName().equals(actorName))
        .count();
  }

  @Test
  void anActorADurableHeadRecoveredIsKeptNotCreatedAgain() {
    head().headOnStore("redis://redis:6379/0");
    Clusters.create(client, NS, "d1");
    Clusters.makeReady(client, NS, "d1");
    actor("kept", "d1", "io.rustyray.examples.Counter", List.of(IntNode.valueOf(1)));
    awaitAlive("kept");
    awaitDurableHead("d1", 1);
    String id = get("kept").getStatus().getActorId();
    Integer restarts = get("kept").getStatus().getRestarts();

    head().restartDurableHead(0);

    awaitDurableHead("d1", 2);
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(4))
        .ignoreException(NullPointerException.class)
        .untilAsserted(
            () -> {
              var status = get("kept").getStatus();
              assertThat(status.getActorId()).isEqualTo(id);
              assertThat(status.getRestarts()).isEqualTo(restarts);
              assertThat(status.getState()).isEqualTo(io.rustyray.operator.crd.ActorState.ALIVE);
              assertThat(creations("kept")).isEqualTo(1);
            });
  }

  @Test
  void anActorIsNotCreatedAgainWhileTheRecoveredHeadWaitsForItsNodes() {
    head().headOnStore("file:/var/lib/rustyray/gcs");
    Clusters.create(client, NS, "d2");
    Clusters.makeReady(client, NS, "d2");
    actor("awaited", "d2", "io.rustyray.examples.Counter", List.of(IntNode.valueOf(1)));
    awaitAlive("awaited");
    awaitDurableHead("d2", 1);
    String id = get("awaited").getStatus().getActorId();

    // The new head does not list the actor (yet): its node has not registered again.
    head().forget(id);
    head().setRecovering(true);
    head().restartDurableHead(0);

    await()
        .atMost(Duration.ofSeconds(15))
        .ignoreException(NullPointerException.class)
        .untilAsserted(() -> assertThat(readyReason(get("awaited"))).isEqualTo("HeadRecovering"));
    assertThat(get("awaited").getStatus().getState())
        .isEqualTo(io.rustyray.operator.crd.ActorState.ALIVE);
    assertThat(creations("awaited")).isEqualTo(1);

    // Recovery ended and the actor did not come back with its node: now it is created again.
    head().setRecovering(false);

    await()
        .atMost(Duration.ofSeconds(15))
        .ignoreException(NullPointerException.class)
        .untilAsserted(
            () -> {
              assertThat(creations("awaited")).isEqualTo(2);
              assertThat(get("awaited").getStatus().getActorId()).isNotEqualTo(id);
            });
  }

  private RustyActor durableActor(String name, String cluster, CheckpointSpec checkpoint) {
    var actor = new RustyActor();
    actor.getMetadata().setName(name);
    actor.getMetadata().setNamespace(NS);
    var spec = new RustyActorSpec();
    spec.setClusterRef(cluster);
    spec.setClassName("io.rustyray.examples.DurableCounter");
    spec.setArgs(List.of(IntNode.valueOf(0)));
    spec.setMaxRestarts(-1);
    spec.setCheckpoint(checkpoint);
    actor.setSpec(spec);
    return client.resource(actor).create();
  }

  private List<Event> events(String name, String reason) {
    return client.v1().events().inNamespace(NS).list().getItems().stream()
        .filter(e -> name.equals(e.getInvolvedObject().getName()))
        .filter(e -> reason.equals(e.getReason()))
        .toList();
  }

  /** The head's record after a restore: the checkpoint of {@code calls} loaded by restore n. */
  private static ActorInfo restored(ActorInfo actor, int restore, long calls, long takenAtMs) {
    return actor.toBuilder()
        .setState(ActorState.ALIVE)
        .setRestarts(restore)
        .setNodeId("node-" + (restore + 1))
        .setCheckpoint(
            actor.getCheckpoint().toBuilder()
                .setCalls(calls)
                .setTakenAtMs(takenAtMs)
                .setSizeBytes(9)
                .setRestores(restore)
                .setRestoredCalls(calls)
                .setRestoredTakenAtMs(takenAtMs)
                .setRestoredAtMs(takenAtMs + 2_000))
        .build();
  }

  @Test
  void aDurableActorIsCreatedWithItsCheckpointPolicyAndItsStatusSaysSo() {
    Clusters.create(client, NS, "k1");
    Clusters.makeReady(client, NS, "k1");
    durableActor("every-call", "k1", CheckpointSpec.everyCall());
    durableActor("every-30s", "k1", CheckpointSpec.everySeconds(30));
    actor("plain", "k1", "io.rustyray.examples.Counter", List.of(IntNode.valueOf(1)));

    await()
        .atMost(Duration.ofSeconds(15))
        .ignoreException(NullPointerException.class)
        .untilAsserted(
            () -> {
              assertThat(get("every-call").getStatus().getDurable()).isEqualTo("every call");
              assertThat(get("every-30s").getStatus().getDurable()).isEqualTo("every 30s");
              assertThat(get("plain").getStatus().getDurable()).isEqualTo("no");
            });
    var policies =
        head().calls("CreateActor").stream()
            .map(c -> ((CreateActorRequest) c.request()).getSpec())
            .filter(spec -> spec.getName().startsWith("every-"))
            .collect(
                java.util.stream.Collectors.toMap(
                    spec -> spec.getName(), spec -> spec.getCheckpoint()));
    assertThat(policies.get("every-call").getEveryCall()).isTrue();
    assertThat(policies.get("every-30s").getIntervalMs()).isEqualTo(30_000L);
    assertThat(get("every-call").getStatus().getLastCheckpoint()).isNull();
    assertThat(get("every-call").getStatus().getRestores()).isZero();
    assertThat(get("plain").getStatus().getRestores()).isNull();
  }

  @Test
  void theNewestCheckpointTheHeadReportsReachesTheStatus() {
    Clusters.create(client, NS, "k2");
    Clusters.makeReady(client, NS, "k2");
    durableActor("checkpointed", "k2", CheckpointSpec.everyCall());
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> head().actorNamed("checkpointed").isPresent());
    var live = head().actorNamed("checkpointed").orElseThrow();

    head()
        .update(
            live.toBuilder()
                .setCheckpoint(
                    live.getCheckpoint().toBuilder()
                        .setCalls(3)
                        .setTakenAtMs(1_796_000_000_000L)
                        .setSizeBytes(9))
                .build());

    await()
        .atMost(Duration.ofSeconds(5))
        .ignoreException(NullPointerException.class)
        .untilAsserted(
            () -> {
              var checkpoint = get("checkpointed").getStatus().getLastCheckpoint();
              assertThat(checkpoint.getCalls()).isEqualTo(3L);
              assertThat(checkpoint.getTime()).isEqualTo("2026-11-30T00:53:20Z");
              assertThat(checkpoint.getSizeBytes()).isEqualTo(9L);
            });
  }

  @Test
  void eachRestoreIsAnnouncedByOneRestoredEventHoweverOftenItIsReconciled() {
    Clusters.create(client, NS, "k3");
    Clusters.makeReady(client, NS, "k3");
    durableActor("restored", "k3", CheckpointSpec.everyCall());
    awaitAlive("restored");
    var live = head().actorNamed("restored").orElseThrow();
    head().update(live.toBuilder().setState(ActorState.RESTARTING).setRestarts(1).build());

    head().update(restored(live, 1, 3, 1_796_000_000_000L));
    for (int i = 0; i < 5; i++) {
      head().update(restored(live, 1, 3, 1_796_000_000_000L));
    }

    await()
        .atMost(Duration.ofSeconds(5))
        .ignoreException(NullPointerException.class)
        .untilAsserted(() -> assertThat(get("restored").getStatus().getRestores()).isEqualTo(1));
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(events("restored", "Restored"))
                    .singleElement()
                    .satisfies(
                        e -> {
                          assertThat(e.getType()).isEqualTo("Normal");
                          assertThat(e.getCount()).isEqualTo(1);
                          assertThat(e.getMessage())
                              .isEqualTo(
                                  "instance restored from the checkpoint of call 3 taken at"
                                      + " 2026-11-30T00:53:20Z (restore 1)");
                        }));

    head().update(restored(live, 2, 8, 1_796_000_060_000L));

    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(events("restored", "Restored"))
                    .extracting(Event::getMessage)
                    .containsExactlyInAnyOrder(
                        "instance restored from the checkpoint of call 3 taken at"
                            + " 2026-11-30T00:53:20Z (restore 1)",
                        "instance restored from the checkpoint of call 8 taken at"
                            + " 2026-11-30T00:54:20Z (restore 2)"));
    assertThat(get("restored").getStatus().getRestores()).isEqualTo(2);
  }
}
