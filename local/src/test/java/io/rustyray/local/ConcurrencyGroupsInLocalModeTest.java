package io.rustyray.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rustyray.api.ActorCreator;
import io.rustyray.api.ActorHandle;
import io.rustyray.api.ObjectRef;
import io.rustyray.api.Rusty;
import io.rustyray.api.concurrencygroup.ConcurrencyGroup;
import io.rustyray.api.concurrencygroup.ConcurrencyGroupBuilder;
import io.rustyray.api.exception.RustyCallException;
import io.rustyray.local.examples.Counter;
import io.rustyray.local.examples.Switchboard;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Concurrency groups (Ray's ConcurrencyGroupTest): each group runs its methods on threads of its
 * own, at most its limit at once, and a busy group holds up no other.
 */
class ConcurrencyGroupsInLocalModeTest extends LocalModeTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private static final ConcurrencyGroup IO =
      new ConcurrencyGroupBuilder<Switchboard>()
          .setName("io")
          .setMaxConcurrency(1)
          .addMethod(Switchboard::waitAtGate)
          .addMethod(Switchboard::ioThread)
          .addMethod(Switchboard::otherIoThread)
          .build();
  private static final ConcurrencyGroup COMPUTE =
      new ConcurrencyGroupBuilder<Switchboard>()
          .setName("compute")
          .setMaxConcurrency(1)
          .addMethod(Switchboard::openGate)
          .addMethod(Switchboard::computeThread)
          .build();
  private static final ConcurrencyGroup PAIRS =
      new ConcurrencyGroupBuilder<Switchboard>()
          .setName("pairs")
          .setMaxConcurrency(2)
          .addMethod(Switchboard::enterInPairs)
          .build();

  private static ActorCreator<Switchboard> switchboard() {
    return Rusty.actor(Switchboard::new).setConcurrencyGroups(IO, COMPUTE, PAIRS);
  }

  @Test
  void aCallBlockedInOneGroupHoldsUpNeitherOtherGroupsNorTheDefaultGroup() {
    ActorHandle<Switchboard> actor = switchboard().remote();
    ObjectRef<String> blocked = actor.task(Switchboard::waitAtGate).remote();

    assertThat(actor.task(Switchboard::defaultThread).remote().get(TIMEOUT)).isNotEmpty();
    assertThat(actor.task(Switchboard::openGate).remote().get(TIMEOUT)).isEqualTo("opened");

    assertThat(blocked.get(TIMEOUT)).isEqualTo("passed");
  }

  @Test
  void aGroupOfTwoRunsTwoCallsAtOnceAndNeverThree() {
    ActorHandle<Switchboard> actor = switchboard().remote();
    List<ObjectRef<Integer>> calls = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      calls.add(actor.task(Switchboard::enterInPairs).remote());
    }

    Rusty.get(calls, TIMEOUT);

    assertThat(actor.task(Switchboard::mostAtOnce).remote().get(TIMEOUT)).isEqualTo(2);
  }

  @Test
  void theDefaultGroupRunsAsManyCallsAtOnceAsTheActorsMaxConcurrency() {
    ActorHandle<Switchboard> actor =
        Rusty.actor(Switchboard::new).setConcurrencyGroups(IO).setMaxConcurrency(2).remote();
    actor.task(Switchboard::waitAtGate).remote();

    ObjectRef<Integer> first = actor.task(Switchboard::enterInPairs).remote();
    ObjectRef<Integer> second = actor.task(Switchboard::enterInPairs).remote();

    assertThat(Rusty.get(List.of(first, second), TIMEOUT)).containsOnly(2);
    actor.task(Switchboard::openGate).remote().get(TIMEOUT);
  }

  @Test
  void theCallsOfAGroupOfOneShareAThreadAndEachGroupHasItsOwn() {
    ActorHandle<Switchboard> actor = switchboard().remote();

    String io1 = actor.task(Switchboard::ioThread).remote().get(TIMEOUT);
    String io2 = actor.task(Switchboard::otherIoThread).remote().get(TIMEOUT);
    String compute = actor.task(Switchboard::computeThread).remote().get(TIMEOUT);
    String default1 = actor.task(Switchboard::defaultThread).remote().get(TIMEOUT);
    String default2 = actor.task(Switchboard::otherDefaultThread).remote().get(TIMEOUT);

    assertThat(io1).isEqualTo(io2);
    assertThat(default1).isEqualTo(default2);
    assertThat(List.of(io1, compute, default1)).doesNotHaveDuplicates();
  }

  @Test
  void aCallsConcurrencyGroupOverridesItsMethodsGroup() {
    ActorHandle<Switchboard> actor = switchboard().remote();
    String compute = actor.task(Switchboard::computeThread).remote().get(TIMEOUT);

    assertThat(actor.task(Switchboard::ioThread).setConcurrencyGroup("compute").remote().get())
        .isEqualTo(compute);

    ObjectRef<String> blocked = actor.task(Switchboard::waitAtGate).remote();
    ObjectRef<String> behindIt =
        actor.task(Switchboard::defaultThread).setConcurrencyGroup("io").remote();
    assertThat(Rusty.wait(List.of(behindIt), 1, Duration.ofMillis(300)).ready())
        .as("a call sent to the io group waits behind the blocked io call")
        .isEmpty();
    actor.task(Switchboard::openGate).remote().get(TIMEOUT);
    assertThat(behindIt.get(TIMEOUT)).isNotEmpty();
    assertThat(blocked.get(TIMEOUT)).isEqualTo("passed");
  }

  @Test
  void aCallAskingForAGroupTheActorDoesNotHaveFailsAndTheCallsAfterItRun() {
    ActorHandle<Switchboard> actor = switchboard().remote();

    ObjectRef<String> wrong =
        actor.task(Switchboard::defaultThread).setConcurrencyGroup("gpu").remote();

    assertThatThrownBy(() -> wrong.get(TIMEOUT))
        .isInstanceOf(RustyCallException.class)
        .hasMessageContaining("INVALID_ARGUMENT")
        .hasMessageContaining("no concurrency group named gpu; its groups are io, compute, pairs");
    assertThat(actor.task(Switchboard::record, 1).remote().get(TIMEOUT)).isEqualTo(1);
  }

  @Test
  void anActorWithoutGroupsRefusesACallThatNamesOne() {
    ActorHandle<Counter> counter = Rusty.actor(Counter::new, 0).remote();

    assertThatThrownBy(
            () -> counter.task(Counter::increment).setConcurrencyGroup("io").remote().get(TIMEOUT))
        .hasMessageContaining("no concurrency group named io; it declared none");
  }

  @Test
  void aMethodInTwoGroupsIsRefusedAtCreation() {
    ConcurrencyGroup again =
        new ConcurrencyGroupBuilder<Switchboard>()
            .setName("again")
            .addMethod(Switchboard::waitAtGate)
            .build();

    assertThatThrownBy(() -> Rusty.actor(Switchboard::new).setConcurrencyGroups(IO, again).remote())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("method waitAtGate is in two concurrency groups, io and again");
  }

  @Test
  void aGroupNamingAMethodOfAnotherClassIsRefusedAtCreation() {
    ConcurrencyGroup wrong =
        new ConcurrencyGroupBuilder<Counter>()
            .setName("counting")
            .addMethod(Counter::increment)
            .build();

    assertThatThrownBy(() -> Rusty.actor(Switchboard::new).setConcurrencyGroups(wrong).remote())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an instance method of the actor's class");
  }

  @Test
  void theDefaultGroupRunsItsCallsInOrderWhileAnotherGroupIsBlocked() {
    ActorHandle<Switchboard> actor = switchboard().remote();
    ObjectRef<String> blocked = actor.task(Switchboard::waitAtGate).remote();

    List<ObjectRef<Integer>> calls = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      calls.add(actor.task(Switchboard::record, i).remote());
    }
    Rusty.get(calls, TIMEOUT);

    assertThat(actor.task(Switchboard::recorded).remote().get(TIMEOUT))
        .containsExactlyElementsOf(IntStream.range(0, 200).boxed().toList());
    actor.task(Switchboard::openGate).remote();
    assertThat(blocked.get(TIMEOUT)).isEqualTo("passed");
  }
}
