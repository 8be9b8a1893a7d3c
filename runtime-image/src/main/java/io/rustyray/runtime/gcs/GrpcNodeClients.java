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

/** {@link NodeClients} over gRPC: one channel per node, carrying the cluster token. */
final class GrpcNodeClients implements NodeClients {
  private final Channels channels;

  GrpcNodeClients(String token) {
    this.channels = new Channels(token);
  }

  @Override
  public CompletableFuture<CreateActorInstanceReply> createActorInstance(
      String address, CreateActorInstanceRequest request) {
    return Calls.unary(
        o -> NodeServiceGrpc.newStub(channels.get(address)).createActorInstance(request, o));
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
            o -> NodeServiceGrpc.newStub(channels.get(address)).killActorInstance(request, o))
        .thenApply(reply -> null);
  }

  @Override
  public CompletableFuture<Void> endJob(String address, String jobId) {
    EndJobRequest request = EndJobRequest.newBuilder().setJobId(jobId).build();
    return Calls.<EndJobReply>unary(
            o -> NodeServiceGrpc.newStub(channels.get(address)).endJob(request, o))
        .thenApply(reply -> null);
  }

  @Override
  public CompletableFuture<Void> freeObjects(String address, String ownerId) {
    FreeObjectsRequest request = FreeObjectsRequest.newBuilder().setOwnerId(ownerId).build();
    return Calls.<FreeObjectsReply>unary(
            o -> NodeServiceGrpc.newStub(channels.get(address)).freeObjects(request, o))
        .thenApply(reply -> null);
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
