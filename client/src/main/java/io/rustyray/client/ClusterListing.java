package io.rustyray.client;

import io.grpc.StatusRuntimeException;
import io.rustyray.api.ActorInfo;
import io.rustyray.api.ActorState;
import io.rustyray.api.NodeInfo;
import io.rustyray.protocol.namespace.Namespaces;
import io.rustyray.protocol.proto.ListActorsRequest;
import io.rustyray.protocol.proto.NodeState;
import java.util.List;

/**
 * What the head's tables say about actors and nodes, as the SDK's records ({@code
 * Rusty.getAllActorInfo}, {@code Rusty.getAllNodeInfo}).
 */
final class ClusterListing {
  private final HeadConnection head;

  ClusterListing(HeadConnection head) {
    this.head = head;
  }

  List<ActorInfo> actors() {
    try {
      return head
          .blocking(HeadConnection.CALL_TIMEOUT_SECONDS)
          .listActors(ListActorsRequest.getDefaultInstance())
          .getActorsList()
          .stream()
          .map(ClusterListing::actor)
          .toList();
    } catch (StatusRuntimeException e) {
      throw Errors.toRusty(e);
    }
  }

  List<NodeInfo> nodes() {
    try {
      return head.listNodes().stream().map(ClusterListing::node).toList();
    } catch (StatusRuntimeException e) {
      throw Errors.toRusty(e);
    }
  }

  static ActorInfo actor(io.rustyray.protocol.proto.ActorInfo a) {
    return new ActorInfo(
        a.getActorId(),
        a.getName(),
        Namespaces.orDefault(a.getNamespace()),
        a.getJobId(),
        a.getClassName(),
        a.getNodeId(),
        state(a.getState()),
        a.getRestarts(),
        a.getMaxRestarts(),
        a.getDetached(),
        a.getDeathCause());
  }

  static ActorState state(io.rustyray.protocol.proto.ActorState state) {
    return switch (state) {
      case DEPENDENCIES_UNREADY -> ActorState.DEPENDENCIES_UNREADY;
      case ALIVE -> ActorState.ALIVE;
      case RESTARTING -> ActorState.RESTARTING;
      case DEAD -> ActorState.DEAD;
      default -> ActorState.PENDING_CREATION;
    };
  }

  static NodeInfo node(io.rustyray.protocol.proto.NodeInfo n) {
    return new NodeInfo(
        n.getNodeId(),
        n.getAddress(),
        n.getState() == NodeState.NODE_ALIVE,
        n.getIsHead(),
        n.getResourcesTotal().getAmountsMap(),
        n.getResourcesAvailable().getAmountsMap());
  }
}
