package io.rustyray.operator.actor;

import static org.assertj.core.api.Assertions.assertThat;

import io.rustyray.operator.common.Conditions;
import io.rustyray.operator.crd.ActorState;
import io.rustyray.operator.crd.RustyActor;
import io.rustyray.operator.crd.RustyActorSpec;
import io.rustyray.protocol.proto.ActorInfo;
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
}
