package io.rustyray.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rustyray.api.ObjectRef;
import io.rustyray.api.Rusty;
import io.rustyray.api.WaitResult;
import io.rustyray.api.exception.RustyTaskException;
import io.rustyray.api.exception.RustyTimeoutException;
import io.rustyray.local.examples.Fns;
import io.rustyray.local.examples.Probes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Objects: put, get, get with a timeout, get of a list, and wait. */
class ObjectsInLocalModeTest extends LocalModeTest {

  @Test
  void putThenGetGivesAnEqualValueThatIsACopyOfWhatWasPut() {
    List<String> value = new ArrayList<>(List.of("a", "b"));

    ObjectRef<List<String>> ref = Rusty.put(value);
    value.add("changed after the put");

    assertThat(ref.isReady()).isTrue();
    assertThat(ref.get()).containsExactly("a", "b");
    assertThat(ref.get()).isNotSameAs(ref.get());
  }

  @Test
  void getWithATimeoutThrowsRustyTimeoutExceptionWhileTheValueIsNotReady() {
    Probes.reset(1);
    ObjectRef<Integer> waiting = Rusty.task(Probes::behindGate, 1).remote();

    assertThatThrownBy(() -> waiting.get(Duration.ofMillis(100)))
        .isInstanceOf(RustyTimeoutException.class)
        .hasMessage("object " + waiting.getId() + " was not ready within 100 ms");
    Probes.openGate();
    assertThat(waiting.get(Duration.ofSeconds(30))).isEqualTo(1);
  }

  @Test
  void getOfAListGivesTheValuesInTheOrderOfTheRefs() {
    List<ObjectRef<Integer>> refs =
        List.of(
            Rusty.task(Fns::slowIdentity, 1, 200L).remote(),
            Rusty.put(2),
            Rusty.task(Fns::add, 1, 2).remote());

    assertThat(Rusty.get(refs)).containsExactly(1, 2, 3);
    assertThat(Rusty.get(refs, Duration.ofSeconds(30))).containsExactly(1, 2, 3);
  }

  @Test
  void getOfAListWithATimeoutThrowsRustyTimeoutExceptionWhenOneIsNotReady() {
    Probes.reset(1);
    List<ObjectRef<Integer>> refs =
        List.of(Rusty.put(1), Rusty.task(Probes::behindGate, 2).remote());

    assertThatThrownBy(() -> Rusty.get(refs, Duration.ofMillis(100)))
        .isInstanceOf(RustyTimeoutException.class);
    Probes.openGate();
  }

  @Test
  void waitReportsAtMostNumReturnsReadyRefsAndTheRestAsUnreadyInTheOrderGiven() {
    Probes.reset(1);
    ObjectRef<Integer> blocked = Rusty.task(Probes::behindGate, 0).remote();
    ObjectRef<Integer> first = Rusty.put(1);
    ObjectRef<Integer> second = Rusty.put(2);

    WaitResult<Integer> one = Rusty.wait(List.of(blocked, first, second), 1, Duration.ofSeconds(5));

    assertThat(one.ready()).containsExactly(first);
    assertThat(one.unready()).containsExactly(blocked, second);
    Probes.openGate();
  }

  @Test
  void waitGivesUpAfterItsTimeoutAndReportsWhatIsReady() {
    Probes.reset(1);
    ObjectRef<Integer> blocked = Rusty.task(Probes::behindGate, 0).remote();
    ObjectRef<Integer> done = Rusty.put(1);

    WaitResult<Integer> waited = Rusty.wait(List.of(blocked, done), Duration.ofMillis(200));

    assertThat(waited.ready()).containsExactly(done);
    assertThat(waited.unready()).containsExactly(blocked);
    Probes.openGate();
    assertThat(Rusty.wait(List.of(blocked, done), Duration.ofSeconds(30)).unready()).isEmpty();
  }

  @Test
  void aFailedResultCountsAsReadyForWait() {
    ObjectRef<Integer> failed = Rusty.task(Fns::fail, "boom").remote();

    WaitResult<Integer> waited = Rusty.wait(List.of(failed), 1, Duration.ofSeconds(30));

    assertThat(waited.ready()).containsExactly(failed);
  }

  @Test
  void getOfAListThrowsAFailureAtOnceWithoutWaitingForASlowerRefBeforeIt() {
    Probes.reset(1);
    ObjectRef<Integer> slow = Rusty.task(Probes::behindGate, 1).remote();
    ObjectRef<Integer> failed = Rusty.task(Fns::fail, "boom").remote();

    assertThatThrownBy(() -> Rusty.get(List.of(slow, failed), Duration.ofSeconds(30)))
        .isInstanceOf(RustyTaskException.class)
        .hasMessageContaining("boom");
    assertThatThrownBy(() -> Rusty.get(List.of(slow, failed)))
        .isInstanceOf(RustyTaskException.class);
    assertThat(slow.isReady()).isFalse();
    Probes.openGate();
  }

  @Test
  void waitWithoutATimeoutWaitsForAllOrForNumReturns() {
    ObjectRef<Integer> slow = Rusty.task(Fns::slowIdentity, 1, 200L).remote();
    ObjectRef<Integer> put = Rusty.put(2);

    WaitResult<Integer> one = Rusty.wait(List.of(slow, put), 1);
    WaitResult<Integer> all = Rusty.wait(List.of(slow, put));

    assertThat(one.ready()).hasSize(1);
    assertThat(all.ready()).containsExactly(slow, put);
    assertThat(all.unready()).isEmpty();
    assertThat(Rusty.wait(List.<ObjectRef<Integer>>of()).ready()).isEmpty();
  }
}
