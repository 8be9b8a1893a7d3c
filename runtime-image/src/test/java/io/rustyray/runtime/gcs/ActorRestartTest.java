package io.rustyray.runtime.gcs;

import static io.rustyray.protocol.proto.ActorState.ALIVE;
import static io.rustyray.protocol.proto.ActorState.DEAD;
import static io.rustyray.protocol.proto.ActorState.PENDING_CREATION;
import static io.rustyray.protocol.proto.ActorState.RESTARTING;
import static io.rustyray.runtime.gcs.TestingHead.actor;
import static org.assertj.core.api.Assertions.assertThat;

import io.rustyray.protocol.proto.ActorInfo;
import io.rustyray.protocol.proto.CreateActorInstanceRequest;
import io.rustyray.protocol.proto.NodeState;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What happens to an actor when its node dies: restarts while they remain, then DEAD. */
class ActorRestartTest {
  private static final Map<String, Double> ONE_CPU = Map.of("cpu", 1.0);

  /** Longer than the node timeout, so that a silent node is declared dead. */
  private static final Duration SILENCE = TestingHead.NODE_TIMEOUT.plusSeconds(1);

  private final TestingHead head = new TestingHead();

  @AfterEach
  void stopHead() {
    head.close();
  }

  @Test
  void actorRestartsOnAnotherNodeWhenItsNodeStopsSendingHeartbeats() {
    head.nodeJoins("a", ONE_CPU);
    ActorInfo created = head.createActor(actor(ONE_CPU, 1));
    String b = head.nodeJoins("b", ONE_CPU);
    assertThat(head.actor(created.getActorId()).getNodeId()).isEqualTo("a");

    head.nodeFallsSilent("a");
    head.timePasses(SILENCE);

    assertThat(head.node("a").getState()).isEqualTo(NodeState.NODE_DEAD);
    assertThat(head.node("a").getDeathCause()).isEqualTo("missed heartbeats for 4.0 s");
    ActorInfo actor = head.actor(created.getActorId());
    assertThat(actor.getState()).isEqualTo(ALIVE);
    assertThat(actor.getNodeId()).isEqualTo("b");
    assertThat(actor.getRestarts()).isEqualTo(1);
    assertThat(head.statesSeen(actor.getActorId()))
        .containsExactly(PENDING_CREATION, ALIVE, RESTARTING, ALIVE);
    assertThat(head.nodes.createdOn(b))
        .extracting(CreateActorInstanceRequest::getIncarnation)
        .as("the new instance is the actor's next incarnation")
        .containsExactly(1);
  }

  @Test
  void actorRestartsAtOnceWhenItsNodeLeavesCleanly() {
    head.nodeJoins("a", ONE_CPU);
    ActorInfo created = head.createActor(actor(ONE_CPU, 1));
    head.nodeJoins("b", ONE_CPU);

    head.nodeLeaves("a");

    ActorInfo actor = head.actor(created.getActorId());
    assertThat(actor.getState()).isEqualTo(ALIVE);
    assertThat(actor.getNodeId()).isEqualTo("b");
    assertThat(actor.getRestarts()).isEqualTo(1);
  }

  @Test
  void actorIsDeadWithTheCauseWhenItsNodeDiesAndNoRestartsAreLeft() {
    head.nodeJoins("a", ONE_CPU);
    ActorInfo created = head.createActor(actor(ONE_CPU, 1));
    head.nodeJoins("b", ONE_CPU);
    head.nodeFallsSilent("a");
    head.timePasses(SILENCE);
    head.nodeJoins("c", ONE_CPU);

    head.nodeFallsSilent("b");
    head.timePasses(SILENCE);

    ActorInfo actor = head.actor(created.getActorId());
    assertThat(actor.getState()).isEqualTo(DEAD);
    assertThat(actor.getRestarts()).isEqualTo(1);
    assertThat(actor.getDeathCause())
        .isEqualTo("node b died: missed heartbeats for 4.0 s; no restarts left (maxRestarts=1)");
    assertThat(head.statesSeen(actor.getActorId()))
        .containsExactly(PENDING_CREATION, ALIVE, RESTARTING, ALIVE, DEAD);
    assertThat(head.nodes.createdOn(TestingHead.address("c")))
        .as("node c had room, but the actor had no restarts left")
        .isEmpty();
  }

  @Test
  void actorWithoutRestartsIsDeadWhenItsNodeDies() {
    head.nodeJoins("a", ONE_CPU);
    head.nodeJoins("b", ONE_CPU);
    ActorInfo created = head.createActor(actor(ONE_CPU, 0));
    String node = head.actor(created.getActorId()).getNodeId();

    head.nodeLeaves(node);

    ActorInfo actor = head.actor(created.getActorId());
    assertThat(actor.getState()).isEqualTo(DEAD);
    assertThat(actor.getRestarts()).isZero();
    assertThat(actor.getDeathCause())
        .isEqualTo("node " + node + " died: stopped; no restarts left (maxRestarts=0)");
  }

  @Test
  void actorWithUnlimitedRestartsComesBackAfterEveryNodeDeath() {
    String previous = "n0";
    head.nodeJoins(previous, ONE_CPU);
    ActorInfo created = head.createActor(actor(ONE_CPU, -1));

    for (int round = 1; round <= 5; round++) {
      head.nodeFallsSilent(previous);
      head.timePasses(SILENCE);
      ActorInfo waiting = head.actor(created.getActorId());
      assertThat(waiting.getState()).as("round %d, no node alive", round).isEqualTo(RESTARTING);
      assertThat(waiting.getPendingReason()).startsWith("no node is alive to place {cpu=1}");

      previous = "n" + round;
      head.nodeJoins(previous, ONE_CPU);

      ActorInfo actor = head.actor(created.getActorId());
      assertThat(actor.getState()).as("round %d", round).isEqualTo(ALIVE);
      assertThat(actor.getNodeId()).isEqualTo(previous);
      assertThat(actor.getRestarts()).isEqualTo(round);
      assertThat(actor.getPendingReason()).isEmpty();
    }
  }

  @Test
  void nodeThatDiesWhileCreatingTheActorLeavesItToRestartElsewhere() {
    String a = head.nodeJoins("a", ONE_CPU);
    head.nodes.holdReplies(a);
    ActorInfo created = head.createActor(actor(ONE_CPU, 1));
    String b = head.nodeJoins("b", ONE_CPU);
    assertThat(head.actor(created.getActorId()).getState())
        .as("node a has not answered yet")
        .isEqualTo(PENDING_CREATION);

    head.nodeFallsSilent("a");
    head.timePasses(SILENCE);

    ActorInfo actor = head.actor(created.getActorId());
    assertThat(actor.getState()).isEqualTo(ALIVE);
    assertThat(actor.getNodeId()).isEqualTo("b");
    assertThat(head.nodes.instancesOn(b)).containsExactly(actor.getActorId());
    assertThat(head.statesSeen(actor.getActorId()))
        .containsExactly(PENDING_CREATION, RESTARTING, ALIVE);
  }
}
