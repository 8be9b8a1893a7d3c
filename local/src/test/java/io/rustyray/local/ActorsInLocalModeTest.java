package io.rustyray.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rustyray.api.ActorHandle;
import io.rustyray.api.ObjectRef;
import io.rustyray.api.Rusty;
import io.rustyray.api.exception.ActorDiedException;
import io.rustyray.api.exception.RustyCallException;
import io.rustyray.api.exception.RustyTaskException;
import io.rustyray.local.examples.Counter;
import io.rustyray.local.examples.Fns;
import io.rustyray.local.examples.Forwarder;
import io.rustyray.local.examples.Probes;
import io.rustyray.local.examples.Recorder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Actors: state between calls, call order, concurrency, and what a failing constructor does. */
class ActorsInLocalModeTest extends LocalModeTest {

  @Test
  void anActorKeepsItsStateBetweenCalls() {
    ActorHandle<Counter> counter = Rusty.actor(Counter::new, 40).remote();

    counter.task(Counter::increment).remote();

    assertThat(counter.task(Counter::add, 1).remote().get()).isEqualTo(42);
  }

  @Test
  void anActorsCallsRunOneAtATimeInTheOrderTheyWereMade() {
    ActorHandle<Recorder> recorder = Rusty.actor(Recorder::new).remote();

    List<ObjectRef<Integer>> refs = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      refs.add(recorder.task(Recorder::record, i).remote());
    }
    Rusty.get(refs, Duration.ofSeconds(60));

    assertThat(recorder.task(Recorder::seen).remote().get())
        .as("the constructor's mark, then every call in the order it was made")
        .containsExactlyElementsOf(IntStream.range(-1, 500).boxed().toList());
    assertThat(recorder.task(Recorder::mostAtOnce).remote().get()).isEqualTo(1);
  }

  @Test
  void aCallWaitingForItsObjectRefArgumentIsNotOvertakenByLaterCalls() {
    ActorHandle<Recorder> recorder = Rusty.actor(Recorder::new).remote();
    ObjectRef<Integer> slowOne = Rusty.task(Fns::slowIdentity, 1, 300L).remote();

    recorder.task(Recorder::record, slowOne).remote();
    recorder.task(Recorder::record, 2).remote();

    assertThat(recorder.task(Recorder::seen).remote().get(Duration.ofSeconds(30)))
        .containsExactly(-1, 1, 2);
  }

  @Test
  void anActorWithMaxConcurrencyRunsUpToThatManyCallsAtOnce() {
    // Three calls meet at a barrier of three: they pass only if all three run at once.
    Probes.reset(3);
    ActorHandle<Recorder> recorder = Rusty.actor(Recorder::new).setMaxConcurrency(3).remote();

    List<ObjectRef<Integer>> refs = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      refs.add(recorder.task(Recorder::meet, i).remote());
    }

    assertThat(Rusty.get(refs, Duration.ofSeconds(60))).containsExactly(0, 1, 2, 3, 4, 5);
    assertThat(Probes.mostAtOnce()).isEqualTo(3);
  }

  @Test
  void theConstructorAndTheCallsRunOnTheActorsOwnThreadsNotTheCallersNorTheTaskPool() {
    ActorHandle<Recorder> recorder = Rusty.actor(Recorder::new).remote();

    String builtBy = recorder.task(Recorder::builtBy).remote().get();

    assertThat(builtBy).contains(recorder.getId()).doesNotContain("-task-");
    assertThat(builtBy).isNotEqualTo(Thread.currentThread().getName());
  }

  @Test
  void anActorWhoseConstructorThrowsIsDeadAndItsCallsFailWithTheExceptionAsDeathCause() {
    ActorHandle<Counter> broken = Rusty.actor(Counter::new, -1).remote();

    assertThatThrownBy(() -> broken.task(Counter::get).remote().get(Duration.ofSeconds(30)))
        .isInstanceOfSatisfying(
            ActorDiedException.class,
            e -> {
              assertThat(e.getActorId()).isEqualTo(broken.getId());
              assertThat(e.getDeathCause())
                  .isEqualTo(
                      "creation failed on node "
                          + Rusty.getRuntimeContext().nodeId()
                          + ": io.rustyray.local.examples.Counter.new Counter(int) threw"
                          + " java.lang.IllegalArgumentException: a counter starts at 0 or more,"
                          + " not -1");
            });
  }

  @Test
  void anExceptionInAMethodFailsThatCallOnlyAndTheActorLivesOn() {
    ActorHandle<Counter> counter = Rusty.actor(Counter::new, 0).remote();

    ObjectRef<Integer> failing = counter.task(Counter::failWith, "no").remote();

    assertThatThrownBy(failing::get).isInstanceOf(RustyTaskException.class);
    assertThat(counter.task(Counter::increment).remote().get()).isEqualTo(1);
  }

  @Test
  void anActorHandlePassedAsAnArgumentReachesTheSameActor() {
    ActorHandle<Counter> counter = Rusty.actor(Counter::new, 0).remote();
    ActorHandle<Forwarder> forwarder = Rusty.actor(Forwarder::new, counter).remote();

    assertThat(forwarder.task(Forwarder::incrementTarget).remote().get()).isEqualTo(1);
    assertThat(counter.task(Counter::get).remote().get()).isEqualTo(1);
  }

  @Test
  void anObjectRefConstructorArgumentIsResolvedBeforeTheConstructorRuns() {
    ObjectRef<Integer> start = Rusty.task(Fns::slowIdentity, 10, 200L).remote();

    ActorHandle<Counter> counter = Rusty.actor(Counter::new, start).remote();

    assertThat(counter.task(Counter::increment).remote().get(Duration.ofSeconds(30))).isEqualTo(11);
  }

  @Test
  void aMethodOfAnotherClassIsRefusedWithInvalidArgumentAndTheActorLivesOn() {
    ActorHandle<Counter> counter = Rusty.actor(Counter::new, 0).remote();
    @SuppressWarnings("unchecked")
    ActorHandle<Recorder> wrong = (ActorHandle<Recorder>) (ActorHandle<?>) counter;

    ObjectRef<Integer> ref = wrong.task(Recorder::mostAtOnce).remote();

    assertThatThrownBy(ref::get)
        .isInstanceOfSatisfying(
            RustyCallException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo("INVALID_ARGUMENT");
              assertThat(e.getDescription())
                  .isEqualTo(
                      "actor "
                          + counter.getId()
                          + " is a io.rustyray.local.examples.Counter, which has no method"
                          + " io.rustyray.local.examples.Recorder.mostAtOnce");
            });
    assertThat(counter.task(Counter::increment).remote().get()).isEqualTo(1);
  }

  @Test
  void resourcesRestartsAndDetachedAreAcceptedButNothingIsScheduledByThemLocally() {
    ActorHandle<Counter> counter =
        Rusty.actor(Counter::new, 1)
            .setResource("gpu", 4)
            .setMaxRestarts(-1)
            .setDetached(true)
            .remote();

    assertThat(counter.task(Counter::increment).remote().get(Duration.ofSeconds(30))).isEqualTo(2);
  }

  @Test
  void aStaticMethodIsRefusedAsAnActorCallAtRemote() {
    ActorHandle<Counter> counter = Rusty.actor(Counter::new, 0).remote();

    assertThatThrownBy(() -> counter.task(Fns::valueOf).remote())
        .hasMessageContaining("handle.task needs an instance method of the actor's class");
  }
}
