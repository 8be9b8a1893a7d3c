package io.rustyray.runtime.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.rustyray.protocol.concurrencygroup.ConcurrencyGroupExecutors;
import io.rustyray.protocol.concurrencygroup.ConcurrencyGroupRouting;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ActorInstanceTest {
  private final List<String> ran = new CopyOnWriteArrayList<>();
  private final ActorInstance actor =
      new ActorInstance(
          "actor-1",
          0,
          List.of(new Object()),
          "",
          new ConcurrencyGroupExecutors(
              1, new ConcurrencyGroupRouting(List.of()), (group, limit) -> Runnable::run),
          null);

  private GroupedCall call(String name) {
    return GroupedCall.inDefaultGroup(() -> ran.add(name));
  }

  @Test
  void callsThatArriveOutOfOrderRunInTheCallersOrder() {
    actor.accept("caller", 2, -1, call("third"));
    actor.accept("caller", 1, -1, call("second"));
    assertThat(ran).as("nothing runs before call 0 arrives").isEmpty();

    actor.accept("caller", 0, -1, call("first"));

    assertThat(ran).containsExactly("first", "second", "third");
  }

  @Test
  void eachCallerHasItsOwnSequence() {
    actor.accept("a", 0, -1, call("a0"));
    actor.accept("b", 1, -1, call("b1"));
    actor.accept("b", 0, -1, call("b0"));

    assertThat(ran).containsExactly("a0", "b0", "b1");
  }

  @Test
  void aSequenceNumberSeenBeforeIsRefused() {
    assertThat(actor.accept("caller", 0, -1, call("first"))).isTrue();

    assertThat(actor.accept("caller", 0, -1, call("again"))).isFalse();
    assertThat(ran).containsExactly("first");
  }

  @Test
  void aCallThatTheCallerGaveUpOnIsNotWaitedFor() {
    actor.accept("caller", 0, -1, call("first"));
    // Call 1 failed on the wire: the caller's next call says it has an outcome for it.
    actor.accept("caller", 2, 1, call("third"));

    assertThat(ran).containsExactly("first", "third");
  }

  @Test
  void aSkipStartsTheCallsWaitingBehindALostOne() {
    actor.accept("caller", 0, -1, call("first"));
    actor.accept("caller", 2, -1, call("third"));
    actor.accept("caller", 3, -1, call("fourth"));
    assertThat(ran).as("calls 2 and 3 wait for call 1").containsExactly("first");

    actor.skip("caller", 1);

    assertThat(ran).containsExactly("first", "third", "fourth");
  }

  @Test
  void aLostCallThatArrivesAfterItWasSkippedIsRefused() {
    actor.skip("caller", 0);

    assertThat(actor.accept("caller", 0, -1, call("late"))).isFalse();
    assertThat(actor.accept("caller", 1, 0, call("next"))).isTrue();
    assertThat(ran).containsExactly("next");
  }

  @Test
  void callsThatArrivedBelowTheMarkStillStartInOrder() {
    actor.accept("caller", 2, -1, call("third"));
    actor.accept("caller", 1, -1, call("second"));

    actor.skip("caller", 1);

    assertThat(ran).containsExactly("second", "third");
  }

  @Test
  void aSkipOfOneCallerLeavesTheOthersWaiting() {
    actor.accept("a", 1, -1, call("a1"));
    actor.accept("b", 1, -1, call("b1"));

    actor.skip("a", 0);

    assertThat(ran).containsExactly("a1");
  }
}
