package io.rustyray.runtime.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ActorInstanceTest {
  private final List<String> ran = new CopyOnWriteArrayList<>();
  private final ActorInstance actor =
      new ActorInstance("actor-1", 0, new Object(), "", Runnable::run, 1);

  private Runnable call(String name) {
    return () -> ran.add(name);
  }

  @Test
  void callsThatArriveOutOfOrderRunInTheCallersOrder() {
    actor.accept("caller", 2, call("third"));
    actor.accept("caller", 1, call("second"));
    assertThat(ran).as("nothing runs before call 0 arrives").isEmpty();

    actor.accept("caller", 0, call("first"));

    assertThat(ran).containsExactly("first", "second", "third");
  }

  @Test
  void eachCallerHasItsOwnSequence() {
    actor.accept("a", 0, call("a0"));
    actor.accept("b", 1, call("b1"));
    actor.accept("b", 0, call("b0"));

    assertThat(ran).containsExactly("a0", "b0", "b1");
  }

  @Test
  void aSequenceNumberSeenBeforeIsRefused() {
    assertThat(actor.accept("caller", 0, call("first"))).isTrue();

    assertThat(actor.accept("caller", 0, call("again"))).isFalse();
    assertThat(ran).containsExactly("first");
  }
}
