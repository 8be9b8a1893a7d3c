package io.rustyray.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rustyray.api.ActorHandle;
import io.rustyray.api.ObjectRef;
import io.rustyray.api.Rusty;
import io.rustyray.api.exception.ActorDiedException;
import io.rustyray.api.exception.RustyCallException;
import io.rustyray.local.examples.Counter;
import io.rustyray.local.examples.Probes;
import io.rustyray.local.examples.Recorder;
import io.rustyray.protocol.codec.ActorHandleValue;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Killing actors: dead for good, or rebuilt from the constructor while restarts remain. */
class KillInLocalModeTest extends LocalModeTest {

  @Test
  void aKilledActorsLaterCallsFailWithActorDiedExceptionSayingItWasKilled() {
    ActorHandle<Counter> counter = Rusty.actor(Counter::new, 0).setName("doomed").remote();
    assertThat(counter.task(Counter::increment).remote().get()).isEqualTo(1);

    counter.kill();

    assertThatThrownBy(() -> counter.task(Counter::increment).remote().get())
        .isInstanceOfSatisfying(
            ActorDiedException.class,
            e -> {
              assertThat(e.getActorId()).isEqualTo(counter.getId());
              assertThat(e.getDeathCause()).isEqualTo("killed by request (handle.kill())");
            });
    assertThat(Rusty.getActor("doomed")).isEmpty();
  }

  @Test
  void aCallRunningWhenItsActorIsKilledFinishesAndTheCallsQueuedBehindItFail() throws Exception {
    Probes.reset(1);
    ActorHandle<Recorder> recorder = Rusty.actor(Recorder::new).remote();
    ObjectRef<Integer> running = recorder.task(Recorder::behindGate, 1).remote();
    ObjectRef<Integer> queued = recorder.task(Recorder::record, 2).remote();
    assertThat(Probes.awaitStarted(30)).as("the first call runs").isTrue();

    recorder.kill();
    Probes.openGate();

    assertThat(running.get(Duration.ofSeconds(30))).isEqualTo(1);
    assertThatThrownBy(() -> queued.get(Duration.ofSeconds(30)))
        .isInstanceOf(ActorDiedException.class);
  }

  @Test
  void killWithRestartAllowedRebuildsTheActorFromItsConstructorArguments() {
    ActorHandle<Counter> counter = Rusty.actor(Counter::new, 10).setMaxRestarts(1).remote();
    assertThat(counter.task(Counter::add, 5).remote().get()).isEqualTo(15);

    counter.kill(false);

    assertThat(counter.task(Counter::get).remote().get(Duration.ofSeconds(30)))
        .as("a new instance, built again from the constructor's arguments")
        .isEqualTo(10);
  }

  @Test
  void killWithRestartAllowedButNoRestartsLeftIsDeadWithTheCause() {
    ActorHandle<Counter> counter = Rusty.actor(Counter::new, 0).remote();

    counter.kill(false);

    assertThatThrownBy(() -> counter.task(Counter::get).remote().get())
        .isInstanceOfSatisfying(
            ActorDiedException.class,
            e ->
                assertThat(e.getDeathCause())
                    .isEqualTo(
                        "killed by request, restart allowed; no restarts left (maxRestarts=0)"));
  }

  @Test
  void killingADeadActorAgainIsHarmless() {
    ActorHandle<Counter> counter = Rusty.actor(Counter::new, 0).remote();
    counter.kill();

    counter.kill();
    counter.kill(false);

    assertThatThrownBy(() -> counter.task(Counter::get).remote().get())
        .isInstanceOf(ActorDiedException.class)
        .hasMessageContaining("killed by request (handle.kill())");
  }

  @Test
  void killingAnActorThisRuntimeNeverMadeIsRefusedWithNotFound() {
    ActorHandle<Counter> stranger = new ActorHandleValue<>("actor-from-elsewhere", "");

    assertThatThrownBy(stranger::kill)
        .isInstanceOfSatisfying(
            RustyCallException.class, e -> assertThat(e.getCode()).isEqualTo("NOT_FOUND"));
    assertThatThrownBy(() -> stranger.task(Counter::get).remote().get())
        .isInstanceOf(ActorDiedException.class);
  }
}
