package io.rustyray.operator.actor;

import static org.assertj.core.api.Assertions.assertThat;

import io.rustyray.operator.crd.RustyActor;
import io.rustyray.operator.crd.RustyActorSpec;
import io.rustyray.operator.crd.RustyActorStatus;
import io.rustyray.protocol.proto.ActorInfo;
import io.rustyray.protocol.proto.ActorState;
import io.rustyray.protocol.proto.CheckpointInfo;
import io.rustyray.protocol.proto.CheckpointPolicy;
import org.junit.jupiter.api.Test;

class RestoreAnnouncerTest {
  private final RestoreAnnouncer announcer = new RestoreAnnouncer();

  private static RustyActor actor(String shownActorId, Integer shownRestores) {
    var actor = new RustyActor();
    actor.getMetadata().setName("durable-counter");
    actor.getMetadata().setUid("uid-1");
    actor.setSpec(new RustyActorSpec());
    if (shownActorId != null) {
      var status = new RustyActorStatus();
      status.setActorId(shownActorId);
      status.setRestores(shownRestores);
      actor.setStatus(status);
    }
    return actor;
  }

  private static ActorInfo restored(String actorId, int restores, long calls) {
    return ActorInfo.newBuilder()
        .setActorId(actorId)
        .setState(ActorState.ALIVE)
        .setCheckpoint(
            CheckpointInfo.newBuilder()
                .setPolicy(CheckpointPolicy.newBuilder().setEveryCall(true))
                .setCalls(calls)
                .setTakenAtMs(1_796_000_000_000L)
                .setRestores(restores)
                .setRestoredCalls(calls)
                .setRestoredTakenAtMs(1_796_000_000_000L)
                .setRestoredAtMs(1_796_000_005_000L))
        .build();
  }

  @Test
  void aRestoreIsAnnouncedWithTheCheckpointItLoaded() {
    assertThat(announcer.restored(actor("a1", 0), restored("a1", 1, 5)))
        .contains(
            "instance restored from the checkpoint of call 5 taken at 2026-11-30T00:53:20Z"
                + " (restore 1)");
  }

  @Test
  void aRestoreIsAnnouncedOnceWhileTheCacheStillShowsTheStatusBeforeIt() {
    var stale = actor("a1", 0);
    assertThat(announcer.restored(stale, restored("a1", 1, 5))).isPresent();

    assertThat(announcer.restored(stale, restored("a1", 1, 5))).isEmpty();
    assertThat(announcer.restored(actor("a1", 1), restored("a1", 1, 9))).isEmpty();
  }

  @Test
  void eachLaterRestoreIsAnnouncedAgain() {
    assertThat(announcer.restored(actor("a1", 0), restored("a1", 1, 5))).isPresent();

    assertThat(announcer.restored(actor("a1", 1), restored("a1", 2, 8)))
        .contains(
            "instance restored from the checkpoint of call 8 taken at 2026-11-30T00:53:20Z"
                + " (restore 2)");
  }

  @Test
  void aRestartedOperatorDoesNotAnnounceTheRestoresTheStatusAlreadyShows() {
    var restartedOperator = new RestoreAnnouncer();

    assertThat(restartedOperator.restored(actor("a1", 3), restored("a1", 3, 5))).isEmpty();
  }

  @Test
  void aRestoreTheStatusDoesNotShowYetIsAnnouncedByARestartedOperator() {
    var restartedOperator = new RestoreAnnouncer();

    assertThat(restartedOperator.restored(actor("a1", 1), restored("a1", 2, 5))).isPresent();
  }

  @Test
  void theRestoresOfAnEarlierActorDoNotHideThoseOfItsReplacement() {
    assertThat(announcer.restored(actor("a1", 2), restored("a1", 2, 5))).isEmpty();

    assertThat(announcer.restored(actor("a1", 2), restored("a2", 1, 3))).isPresent();
  }

  @Test
  void aNewActorOrOneThatIsNotDurableHasNothingToAnnounce() {
    assertThat(announcer.restored(actor(null, null), restored("a1", 0, 0))).isEmpty();
    assertThat(
            announcer.restored(
                actor(null, null),
                ActorInfo.newBuilder().setActorId("a1").setState(ActorState.ALIVE).build()))
        .isEmpty();
  }
}
