package io.rustyray.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rustyray.api.ActorHandle;
import io.rustyray.api.ObjectRef;
import io.rustyray.api.Rusty;
import io.rustyray.api.exception.RustyCallException;
import io.rustyray.api.parallelactor.ParallelActor;
import io.rustyray.api.parallelactor.ParallelActorHandle;
import io.rustyray.api.parallelactor.ParallelActorInstance;
import io.rustyray.local.examples.Counter;
import io.rustyray.local.examples.ParallelProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Parallel actors (Ray's ParallelActorTest): several instances of one class in one actor, each
 * running its calls one at a time in order, beside the others.
 */
class ParallelActorsInLocalModeTest extends LocalModeTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @Test
  void eachInstanceKeepsAStateOfItsOwn() {
    ParallelActorHandle<ParallelProbe> actor =
        ParallelActor.actor(ParallelProbe::new, 0).setParallelism(3).remote();

    ObjectRef<Integer> first = actor.getInstance(0).task(ParallelProbe::incr, 1_000_000).remote();
    ObjectRef<Integer> second = actor.getInstance(1).task(ParallelProbe::incr, 1_000_000).remote();
    actor.getInstance(2).task(ParallelProbe::incr, 5).remote();
    ObjectRef<Integer> third = actor.getInstance(2).task(ParallelProbe::incr, 5).remote();

    assertThat(first.get(TIMEOUT)).isEqualTo(1_000_000);
    assertThat(second.get(TIMEOUT)).isEqualTo(1_000_000);
    assertThat(third.get(TIMEOUT)).isEqualTo(10);
    assertThat(actor.getParallelism()).isEqualTo(3);
  }

  @Test
  void theInstancesRunBesideEachOther() {
    ParallelActorHandle<ParallelProbe> actor =
        ParallelActor.actor(ParallelProbe::new, 0).setParallelism(2).remote();
    ObjectRef<String> waiting =
        actor.getInstance(0).task(ParallelProbe::waitAtGate, "local-beside").remote();

    assertThat(
            actor
                .getInstance(1)
                .task(ParallelProbe::openGate, "local-beside")
                .remote()
                .get(TIMEOUT))
        .isEqualTo("opened");

    assertThat(waiting.get(TIMEOUT)).isEqualTo("passed");
  }

  @Test
  void eachInstanceRunsItsCallsOneAtATimeInTheOrderTheyWereMade() {
    ParallelActorHandle<ParallelProbe> actor =
        ParallelActor.actor(ParallelProbe::new, 0).setParallelism(4).remote();
    ActorHandle<ParallelProbe> instance = actor.getInstance(3);

    List<ObjectRef<Integer>> calls = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      calls.add(instance.task(ParallelProbe::record, i).remote());
      actor.getInstance(i % 3).task(ParallelProbe::record, i).remote();
    }
    Rusty.get(calls, TIMEOUT);

    assertThat(instance.task(ParallelProbe::recorded).remote().get(TIMEOUT))
        .containsExactlyElementsOf(IntStream.range(0, 100).boxed().toList());
    assertThat(instance.task(ParallelProbe::mostAtOnce).remote().get(TIMEOUT)).isEqualTo(1);
  }

  @Test
  void aParallelismOutsideItsBoundsOrAMissingInstanceIsRefused() {
    assertThatThrownBy(() -> ParallelActor.actor(ParallelProbe::new, 0).setParallelism(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("parallelism must be from 1 to 256, got 0");
    ParallelActorHandle<ParallelProbe> actor =
        ParallelActor.actor(ParallelProbe::new, 0).setParallelism(2).remote();

    assertThatThrownBy(() -> actor.getInstance(2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageEndingWith("has instances 0 to 1; there is no instance 2");
  }

  @Test
  void aCallToAnInstanceAnActorDoesNotHaveFailsWithAClearMessage() {
    ActorHandle<Counter> counter = Rusty.actor(Counter::new, 0).remote();
    ActorHandle<Counter> wrong = new ParallelActorInstance<>(counter.getId(), "", 1);

    assertThatThrownBy(() -> wrong.task(Counter::increment).remote().get(TIMEOUT))
        .isInstanceOf(RustyCallException.class)
        .hasMessageContaining("is not a parallel actor; it has no instance 1");
    assertThat(counter.task(Counter::increment).remote().get(TIMEOUT)).isEqualTo(1);
  }

  @Test
  void killingTheActorEndsEveryInstance() {
    ParallelActorHandle<ParallelProbe> actor =
        ParallelActor.actor(ParallelProbe::new, 0).setParallelism(2).remote();
    actor.getInstance(1).task(ParallelProbe::incr, 1).remote().get(TIMEOUT);

    actor.kill();

    assertThatThrownBy(
            () -> actor.getInstance(0).task(ParallelProbe::getValue).remote().get(TIMEOUT))
        .isInstanceOf(io.rustyray.api.exception.ActorDiedException.class);
  }
}
