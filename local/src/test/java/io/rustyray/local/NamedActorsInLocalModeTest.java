package io.rustyray.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rustyray.api.ActorHandle;
import io.rustyray.api.Rusty;
import io.rustyray.api.exception.RustyCallException;
import io.rustyray.local.examples.Counter;
import org.junit.jupiter.api.Test;

/** Named actors: found by name while alive, one live actor per name. */
class NamedActorsInLocalModeTest extends LocalModeTest {

  @Test
  void aNamedActorIsFoundByItsNameAndIsTheSameActor() {
    ActorHandle<Counter> created = Rusty.actor(Counter::new, 0).setName("counter").remote();
    created.task(Counter::increment).remote().get();

    ActorHandle<Counter> found = Rusty.<Counter>getActor("counter").orElseThrow();

    assertThat(found.getId()).isEqualTo(created.getId());
    assertThat(found.getName()).isEqualTo("counter");
    assertThat(found.task(Counter::increment).remote().get()).isEqualTo(2);
  }

  @Test
  void getActorOfAnUnknownNameIsEmpty() {
    assertThat(Rusty.getActor("nobody-has-this-name")).isEmpty();
  }

  @Test
  void aSecondLiveActorWithTheSameNameIsRefusedAsTheHeadRefusesIt() {
    ActorHandle<Counter> first = Rusty.actor(Counter::new, 0).setName("only-one").remote();

    assertThatThrownBy(() -> Rusty.actor(Counter::new, 5).setName("only-one").remote())
        .isInstanceOfSatisfying(
            RustyCallException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo("ALREADY_EXISTS");
              assertThat(e.getDescription())
                  .startsWith(
                      "an actor named 'only-one' already exists in namespace '"
                          + Rusty.getNamespace()
                          + "' ("
                          + first.getId()
                          + ", ")
                  .endsWith("); kill it first or pick another name");
            });
    assertThat(first.task(Counter::get).remote().get()).isZero();
  }

  @Test
  void aNameIsFreeAgainOnceItsActorIsDead() {
    ActorHandle<Counter> first = Rusty.actor(Counter::new, 0).setName("reused").remote();
    first.kill();

    assertThat(Rusty.getActor("reused")).isEmpty();
    ActorHandle<Counter> second = Rusty.actor(Counter::new, 7).setName("reused").remote();

    assertThat(Rusty.<Counter>getActor("reused").orElseThrow().getId()).isEqualTo(second.getId());
    assertThat(second.task(Counter::get).remote().get()).isEqualTo(7);
  }

  @Test
  void aNameWhoseActorsConstructorFailedIsFreeAgain() {
    ActorHandle<Counter> broken = Rusty.actor(Counter::new, -1).setName("phoenix").remote();
    assertThatThrownBy(() -> broken.task(Counter::get).remote().get()).isNotNull();

    assertThat(Rusty.getActor("phoenix")).isEmpty();
    assertThat(Rusty.actor(Counter::new, 1).setName("phoenix").remote().task(Counter::get).remote())
        .satisfies(ref -> assertThat(ref.get()).isEqualTo(1));
  }

  @Test
  void detachedAndNonDetachedNamedActorsAreBothFoundAndBothEndWithTheRuntime() {
    Rusty.actor(Counter::new, 0).setName("detached").setDetached(true).remote();
    Rusty.actor(Counter::new, 0).setName("attached").remote();

    assertThat(Rusty.getActor("detached")).isPresent();
    assertThat(Rusty.getActor("attached")).isPresent();

    Rusty.shutdown();
    Rusty.initLocal();

    assertThat(Rusty.getActor("detached")).isEmpty();
    assertThat(Rusty.getActor("attached")).isEmpty();
  }
}
