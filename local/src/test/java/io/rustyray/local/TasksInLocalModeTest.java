package io.rustyray.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rustyray.api.ObjectRef;
import io.rustyray.api.Rusty;
import io.rustyray.api.exception.RustyException;
import io.rustyray.api.exception.RustyTaskException;
import io.rustyray.local.examples.Counter;
import io.rustyray.local.examples.Fns;
import io.rustyray.local.examples.Probes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tasks: static methods run on a pool in this JVM, their results read through ObjectRefs. */
class TasksInLocalModeTest extends LocalModeTest {

  @Test
  void aTaskRunsAndItsResultComesBackThroughGet() {
    assertThat(Rusty.task(Fns::add, 1, 2).remote().get()).isEqualTo(3);
  }

  @Test
  void remoteReturnsAtOnceWhileTheTaskStillRuns() {
    Probes.reset(1);

    ObjectRef<Integer> waiting = Rusty.task(Probes::behindGate, 7).remote();

    assertThat(waiting.isReady()).isFalse();
    Probes.openGate();
    assertThat(waiting.get(Duration.ofSeconds(30))).isEqualTo(7);
  }

  @Test
  void tasksRunOnAPoolOfAsManyThreadsAsTheMachineHasProcessors() {
    int processors = Runtime.getRuntime().availableProcessors();
    // Each task waits at a barrier for `processors` tasks: they can only all pass if that many run
    // at once; a larger pool would let more in at a time.
    Probes.reset(processors);

    List<ObjectRef<Integer>> refs = new ArrayList<>();
    for (int i = 0; i < 2 * processors; i++) {
      refs.add(Rusty.task(Probes::meet, i).remote());
    }

    assertThat(Rusty.get(refs, Duration.ofSeconds(60))).hasSize(2 * processors);
    assertThat(Probes.mostAtOnce()).isEqualTo(processors);
  }

  @Test
  void aTaskRunsOnAPoolThreadNotOnTheCallersThread() {
    String thread = Rusty.task(Fns::threadName).remote().get();

    assertThat(thread).isNotEqualTo(Thread.currentThread().getName()).contains("-task-");
  }

  @Test
  void anObjectRefArgumentIsResolvedToItsValueBeforeTheTaskRuns() {
    ObjectRef<byte[]> stored = Rusty.put(new byte[300 * 1024]);
    ObjectRef<Integer> slow = Rusty.task(Fns::slowIdentity, 20, 200L).remote();
    ObjectRef<Integer> small = Rusty.task(Fns::add, 1, 2).remote();

    assertThat(Rusty.task(Fns::length, stored).remote().get()).isEqualTo(300 * 1024);
    assertThat(Rusty.task(Fns::add, slow, small).remote().get()).isEqualTo(23);
    assertThat(Rusty.task(Fns::add, small, small).remote().get()).isEqualTo(6);
  }

  @Test
  void aTaskWhoseObjectRefArgumentFailedFailsWithThatSameException() {
    ObjectRef<Integer> failed = Rusty.task(Fns::fail, "upstream").remote();

    ObjectRef<Integer> dependent = Rusty.task(Fns::add, failed, 1).remote();

    assertThatThrownBy(dependent::get)
        .isInstanceOfSatisfying(
            RustyTaskException.class, e -> assertThat(e.getRemoteMessage()).isEqualTo("upstream"));
  }

  @Test
  void codeInATaskCallsOtherTasksThroughTheSameRuntime() {
    assertThat(Rusty.task(Fns::addThroughTasks, 20, 22).remote().get()).isEqualTo(42);
  }

  @Test
  void resourcesAndRetriesAreAcceptedButNothingIsScheduledByThemLocally() {
    ObjectRef<Integer> needsGpus =
        Rusty.task(Fns::add, 1, 1)
            .setResources(Map.of("gpu", 8.0, "memory", 1e15))
            .setMaxRetries(0)
            .remote();

    assertThat(needsGpus.get(Duration.ofSeconds(30))).isEqualTo(2);
  }

  @Test
  void aNegativeResourceIsRefusedWhereItIsSetAsTheClusterClientRefusesIt() {
    assertThatThrownBy(() -> Rusty.task(Fns::add, 1, 1).setResource("gpu", -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("resource gpu must not be negative, got -1.0");
  }

  @Test
  void anInstanceMethodIsRefusedAsATaskAtRemote() {
    assertThatThrownBy(() -> Rusty.task(Counter::get, 1).remote())
        .isInstanceOf(RustyException.class)
        .hasMessageContaining("Rusty.task needs a static method")
        .hasMessageContaining("create an actor and call it through its handle");
  }
}
