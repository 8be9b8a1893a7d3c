package io.rustyray.runtime.gcs;

import static io.rustyray.protocol.proto.ActorState.ALIVE;
import static io.rustyray.protocol.proto.ActorState.DEAD;
import static io.rustyray.protocol.proto.ActorState.PENDING_CREATION;
import static io.rustyray.runtime.gcs.TestingHead.actor;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.rustyray.protocol.proto.ActorInfo;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Where the head places an actor, and what it shows while nothing has room for it. */
class ActorPlacementTest {
  private final TestingHead head = new TestingHead();

  @AfterEach
  void stopHead() {
    head.close();
  }

  @Test
  void actorIsCreatedOnTheNodeThatHasItsResourcesAndTurnsAlive() {
    head.nodeJoins("plain", Map.of("cpu", 4.0));
    String gpuNode = head.nodeJoins("gpu", Map.of("cpu", 1.0, "gpu", 1.0));

    ActorInfo created = head.createActor(actor(Map.of("gpu", 1.0), 0));

    ActorInfo actor = head.actor(created.getActorId());
    assertThat(actor.getState()).isEqualTo(ALIVE);
    assertThat(actor.getNodeId()).isEqualTo("gpu");
    assertThat(head.statesSeen(actor.getActorId())).containsExactly(PENDING_CREATION, ALIVE);
    assertThat(head.nodes.instancesOn(gpuNode)).containsExactly(actor.getActorId());
    assertThat(head.node("gpu").getResourcesAvailable().getAmountsMap())
        .as("the actor holds the GPU while it lives")
        .containsEntry("gpu", 0.0);
  }

  @Test
  void actorThatFitsNoNodeWaitsInPendingCreationAndSaysWhy() {
    String plain = head.nodeJoins("plain", Map.of("cpu", 4.0));

    ActorInfo created = head.createActor(actor(Map.of("gpu", 1.0), 0));

    ActorInfo actor = head.actor(created.getActorId());
    assertThat(actor.getState()).isEqualTo(PENDING_CREATION);
    assertThat(actor.getNodeId()).isEmpty();
    assertThat(actor.getPendingReason())
        .startsWith("no alive node has {gpu=1} in total; waiting for one to join")
        .contains("plain has {cpu=4} free of {cpu=4}");
    assertThat(head.updatesOf(actor.getActorId()))
        .as("the reason is on the state stream too")
        .last()
        .extracting(ActorInfo::getPendingReason)
        .isEqualTo(actor.getPendingReason());
    assertThat(head.nodes.createdOn(plain)).isEmpty();
  }

  @Test
  void waitingActorIsCreatedAsSoonAsANodeWithRoomRegisters() {
    head.nodeJoins("plain", Map.of("cpu", 4.0));
    ActorInfo created = head.createActor(actor(Map.of("gpu", 1.0), 0));

    String gpuNode = head.nodeJoins("gpu", Map.of("gpu", 1.0));

    ActorInfo actor = head.actor(created.getActorId());
    assertThat(actor.getState()).isEqualTo(ALIVE);
    assertThat(actor.getNodeId()).isEqualTo("gpu");
    assertThat(actor.getPendingReason()).isEmpty();
    assertThat(head.statesSeen(actor.getActorId())).containsExactly(PENDING_CREATION, ALIVE);
    assertThat(head.nodes.instancesOn(gpuNode)).containsExactly(actor.getActorId());
  }

  @Test
  void actorWaitsForResourcesAnotherHoldsAndIsCreatedWhenThatOneIsKilled() {
    String node = head.nodeJoins("only", Map.of("cpu", 1.0));
    ActorInfo first = head.createActor(actor(Map.of("cpu", 1.0), 0));
    ActorInfo second = head.createActor(actor(Map.of("cpu", 1.0), 0));
    assertThat(head.actor(second.getActorId()).getPendingReason())
        .startsWith("waiting for {cpu=1} to become free");

    head.killActor(first.getActorId(), true);

    assertThat(head.actor(first.getActorId()).getState()).isEqualTo(DEAD);
    assertThat(head.actor(second.getActorId()).getState()).isEqualTo(ALIVE);
    assertThat(head.nodes.instancesOn(node)).containsExactly(second.getActorId());
  }

  @Test
  void actorWhoseNodeRefusesToCreateItIsDeadWithTheNodesReason() {
    String node = head.nodeJoins("n1", Map.of("cpu", 1.0));
    head.nodes.refuse(
        node, Status.FAILED_PRECONDITION.withDescription("class Counter is not on the classpath"));

    ActorInfo created = head.createActor(actor(Map.of("cpu", 1.0), 3));

    ActorInfo actor = head.actor(created.getActorId());
    assertThat(actor.getState()).isEqualTo(DEAD);
    assertThat(actor.getDeathCause())
        .isEqualTo("creation failed on node n1: class Counter is not on the classpath");
    assertThat(head.node("n1").getResourcesAvailable().getAmountsMap())
        .as("a dead actor holds nothing")
        .containsEntry("cpu", 1.0);
  }

  @Test
  void creationOnAnUnreachableNodeIsTriedAgainUntilTheNodeAnswers() {
    String node = head.nodeJoins("n1", Map.of("cpu", 1.0));
    head.nodes.refuse(node, Status.UNAVAILABLE.withDescription("connection refused"));
    ActorInfo created = head.createActor(actor(Map.of("cpu", 1.0), 0));
    assertThat(head.actor(created.getActorId()).getState()).isEqualTo(PENDING_CREATION);

    head.nodes.heal(node);
    head.timePasses(Duration.ofSeconds(1));

    ActorInfo actor = head.actor(created.getActorId());
    assertThat(actor.getState()).isEqualTo(ALIVE);
    assertThat(actor.getRestarts()).as("never created, so never restarted").isZero();
    assertThat(head.nodes.instancesOn(node)).containsExactly(actor.getActorId());
  }
}
