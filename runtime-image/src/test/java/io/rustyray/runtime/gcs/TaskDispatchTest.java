package io.rustyray.runtime.gcs;

import static io.rustyray.runtime.gcs.TestingHead.address;
import static io.rustyray.runtime.gcs.TestingHead.task;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.rustyray.protocol.proto.TaskReply;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How the head runs submitted tasks: placed by resources, queued, retried when a node dies. */
class TaskDispatchTest {
  private static final Map<String, Double> ONE_CPU = Map.of("cpu", 1.0);
  private static final Duration SILENCE = TestingHead.NODE_TIMEOUT.plusSeconds(1);

  private final TestingHead head = new TestingHead();

  @AfterEach
  void stopHead() {
    head.close();
  }

  @Test
  void taskRunsOnTheNodeThatHasItsResourcesAndItsResultReachesTheCaller() {
    head.nodeJoins("plain", Map.of("cpu", 8.0));
    head.nodeJoins("gpu", Map.of("cpu", 1.0, "gpu", 1.0));

    RecordingStream<TaskReply> caller =
        head.openTaskStream(List.of(task("t1", Map.of("gpu", 1.0), 0)));

    assertThat(head.nodes.tasksRunningOn(address("gpu"))).containsExactly("t1");
    assertThat(head.nodes.tasksRunningOn(address("plain"))).isEmpty();
    head.nodes.finishTask("t1", "42");
    assertThat(caller.received).hasSize(1);
    assertThat(caller.received.get(0).getResult().getValue().toStringUtf8()).isEqualTo("42");
  }

  @Test
  void tasksThatDoNotFitNowWaitUntilResourcesAreFreed() {
    String node = head.nodeJoins("only", ONE_CPU);

    RecordingStream<TaskReply> caller =
        head.openTaskStream(List.of(task("t1", ONE_CPU, 0), task("t2", ONE_CPU, 0)));
    assertThat(head.nodes.tasksRunningOn(node)).as("one CPU, one task").containsExactly("t1");

    head.nodes.finishTask("t1", "1");

    assertThat(head.nodes.tasksRunningOn(node)).containsExactly("t2");
    head.nodes.finishTask("t2", "2");
    assertThat(caller.received).extracting(TaskReply::getTaskId).containsExactly("t1", "t2");
  }

  @Test
  void queuedTaskRunsWhenANodeWithRoomJoins() {
    head.nodeJoins("small", ONE_CPU);
    head.openTaskStream(List.of(task("big", Map.of("cpu", 4.0), 0)));
    assertThat(head.nodes.tasksRunningOn(address("small"))).isEmpty();

    String large = head.nodeJoins("large", Map.of("cpu", 4.0));

    assertThat(head.nodes.tasksRunningOn(large)).containsExactly("big");
  }

  @Test
  void taskIsRetriedOnAnotherNodeWhenItsNodeDies() {
    head.nodeJoins("a", ONE_CPU);
    RecordingStream<TaskReply> caller = head.openTaskStream(List.of(task("t1", ONE_CPU, 1)));
    String b = head.nodeJoins("b", ONE_CPU);

    head.nodes.crash(address("a"));
    head.nodeFallsSilent("a");
    head.timePasses(SILENCE);

    assertThat(head.nodes.tasksRunningOn(b)).containsExactly("t1");
    head.nodes.finishTask("t1", "done on b");
    assertThat(caller.received).hasSize(1);
    assertThat(caller.received.get(0).hasResult()).isTrue();
    assertThat(caller.received.get(0).getResult().getValue().toStringUtf8()).isEqualTo("done on b");
  }

  @Test
  void taskWhoseNodeCrashesWaitsForRoomElsewhereInsteadOfSpendingItsRetriesOnTheDeadNode() {
    String b = head.nodeJoins("b", ONE_CPU);
    head.openTaskStream(List.of(task("busy", ONE_CPU, 0)));
    String a = head.nodeJoins("a", Map.of("cpu", 2.0));
    RecordingStream<TaskReply> caller = head.openTaskStream(List.of(task("t1", ONE_CPU, 2)));
    assertThat(head.nodes.tasksRunningOn(a)).containsExactly("t1");

    // The process is gone and its stream broke, but the head has not declared it dead yet.
    head.nodes.crash(a);
    head.nodeFallsSilent("a");

    assertThat(caller.received).as("t1 is not failed while it has retries").isEmpty();
    head.timePasses(SILENCE);
    head.nodes.finishTask("busy", "done");
    assertThat(head.nodes.tasksRunningOn(b)).containsExactly("t1");
    head.nodes.finishTask("t1", "done on b");
    assertThat(caller.received)
        .extracting(r -> r.getResult().getValue().toStringUtf8())
        .containsExactly("done on b");
  }

  @Test
  void nodeWhoseTaskStreamBrokeGetsTheRetryOnceItIsHeardFromAgain() {
    String a = head.nodeJoins("a", ONE_CPU);
    RecordingStream<TaskReply> caller = head.openTaskStream(List.of(task("t1", ONE_CPU, 1)));

    head.nodes.breakTaskStream(a);
    assertThat(head.nodes.tasksRunningOn(a))
        .as("not before the node shows it is still there")
        .isEmpty();
    head.timePasses(TestingHead.HEARTBEAT_INTERVAL);

    assertThat(head.nodes.tasksRunningOn(a)).containsExactly("t1");
    head.nodes.finishTask("t1", "ok");
    assertThat(caller.received)
        .extracting(r -> r.getResult().getValue().toStringUtf8())
        .containsExactly("ok");
  }

  @Test
  void taskWhoseNodesDieMoreOftenThanItMayBeRetriedFailsAndSaysWhichNodeWasLost() {
    head.nodeJoins("a", ONE_CPU);
    RecordingStream<TaskReply> caller = head.openTaskStream(List.of(task("t1", ONE_CPU, 1)));
    head.nodeJoins("b", ONE_CPU);
    head.nodeLeaves("a");
    assertThat(head.nodes.tasksRunningOn(address("b"))).containsExactly("t1");

    head.nodeLeaves("b");

    assertThat(caller.received).hasSize(1);
    TaskReply reply = caller.received.get(0);
    assertThat(reply.getError().getCode()).isEqualTo(Status.Code.ABORTED.value());
    assertThat(reply.getError().getDescription())
        .startsWith("node b failed while running Fns.slowSquare")
        .contains("no retries are left (maxRetries=1)");
  }

  @Test
  void taskWithoutRetriesFailsWhenItsNodeDies() {
    head.nodeJoins("a", ONE_CPU);
    RecordingStream<TaskReply> caller = head.openTaskStream(List.of(task("t1", ONE_CPU, 0)));
    head.nodeJoins("b", ONE_CPU);

    head.nodeLeaves("a");

    assertThat(head.nodes.tasksRunningOn(address("b"))).isEmpty();
    assertThat(caller.received).hasSize(1);
    assertThat(caller.received.get(0).getError().getDescription())
        .startsWith("node a failed while running")
        .contains("(maxRetries=0)");
  }

  @Test
  void errorThatTheNodeReportsForATaskGoesToTheCallerWithoutRetry() {
    head.nodeJoins("a", ONE_CPU);
    RecordingStream<TaskReply> caller = head.openTaskStream(List.of(task("t1", ONE_CPU, 3)));

    head.nodes.failTask("t1", Status.NOT_FOUND.withDescription("no method Fns.slowSquare"));

    assertThat(caller.received).hasSize(1);
    assertThat(caller.received.get(0).getError().getCode())
        .isEqualTo(Status.Code.NOT_FOUND.value());
    assertThat(head.nodes.tasksRunningOn(address("a"))).isEmpty();
  }

  @Test
  void taskOfACallerThatHungUpIsDroppedFromTheQueue() {
    String node = head.nodeJoins("only", ONE_CPU);
    head.openTaskStream(List.of(task("first", ONE_CPU, 0)));
    RecordingStream<TaskReply> goneCaller =
        head.openTaskStream(List.of(task("orphan", ONE_CPU, 0)));
    goneCaller.cancel();

    head.nodes.finishTask("first", "1");

    assertThat(head.nodes.tasksRunningOn(node)).isEmpty();
  }
}
