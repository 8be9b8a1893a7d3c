package io.rustyray.runtime.gcs;

import io.rustyray.protocol.proto.CreateActorInstanceReply;
import io.rustyray.protocol.proto.CreateActorInstanceRequest;
import io.rustyray.protocol.proto.EndJobReply;
import io.rustyray.protocol.proto.EndJobRequest;
import io.rustyray.protocol.proto.FreeObjectsReply;
import io.rustyray.protocol.proto.FreeObjectsRequest;
import io.rustyray.protocol.proto.KillActorInstanceReply;
import io.rustyray.protocol.proto.KillActorInstanceRequest;
import io.rustyray.protocol.proto.NodeServiceGrpc;
import io.rustyray.protocol.transport.Calls;
import io.rustyray.protocol.transport.Channels;
import io.rustyray.runtime.tasks.GrpcTaskStream;
import io.rustyray.runtime.tasks.TaskStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** {@link NodeClients} over gRPC: one channel per node, carrying the cluster token. */
final class GrpcNodeClients implements NodeClients {
  // Creation starts a worker JVM and runs the user's constructor, which may take long: this only
  // ends a node that accepted the call and then hung (keepalive catches one that died).
  private static final long CREATE_DEADLINE_SECONDS = 600;
  // A kill and a job's end wait for worker processes to stop.
  private static final long STOP_DEADLINE_SECONDS = 30;
  private static final long FREE_DEADLINE_SECONDS = 10;

  private final Channels channels;

  GrpcNodeClients(String token) {
    this.channels = new Channels(token);
  }

  @Override
  public CompletableFuture<CreateActorInstanceReply> createActorInstance(
      String address, CreateActorInstanceRequest request) {
    return Calls.unary(o -> node(address, CREATE_DEADLINE_SECONDS).createActorInstance(request, o));
  }

  @Override
  public CompletableFuture<Void> killActorInstance(
      String address, String actorId, int incarnation) {
    KillActorInstanceRequest request =
        KillActorInstanceRequest.newBuilder()
            .setActorId(actorId)
            .setIncarnation(incarnation)
            .build();
    return Calls.<KillActorInstanceReply>unary(
            o -> node(address, STOP_DEADLINE_SECONDS).killActorInstance(request, o))
        .thenApply(reply -> null);
  }

  @Override
  public CompletableFuture<Void> endJob(String address, String jobId) {
    EndJobRequest request = EndJobRequest.newBuilder().setJobId(jobId).build();
    return Calls.<EndJobReply>unary(o -> node(address, STOP_DEADLINE_SECONDS).endJob(request, o))
        .thenApply(reply -> null);
  }

  @Override
  public CompletableFuture<Void> freeObjects(String address, String ownerId) {
    FreeObjectsRequest request = FreeObjectsRequest.newBuilder().setOwnerId(ownerId).build();
    return Calls.<FreeObjectsReply>unary(
            o -> node(address, FREE_DEADLINE_SECONDS).freeObjects(request, o))
        .thenApply(reply -> null);
  }

  @Override
  public CompletableFuture<Void> freeObject(String address, String objectId) {
    FreeObjectsRequest request = FreeObjectsRequest.newBuilder().addObjectIds(objectId).build();
    return Calls.<FreeObjectsReply>unary(
            o -> node(address, FREE_DEADLINE_SECONDS).freeObjects(request, o))
        .thenApply(reply -> null);
  }

  private NodeServiceGrpc.NodeServiceStub node(String address, long deadlineSeconds) {
    return NodeServiceGrpc.newStub(channels.get(address))
        .withDeadlineAfter(deadlineSeconds, TimeUnit.SECONDS);
  }

  @Override
  public TaskStream openTaskStream(String address) {
    return new GrpcTaskStream(
        NodeServiceGrpc.newStub(channels.get(address))::pushTasks, "the node");
  }

  @Override
  public void forget(String address) {
    channels.forget(address);
  }

  @Override
  public void close() {
    channels.close();
  }
}
