package io.rustyray.operator.actor;

import static org.assertj.core.api.Assertions.assertThat;

import io.rustyray.operator.crd.ActorState;
import io.rustyray.operator.crd.CheckpointStatus;
import io.rustyray.operator.crd.RustyActor;
import io.rustyray.operator.crd.RustyActorSpec;
import io.rustyray.operator.crd.RustyActorStatus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CheckpointRefreshTest {
  private static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");

  private final CheckpointRefresh refresh = new CheckpointRefresh();

  private static RustyActorStatus status(ActorState state, long calls) {
    var status = new RustyActorStatus();
    status.setActorId("a1");
    status.setState(state);
    status.setDurable("every call");
    status.setRestores(0);
    status.setLastCheckpoint(new CheckpointStatus("2026-12-01T12:00:00Z", calls, 9));
    return status;
  }

  private static RustyActor showing(RustyActorStatus status) {
    var actor = new RustyActor();
    actor.getMetadata().setName("durable-counter");
    actor.getMetadata().setUid("uid-1");
    actor.setSpec(new RustyActorSpec());
    actor.setStatus(status);
    return actor;
  }

  @Test
  void theFirstCheckpointAnOperatorSeesIsShownAtOnce() {
    var next = status(ActorState.ALIVE, 5);

    assertThat(refresh.holdBack(showing(status(ActorState.ALIVE, 1)), next, T0)).isEmpty();
    assertThat(next.getLastCheckpoint().getCalls()).isEqualTo(5L);
  }

  @Test
  void aNewerCheckpointThatIsTheOnlyNewsWaitsUntilTheShownOneIsTenSecondsOld() {
    refresh.holdBack(showing(status(ActorState.ALIVE, 1)), status(ActorState.ALIVE, 5), T0);
    var next = status(ActorState.ALIVE, 9);

    assertThat(refresh.holdBack(showing(status(ActorState.ALIVE, 5)), next, T0.plusSeconds(3)))
        .contains(Duration.ofSeconds(7));
    assertThat(next.getLastCheckpoint().getCalls()).isEqualTo(5L);
  }

  @Test
  void tenSecondsAfterTheLastOneShownTheNewestIsShown() {
    refresh.holdBack(showing(status(ActorState.ALIVE, 1)), status(ActorState.ALIVE, 5), T0);
    var next = status(ActorState.ALIVE, 9);

    assertThat(refresh.holdBack(showing(status(ActorState.ALIVE, 5)), next, T0.plusSeconds(10)))
        .isEmpty();
    assertThat(next.getLastCheckpoint().getCalls()).isEqualTo(9L);
  }

  @Test
  void aNewerCheckpointGoesOutAtOnceWithAnyOtherChange() {
    refresh.holdBack(showing(status(ActorState.ALIVE, 1)), status(ActorState.ALIVE, 5), T0);
    var restored = status(ActorState.ALIVE, 9);
    restored.setRestores(1);

    assertThat(refresh.holdBack(showing(status(ActorState.ALIVE, 5)), restored, T0.plusSeconds(1)))
        .isEmpty();
    assertThat(restored.getLastCheckpoint().getCalls()).isEqualTo(9L);
  }

  @Test
  void anUnchangedCheckpointHoldsNothingBack() {
    refresh.holdBack(showing(status(ActorState.ALIVE, 1)), status(ActorState.ALIVE, 5), T0);

    assertThat(
            refresh.holdBack(
                showing(status(ActorState.ALIVE, 5)),
                status(ActorState.RESTARTING, 5),
                T0.plusSeconds(1)))
        .isEmpty();
  }
}
