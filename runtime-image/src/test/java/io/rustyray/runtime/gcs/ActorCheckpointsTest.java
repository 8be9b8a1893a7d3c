package io.rustyray.runtime.gcs;

import static io.rustyray.runtime.gcs.TestingHead.actor;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.rustyray.protocol.checkpoint.CheckpointCodec;
import io.rustyray.protocol.proto.ActorInfo;
import io.rustyray.protocol.proto.ActorSpec;
import io.rustyray.protocol.proto.CheckpointPolicy;
import io.rustyray.protocol.proto.CreateActorInstanceRequest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The head keeps the newest checkpoint of a durable actor, from its current instance only, and
 * gives it to every instance that replaces a lost one.
 */
class ActorCheckpointsTest {
  private static final Map<String, Double> ONE_CPU = Map.of("cpu", 1.0);
  private static final byte[] STATE = {1, 2, 3};

  private final TestingHead head = new TestingHead();

  @AfterEach
  void stopHead() {
    head.close();
  }

  private static ActorSpec durable() {
    return actor(ONE_CPU, -1).toBuilder()
        .setCheckpoint(CheckpointPolicy.newBuilder().setEveryCall(true))
        .build();
  }

  private static Status.Code refusal(RecordingStream<?> reply) {
    assertThat(reply.error).as("the save was refused").isNotNull();
    return Status.fromThrowable(reply.error).getCode();
  }

  @Test
  void aRestartedInstanceIsGivenTheNewestCheckpointBeforeItServes() {
    head.nodeJoins("a", ONE_CPU);
    ActorInfo created = head.createActor(durable());
    String b = head.nodeJoins("b", ONE_CPU);
    head.saveCheckpoint(created.getActorId(), 0, 2, new byte[] {2});
    head.saveCheckpoint(created.getActorId(), 0, 3, STATE);

    head.nodeLeaves("a");

    CreateActorInstanceRequest restart = head.nodes.createdOn(b).get(0);
    assertThat(restart.getIncarnation()).isEqualTo(1);
    assertThat(restart.getCheckpoint().getCalls()).isEqualTo(3);
    assertThat(restart.getCheckpoint().getState().toByteArray()).isEqualTo(STATE);
    assertThat(restart.getCheckpointLimitBytes()).isEqualTo(CheckpointCodec.DEFAULT_LIMIT_BYTES);
    ActorInfo actor = head.actor(created.getActorId());
    assertThat(actor.getCheckpoint().getRestores()).isEqualTo(1);
    assertThat(actor.getCheckpoint().getRestoredCalls()).isEqualTo(3);
    assertThat(actor.getCheckpoint().getPolicy().getEveryCall()).isTrue();
  }

  @Test
  void aNewActorsFirstInstanceStartsWithoutACheckpoint() {
    String a = head.nodeJoins("a", ONE_CPU);
    ActorInfo created = head.createActor(durable());

    CreateActorInstanceRequest first = head.nodes.createdOn(a).get(0);
    assertThat(first.hasCheckpoint()).isFalse();
    assertThat(first.getCheckpointLimitBytes()).isPositive();
    assertThat(head.actor(created.getActorId()).getCheckpoint().getRestores()).isZero();
  }

  @Test
  void aSaveFromAnInstanceThatWasReplacedIsRefusedAsFencedAndChangesNothing() {
    head.nodeJoins("a", ONE_CPU);
    ActorInfo created = head.createActor(durable());
    head.nodeJoins("b", ONE_CPU);
    head.saveCheckpoint(created.getActorId(), 0, 3, STATE);
    head.nodeLeaves("a");

    var late = head.saveCheckpoint(created.getActorId(), 0, 4, new byte[] {9});

    assertThat(refusal(late)).isEqualTo(Status.Code.ABORTED);
    assertThat(late.error.getMessage()).contains("fenced:").contains("is not its current one");
    assertThat(head.actor(created.getActorId()).getCheckpoint().getCalls()).isEqualTo(3);
    assertThat(head.saveCheckpoint(created.getActorId(), 1, 4, STATE).error)
        .as("the new instance's own save is kept")
        .isNull();
  }

  @Test
  void anOlderCheckpointOfTheSameInstanceNeverReplacesANewerOne() {
    head.nodeJoins("a", ONE_CPU);
    ActorInfo created = head.createActor(durable());
    head.saveCheckpoint(created.getActorId(), 0, 7, STATE);

    assertThat(head.saveCheckpoint(created.getActorId(), 0, 6, new byte[] {6}).error).isNull();

    assertThat(head.actor(created.getActorId()).getCheckpoint().getCalls()).isEqualTo(7);
  }

  @Test
  void aCheckpointOverTheHeadsLimitIsRefusedAndTheLastOneStays() {
    head.nodeJoins("a", ONE_CPU);
    ActorInfo created = head.createActor(durable());
    head.saveCheckpoint(created.getActorId(), 0, 1, STATE);

    var tooLarge =
        head.saveCheckpoint(
            created.getActorId(), 0, 2, new byte[(int) CheckpointCodec.DEFAULT_LIMIT_BYTES + 1]);

    assertThat(refusal(tooLarge)).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(tooLarge.error.getMessage()).contains("over the head's limit");
    assertThat(head.actor(created.getActorId()).getCheckpoint().getSizeBytes()).isEqualTo(3);
  }

  @Test
  void anActorThatEndedKeepsNoCheckpoint() {
    head.nodeJoins("a", ONE_CPU);
    ActorInfo created = head.createActor(durable());
    head.saveCheckpoint(created.getActorId(), 0, 1, STATE);

    head.killActor(created.getActorId(), true);

    assertThat(refusal(head.saveCheckpoint(created.getActorId(), 0, 2, STATE)))
        .isEqualTo(Status.Code.FAILED_PRECONDITION);
  }

  @Test
  void anActorWithoutAPolicyHasNoCheckpointAndItsSavesAreRefused() {
    head.nodeJoins("a", ONE_CPU);
    ActorInfo created = head.createActor(actor(ONE_CPU, 1));

    assertThat(created.hasCheckpoint()).isFalse();
    assertThat(refusal(head.saveCheckpoint(created.getActorId(), 0, 1, STATE)))
        .isEqualTo(Status.Code.FAILED_PRECONDITION);
  }

  @Test
  void theStateStreamHearsOfCheckpointsOnceATurnNotOnceACall() {
    head.nodeJoins("a", ONE_CPU);
    ActorInfo created = head.createActor(durable());
    int before = head.updatesOf(created.getActorId()).size();
    for (int calls = 1; calls <= 50; calls++) {
      head.saveCheckpoint(created.getActorId(), 0, calls, STATE);
    }

    head.timePasses(Duration.ofSeconds(1));

    var updates = head.updatesOf(created.getActorId());
    assertThat(updates).hasSize(before + 1);
    assertThat(updates.get(updates.size() - 1).getCheckpoint().getCalls()).isEqualTo(50);
  }
}
