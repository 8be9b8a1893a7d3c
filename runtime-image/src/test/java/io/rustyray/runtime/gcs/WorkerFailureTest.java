package io.rustyray.runtime.gcs;

import static io.rustyray.protocol.proto.ActorState.ALIVE;
import static io.rustyray.protocol.proto.ActorState.DEAD;
import static io.rustyray.runtime.gcs.TestingHead.actor;
import static org.assertj.core.api.Assertions.assertThat;

import io.rustyray.protocol.proto.ActorInfo;
import io.rustyray.protocol.proto.KillActorReply;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the head does when a node says that an actor's worker process died, and when it gives a
 * killed actor's resources back.
 */
class WorkerFailureTest {
  private static final Map<String, Double> ONE_CPU = Map.of("cpu", 1.0);
  private static final Map<String, Double> TWO_CPUS = Map.of("cpu", 2.0);

  private final TestingHead head = new TestingHead();

  @AfterEach
  void stopHead() {
    head.close();
  }

  @Test
  void actorWhoseWorkerDiedRestartsOnTheSameNodeThoughAnotherIsFreer() {
    head.nodeJoins("a", TWO_CPUS);
    head.nodeJoins("b", TWO_CPUS);
    ActorInfo created = head.createActor(actor(ONE_CPU, 1));
    String home = created.getNodeId();
    long firstPid = head.actor(created.getActorId()).getWorkerPid();

    head.workerDies(
        home, created.getActorId(), 0, "worker process 4242 of job-1 exited with code 1");

    ActorInfo actor = head.actor(created.getActorId());
    assertThat(actor.getState()).isEqualTo(ALIVE);
    assertThat(actor.getRestarts()).isEqualTo(1);
    assertThat(actor.getNodeId()).as("next to its objects, where it fits").isEqualTo(home);
    assertThat(actor.getWorkerPid()).isNotEqualTo(firstPid);
    assertThat(head.node(home).getResourcesAvailable().getAmountsOrThrow("cpu"))
        .as("the dead worker's share is back, the new one's taken")
        .isEqualTo(1.0);
  }

  @Test
  void actorWhoseWorkerDiedWithNoRestartsLeftIsDeadWithTheWorkersCause() {
    head.nodeJoins("a", ONE_CPU);
    ActorInfo created = head.createActor(actor(ONE_CPU, 0));

    head.workerDies(
        "a",
        created.getActorId(),
        0,
        "worker process 4242 of job-1 ran out of memory (java.lang.OutOfMemoryError)");

    ActorInfo actor = head.actor(created.getActorId());
    assertThat(actor.getState()).isEqualTo(DEAD);
    assertThat(actor.getDeathCause())
        .isEqualTo(
            "its worker process 4242 of job-1 ran out of memory (java.lang.OutOfMemoryError)"
                + " (node a); no restarts left (maxRestarts=0)");
    assertThat(actor.getWorkerPid()).isZero();
    assertThat(head.node("a").getResourcesAvailable().getAmountsOrThrow("cpu")).isEqualTo(1.0);
  }

  @Test
  void aReportAboutAnOlderIncarnationChangesNothing() {
    head.nodeJoins("a", TWO_CPUS);
    ActorInfo created = head.createActor(actor(ONE_CPU, 2));
    head.workerDies("a", created.getActorId(), 0, "worker process 1 exited with code 1");

    head.workerDies("a", created.getActorId(), 0, "worker process 1 exited with code 1");

    ActorInfo actor = head.actor(created.getActorId());
    assertThat(actor.getState()).isEqualTo(ALIVE);
    assertThat(actor.getRestarts()).as("one death, one restart").isEqualTo(1);
  }

  @Test
  void aKilledActorsResourcesComeBackOnlyOnceItsNodeHasEndedItsWork() {
    String a = head.nodeJoins("a", ONE_CPU);
    ActorInfo created = head.createActor(actor(ONE_CPU, 0));
    head.nodes.holdReplies(a);

    RecordingStream<KillActorReply> kill = head.killActorAsync(created.getActorId());

    assertThat(head.actor(created.getActorId()).getState()).isEqualTo(DEAD);
    assertThat(head.node("a").getResourcesAvailable().getAmountsOrThrow("cpu"))
        .as("its worker may still be running")
        .isZero();
    assertThat(kill.received).as("kill() answers once the work has stopped").isEmpty();

    head.nodes.answerHeldCalls(a);

    assertThat(head.node("a").getResourcesAvailable().getAmountsOrThrow("cpu")).isEqualTo(1.0);
    assertThat(kill.received).hasSize(1);
  }
}
