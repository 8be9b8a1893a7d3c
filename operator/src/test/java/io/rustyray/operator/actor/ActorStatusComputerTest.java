package io.rustyray.operator.actor;

import static org.assertj.core.api.Assertions.assertThat;

import io.rustyray.operator.common.Conditions;
import io.rustyray.operator.crd.ActorState;
import io.rustyray.operator.crd.RustyActor;
import io.rustyray.operator.crd.RustyActorSpec;
import io.rustyray.protocol.proto.ActorInfo;
import io.rustyray.protocol.proto.CheckpointInfo;
import io.rustyray.protocol.proto.CheckpointPolicy;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActorStatusComputerTest {
  private final ActorStatusComputer computer = new ActorStatusComputer(Clock.systemUTC());

  private static RustyActor actor() {
    var actor = new RustyActor();
    actor.getMetadata().setName("counter");
    actor.getMetadata().setGeneration(3L);
    actor.setSpec(new RustyActorSpec());
    return actor;
  }

  @Test
  void anAliveActorIsReadyWithItsNodeAndRestarts() {
    var status =
        computer.mirror(
            actor(),
            ActorInfo.newBuilder()
                .setActorId("a1")
                .setState(io.rustyray.protocol.proto.ActorState.ALIVE)
                .setNodeId("demo-cpu-x")
                .setRestarts(2)
                .build(),
            "h");
    assertThat(status.getState()).isEqualTo(ActorState.ALIVE);
    assertThat(status.getNode()).isEqualTo("demo-cpu-x");
    assertThat(status.getRestarts()).isEqualTo(2);
    assertThat(status.getObservedGeneration()).isEqualTo(3L);
    assertThat(Conditions.isTrue(status.getConditions(), "Ready")).isTrue();
  }

  @Test
  void aDeadActorCarriesTheRuntimesDeathCause() {
    var status =
        computer.mirror(
            actor(),
            ActorInfo.newBuilder()
                .setActorId("a1")
                .setState(io.rustyray.protocol.proto.ActorState.DEAD)
                .setDeathCause("class X is not on the classpath")
                .build(),
            "h");
    assertThat(status.getState()).isEqualTo(ActorState.DEAD);
    assertThat(status.getDeathCause()).isEqualTo("class X is not on the classpath");
    assertThat(Conditions.find(status.getConditions(), "Ready").orElseThrow().getMessage())
        .isEqualTo("class X is not on the classpath");
  }

  @Test
  void waitingForTheClusterIsPendingCreationWithTheReasonAndKeepsTheLastActorId() {
    var actor = actor();
    actor.setStatus(
        computer.mirror(
            actor,
            ActorInfo.newBuilder()
                .setActorId("a1")
                .setState(io.rustyray.protocol.proto.ActorState.ALIVE)
                .build(),
            "h"));
    var status = computer.pending(actor, ActorReason.ClusterNotReady, "not ready");
    assertThat(status.getState()).isEqualTo(ActorState.PENDING_CREATION);
    assertThat(status.getActorId()).isEqualTo("a1");
    assertThat(Conditions.find(status.getConditions(), "Ready").orElseThrow().getReason())
        .isEqualTo("ClusterNotReady");
  }

  @Test
  void anAliveActorShowsThePidOfItsWorkerProcess() {
    var status =
        computer.mirror(
            actor(),
            ActorInfo.newBuilder()
                .setActorId("a1")
                .setState(io.rustyray.protocol.proto.ActorState.ALIVE)
                .setNodeId("demo-cpu-x")
                .setWorkerId("w1")
                .setWorkerPid(4242)
                .build(),
            "h");
    assertThat(status.getWorkerPid()).isEqualTo(4242L);
  }

  @Test
  void anActorThatIsNotAliveShowsNoWorkerPidWhateverTheHeadSends() {
    for (var state :
        List.of(
            io.rustyray.protocol.proto.ActorState.PENDING_CREATION,
            io.rustyray.protocol.proto.ActorState.RESTARTING,
            io.rustyray.protocol.proto.ActorState.DEAD)) {
      var status =
          computer.mirror(
              actor(),
              ActorInfo.newBuilder().setActorId("a1").setState(state).setWorkerPid(4242).build(),
              "h");
      assertThat(status.getWorkerPid()).as(state.name()).isNull();
    }
  }

  @Test
  void anAliveActorWhoseHeadReportsNoWorkerShowsNoWorkerPid() {
    var status =
        computer.mirror(
            actor(),
            ActorInfo.newBuilder()
                .setActorId("a1")
                .setState(io.rustyray.protocol.proto.ActorState.ALIVE)
                .build(),
            "h");
    assertThat(status.getWorkerPid()).isNull();
  }

  @Test
  void waitingForTheClusterDropsTheWorkerPidOfTheLastActor() {
    var actor = actor();
    actor.setStatus(
        computer.mirror(
            actor,
            ActorInfo.newBuilder()
                .setActorId("a1")
                .setState(io.rustyray.protocol.proto.ActorState.ALIVE)
                .setWorkerPid(4242)
                .build(),
            "h"));
    var status = computer.pending(actor, ActorReason.ClusterNotReady, "not ready");
    assertThat(status.getActorId()).isEqualTo("a1");
    assertThat(status.getWorkerPid()).isNull();
  }

  private static final CheckpointPolicy EVERY_CALL =
      CheckpointPolicy.newBuilder().setEveryCall(true).build();

  private static ActorInfo durable(CheckpointInfo.Builder checkpoint) {
    return ActorInfo.newBuilder()
        .setActorId("a1")
        .setState(io.rustyray.protocol.proto.ActorState.ALIVE)
        .setNodeId("demo-cpu-x")
        .setCheckpoint(checkpoint)
        .build();
  }

  @Test
  void aDurableActorShowsItsPolicyItsNewestCheckpointAndItsRestores() {
    var status =
        computer.mirror(
            actor(),
            durable(
                CheckpointInfo.newBuilder()
                    .setPolicy(EVERY_CALL)
                    .setCalls(42)
                    .setTakenAtMs(1_796_000_000_123L)
                    .setSizeBytes(9)
                    .setRestores(2)),
            "h");
    assertThat(status.getDurable()).isEqualTo("every call");
    assertThat(status.getLastCheckpoint().getTime()).isEqualTo("2026-11-30T00:53:20Z");
    assertThat(status.getLastCheckpoint().getCalls()).isEqualTo(42L);
    assertThat(status.getLastCheckpoint().getSizeBytes()).isEqualTo(9L);
    assertThat(status.getRestores()).isEqualTo(2);
  }

  @Test
  void aDurableActorWithoutACheckpointYetShowsNoneAndNoRestores() {
    var status =
        computer.mirror(actor(), durable(CheckpointInfo.newBuilder().setPolicy(EVERY_CALL)), "h");
    assertThat(status.getDurable()).isEqualTo("every call");
    assertThat(status.getLastCheckpoint()).isNull();
    assertThat(status.getRestores()).isZero();
  }

  @Test
  void anIntervalReadsInSecondsAsTheSpecGivesItElseInMilliseconds() {
    assertThat(
            ActorStatusComputer.describe(
                CheckpointPolicy.newBuilder().setIntervalMs(30_000).build()))
        .isEqualTo("every 30s");
    assertThat(
            ActorStatusComputer.describe(
                CheckpointPolicy.newBuilder().setIntervalMs(1_500).build()))
        .isEqualTo("every 1500 ms");
    assertThat(ActorStatusComputer.describe(EVERY_CALL)).isEqualTo("every call");
  }

  @Test
  void anActorTheHeadKeepsNoCheckpointOfIsNotDurable() {
    var status =
        computer.mirror(
            actor(),
            ActorInfo.newBuilder()
                .setActorId("a1")
                .setState(io.rustyray.protocol.proto.ActorState.ALIVE)
                .build(),
            "h");
    assertThat(status.getDurable()).isEqualTo("no");
    assertThat(status.getLastCheckpoint()).isNull();
    assertThat(status.getRestores()).isNull();
  }

  @Test
  void whileTheClusterIsAwayTheStatusKeepsWhatItSaidOfTheCheckpoints() {
    var actor = actor();
    actor.setStatus(
        computer.mirror(
            actor,
            durable(
                CheckpointInfo.newBuilder()
                    .setPolicy(EVERY_CALL)
                    .setCalls(7)
                    .setTakenAtMs(1_000)
                    .setRestores(1)),
            "h"));
    for (var status :
        List.of(
            computer.pending(actor, ActorReason.ClusterNotReady, "not ready"),
            computer.unconfirmed(actor, ActorReason.HeadConnecting, "connecting"))) {
      assertThat(status.getDurable()).isEqualTo("every call");
      assertThat(status.getLastCheckpoint().getCalls()).isEqualTo(7L);
      assertThat(status.getRestores()).isEqualTo(1);
    }
  }
}
