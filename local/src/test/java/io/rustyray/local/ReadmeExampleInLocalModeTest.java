package io.rustyray.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rustyray.api.ActorHandle;
import io.rustyray.api.ObjectRef;
import io.rustyray.api.Rusty;
import io.rustyray.local.examples.Counter;
import io.rustyray.local.examples.Fns;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The example of the README's "Unit tests without a cluster" section, as it stands there. */
class ReadmeExampleInLocalModeTest {
  @BeforeEach
  void start() {
    Rusty.initLocal();
  }

  @AfterEach
  void stop() {
    Rusty.shutdown();
  }

  @Test
  void countsInOrder() {
    assertEquals(3, Rusty.task(Fns::add, 1, 2).remote().get());

    ActorHandle<Counter> counter = Rusty.actor(Counter::new, 0).setName("c").remote();
    counter.task(Counter::increment).remote();
    assertEquals(2, counter.task(Counter::increment).remote().get());

    ObjectRef<Integer> five = Rusty.put(5);
    ActorHandle<Counter> same = Rusty.<Counter>getActor("c").orElseThrow();
    assertEquals(7, same.task(Counter::add, five).remote().get());
  }
}
