package io.rustyray.client;

import io.grpc.StatusRuntimeException;
import io.rustyray.api.placementgroup.PlacementGroup;
import io.rustyray.api.placementgroup.PlacementGroupOptions;
import io.rustyray.api.placementgroup.PlacementGroupState;
import io.rustyray.api.placementgroup.PlacementStrategy;
import io.rustyray.protocol.proto.CreatePlacementGroupRequest;
import io.rustyray.protocol.proto.GetPlacementGroupReply;
import io.rustyray.protocol.proto.GetPlacementGroupRequest;
import io.rustyray.protocol.proto.ListPlacementGroupsRequest;
import io.rustyray.protocol.proto.PlacementGroupInfo;
import io.rustyray.protocol.proto.PlacementGroupSpec;
import io.rustyray.protocol.proto.RemovePlacementGroupRequest;
import io.rustyray.protocol.proto.Resources;
import io.rustyray.protocol.transport.Calls;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** This process's side of placement groups: creates, finds, lists and removes them at the head. */
final class PlacementGroups {
  private final HeadConnection head;
  private final String jobId;
  private final String owner;
  private final Supplier<String> namespace;

  /**
   * @param owner who the groups belong to: the driver, or the job for a job's workers
   * @param namespace the caller's namespace, where names are looked up
   */
  PlacementGroups(HeadConnection head, String jobId, String owner, Supplier<String> namespace) {
    this.head = head;
    this.jobId = jobId;
    this.owner = owner;
    this.namespace = namespace;
  }

  PlacementGroup create(PlacementGroupOptions options) {
    PlacementGroupSpec.Builder spec =
        PlacementGroupSpec.newBuilder()
            .setStrategy(toProto(options.strategy()))
            .setName(options.name())
            .setNamespace(namespace.get())
            .setDetached(options.detached())
            .setJobId(jobId)
            .setOwnerId(owner);
    for (Map<String, Double> bundle : options.bundles()) {
      spec.addBundles(Resources.newBuilder().putAllAmounts(bundle));
    }
    try {
      PlacementGroupInfo info =
          head.blocking(HeadConnection.CALL_TIMEOUT_SECONDS)
              .createPlacementGroup(CreatePlacementGroupRequest.newBuilder().setSpec(spec).build());
      return group(info);
    } catch (StatusRuntimeException e) {
      throw Errors.toRusty(e);
    }
  }

  /**
   * @param wait how long the head may wait for the group to be CREATED before it answers
   * @return the group's state then; REMOVED for a group the head no longer keeps
   */
  PlacementGroupState state(String id, Duration wait) {
    GetPlacementGroupReply reply =
        get(GetPlacementGroupRequest.newBuilder().setPlacementGroupId(id), wait);
    return reply.getFound() ? fromProto(reply.getPlacementGroup()) : PlacementGroupState.REMOVED;
  }

  Optional<PlacementGroup> find(String name, String inNamespace) {
    GetPlacementGroupReply reply =
        get(
            GetPlacementGroupRequest.newBuilder()
                .setName(name)
                .setNamespace(inNamespace == null ? namespace.get() : inNamespace),
            Duration.ZERO);
    return reply.getFound() ? Optional.of(group(reply.getPlacementGroup())) : Optional.empty();
  }

  Optional<PlacementGroup> findById(String id) {
    if (id == null || id.isEmpty()) {
      throw new IllegalArgumentException("finding a placement group by id needs its id");
    }
    GetPlacementGroupReply reply =
        get(GetPlacementGroupRequest.newBuilder().setPlacementGroupId(id), Duration.ZERO);
    return reply.getFound() ? Optional.of(group(reply.getPlacementGroup())) : Optional.empty();
  }

  private GetPlacementGroupReply get(GetPlacementGroupRequest.Builder request, Duration wait) {
    long waitMs = wait.toMillis();
    // The head holds the call for the wait; the deadline only catches a head that died.
    long deadlineMs = waitMs + TimeUnit.SECONDS.toMillis(HeadConnection.CALL_TIMEOUT_SECONDS);
    try {
      return Calls.<GetPlacementGroupReply>unary(
              observer ->
                  head.gcs()
                      .withDeadlineAfter(deadlineMs, TimeUnit.MILLISECONDS)
                      .getPlacementGroup(request.setWaitCreatedMs(waitMs).build(), observer))
          .get(deadlineMs + 1000, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw Errors.toRusty(e);
    }
  }

  List<PlacementGroup> list() {
    try {
      return head
          .blocking(HeadConnection.CALL_TIMEOUT_SECONDS)
          .listPlacementGroups(ListPlacementGroupsRequest.getDefaultInstance())
          .getPlacementGroupsList()
          .stream()
          .map(this::group)
          .toList();
    } catch (StatusRuntimeException e) {
      throw Errors.toRusty(e);
    }
  }

  void remove(String id) {
    if (id == null || id.isEmpty()) {
      throw new IllegalArgumentException("removing a placement group needs its id");
    }
    try {
      head.blocking(HeadConnection.CALL_TIMEOUT_SECONDS)
          .removePlacementGroup(
              RemovePlacementGroupRequest.newBuilder().setPlacementGroupId(id).build());
    } catch (StatusRuntimeException e) {
      throw Errors.toRusty(e);
    }
  }

  private PlacementGroup group(PlacementGroupInfo info) {
    PlacementGroupSpec spec = info.getSpec();
    List<Map<String, Double>> bundles =
        spec.getBundlesList().stream().map(Resources::getAmountsMap).toList();
    return new ClusterPlacementGroup(
        info.getPlacementGroupId(), spec.getName(), bundles, fromProto(spec.getStrategy()), this);
  }

  static io.rustyray.protocol.proto.PlacementStrategy toProto(PlacementStrategy strategy) {
    return io.rustyray.protocol.proto.PlacementStrategy.valueOf("STRATEGY_" + strategy.name());
  }

  static PlacementStrategy fromProto(io.rustyray.protocol.proto.PlacementStrategy strategy) {
    return PlacementStrategy.valueOf(strategy.name().substring("STRATEGY_".length()));
  }

  static PlacementGroupState fromProto(PlacementGroupInfo info) {
    return PlacementGroupState.valueOf(info.getState().name().substring("PG_".length()));
  }

  /** The placement of a task or actor, as its spec carries it. */
  static io.rustyray.protocol.proto.BundlePlacement toProto(
      io.rustyray.api.options.BundlePlacement placement) {
    return io.rustyray.protocol.proto.BundlePlacement.newBuilder()
        .setPlacementGroupId(placement.placementGroupId())
        .setBundleIndex(placement.bundleIndex())
        .build();
  }
}
