package io.rustyray.runtime.gcs;

import static io.rustyray.runtime.gcs.TestingHead.actor;
import static io.rustyray.runtime.gcs.TestingHead.task;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.rustyray.protocol.proto.ActorInfo;
import io.rustyray.protocol.proto.ActorState;
import io.rustyray.protocol.proto.BundlePlacement;
import io.rustyray.protocol.proto.CreateActorReply;
import io.rustyray.protocol.proto.CreateActorRequest;
import io.rustyray.protocol.proto.CreatePlacementGroupRequest;
import io.rustyray.protocol.proto.PlacementGroupInfo;
import io.rustyray.protocol.proto.PlacementGroupSpec;
import io.rustyray.protocol.proto.PlacementGroupState;
import io.rustyray.protocol.proto.PlacementStrategy;
import io.rustyray.protocol.proto.RemovePlacementGroupRequest;
import io.rustyray.protocol.proto.Resources;
import io.rustyray.protocol.proto.TaskReply;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Tasks and actors in placement groups at the head: on the bundle's node, out of its share. */
class PlacementGroupWorkTest {
  private static final Map<String, Double> ONE_CPU = Map.of("cpu", 1.0);
  private static final Duration SILENCE = TestingHead.NODE_TIMEOUT.plusSeconds(1);

  private final TestingHead head = new TestingHead();

  @AfterEach
  void stopHead() {
    head.close();
  }

  private PlacementGroupInfo createGroup(PlacementStrategy strategy, int bundles) {
    PlacementGroupSpec.Builder spec = PlacementGroupSpec.newBuilder().setStrategy(strategy);
    for (int i = 0; i < bundles; i++) {
      spec.addBundles(Resources.newBuilder().putAllAmounts(ONE_CPU));
    }
    RecordingStream<PlacementGroupInfo> reply = new RecordingStream<>();
    head.service()
        .createPlacementGroup(
            CreatePlacementGroupRequest.newBuilder().setSpec(spec).build(), reply);
    return reply.received.get(0);
  }

  private void remove(PlacementGroupInfo group) {
    RecordingStream<PlacementGroupInfo> reply = new RecordingStream<>();
    head.service()
        .removePlacementGroup(
            RemovePlacementGroupRequest.newBuilder()
                .setPlacementGroupId(group.getPlacementGroupId())
                .build(),
            reply);
    assertThat(reply.received.get(0).getState()).isEqualTo(PlacementGroupState.PG_REMOVED);
  }

  private static BundlePlacement bundle(PlacementGroupInfo group, int index) {
    return BundlePlacement.newBuilder()
        .setPlacementGroupId(group.getPlacementGroupId())
        .setBundleIndex(index)
        .build();
  }

  @Test
  void anActorInABundleWhoseNodeDiesRestartsWhereTheBundleIsReservedAgain() {
    head.nodeJoins("a", ONE_CPU);
    PlacementGroupInfo group = createGroup(PlacementStrategy.STRATEGY_PACK, 1);
    String first = group.getBundles(0).getNodeId();
    ActorInfo created =
        head.createActor(actor(ONE_CPU, 1).toBuilder().setPlacement(bundle(group, 0)).build());
    assertThat(head.actor(created.getActorId()).getNodeId()).isEqualTo(first);
    head.nodeJoins("b", ONE_CPU);
    assertThat(head.node("b").getResourcesAvailable().getAmountsMap())
        .as("b holds no bundle")
        .containsEntry("cpu", 1.0);

    head.nodeFallsSilent(first);
    head.timePasses(SILENCE);

    ActorInfo actor = head.actor(created.getActorId());
    assertThat(actor.getState()).isEqualTo(ActorState.ALIVE);
    assertThat(actor.getNodeId()).isEqualTo("b");
    assertThat(actor.getRestarts()).isEqualTo(1);
    assertThat(actor.getPlacementGroupId()).isEqualTo(group.getPlacementGroupId());
  }

  @Test
  void removingAGroupKillsItsActorsAndFailsItsQueuedTasksWithTheReason() {
    String node = head.nodeJoins("a", Map.of("cpu", 4.0));
    PlacementGroupInfo group = createGroup(PlacementStrategy.STRATEGY_PACK, 1);
    ActorInfo created =
        head.createActor(actor(Map.of(), 3).toBuilder().setPlacement(bundle(group, 0)).build());
    RecordingStream<TaskReply> caller =
        head.openTaskStream(
            List.of(
                task("fits", ONE_CPU, 0).toBuilder().setPlacement(bundle(group, 0)).build(),
                task("queued", ONE_CPU, 0).toBuilder().setPlacement(bundle(group, 0)).build(),
                task("outside", ONE_CPU, 0)));
    assertThat(head.nodes.tasksRunningOn(node))
        .as("the bundle has one CPU: its second task waits; work outside it runs")
        .containsExactlyInAnyOrder("fits", "outside");

    remove(group);

    ActorInfo actor = head.actor(created.getActorId());
    assertThat(actor.getState())
        .as("maxRestarts does not bring it back")
        .isEqualTo(ActorState.DEAD);
    assertThat(actor.getDeathCause())
        .contains("placement group " + group.getPlacementGroupId() + " was removed");
    assertThat(caller.received).hasSize(1);
    TaskReply failed = caller.received.get(0);
    assertThat(failed.getTaskId()).isEqualTo("queued");
    assertThat(failed.getError().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION.value());
    assertThat(failed.getError().getDescription()).contains("was removed");
  }

  @Test
  void anActorForARemovedGroupIsRefused() {
    head.nodeJoins("a", ONE_CPU);
    PlacementGroupInfo group = createGroup(PlacementStrategy.STRATEGY_PACK, 1);
    remove(group);

    RecordingStream<CreateActorReply> reply = new RecordingStream<>();
    head.service()
        .createActor(
            CreateActorRequest.newBuilder()
                .setSpec(actor(ONE_CPU, 0).toBuilder().setPlacement(bundle(group, 0)))
                .build(),
            reply);

    assertThat(Status.fromThrowable(reply.error).getCode())
        .isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(Status.fromThrowable(reply.error).getDescription()).contains("was removed");
  }
}
