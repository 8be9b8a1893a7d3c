package io.rustyray.client;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.rustyray.protocol.proto.GcsServiceGrpc;
import io.rustyray.protocol.proto.GetActorReply;
import io.rustyray.protocol.proto.GetActorRequest;
import io.rustyray.protocol.proto.ListNodesRequest;
import io.rustyray.protocol.proto.NodeInfo;
import io.rustyray.protocol.transport.Calls;
import io.rustyray.protocol.transport.Channels;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The channels of this process (one per address, all carrying the token) and the head's GCS service
 * on them. Opening one checks that the head answers and accepts the token, so that a wrong address
 * or token fails at {@code Rusty.init}, not at the first call.
 */
final class HeadConnection implements AutoCloseable {
  static final long CONNECT_TIMEOUT_SECONDS = 10;
  static final long CALL_TIMEOUT_SECONDS = 30;

  private final String headAddress;
  private final Channels channels;
  private final GcsServiceGrpc.GcsServiceStub gcs;

  /**
   * @param headAddress the head's {@code host:port}
   * @param token the cluster token, or empty
   * @throws io.rustyray.api.exception.RustyCallException when the head refuses or does not answer
   */
  HeadConnection(String headAddress, String token) {
    this.headAddress = headAddress;
    this.channels = new Channels(token);
    this.gcs = GcsServiceGrpc.newStub(channels.get(headAddress));
    try {
      listNodes();
    } catch (StatusRuntimeException e) {
      channels.close();
      throw Errors.toRusty(
          new StatusRuntimeException(
              e.getStatus().augmentDescription("while connecting to the head at " + headAddress)));
    }
  }

  String headAddress() {
    return headAddress;
  }

  /**
   * @param address a node's or the head's {@code host:port}
   * @return the channel to it, shared by every call there
   */
  ManagedChannel channel(String address) {
    return channels.get(address);
  }

  /**
   * @return the head's GCS service, for asynchronous and streaming calls
   */
  GcsServiceGrpc.GcsServiceStub gcs() {
    return gcs;
  }

  /**
   * @param seconds how long the call may take
   * @return the head's GCS service, for one blocking call with that deadline
   */
  GcsServiceGrpc.GcsServiceBlockingStub blocking(long seconds) {
    return GcsServiceGrpc.newBlockingStub(channels.get(headAddress))
        .withDeadlineAfter(seconds, TimeUnit.SECONDS);
  }

  /**
   * @return the nodes the head knows, in every state
   * @throws StatusRuntimeException when the head does not answer in time
   */
  List<NodeInfo> listNodes() {
    return blocking(CONNECT_TIMEOUT_SECONDS)
        .listNodes(ListNodesRequest.getDefaultInstance())
        .getNodesList();
  }

  /**
   * @param request which actor, and how long to wait for it to settle
   * @return the head's answer
   */
  CompletableFuture<GetActorReply> getActor(GetActorRequest request) {
    // The head may hold the call for the settle wait; the deadline only catches a head that died.
    long deadlineMs = request.getWaitSettledMs() + TimeUnit.SECONDS.toMillis(CALL_TIMEOUT_SECONDS);
    return Calls.unary(
        observer ->
            gcs.withDeadlineAfter(deadlineMs, TimeUnit.MILLISECONDS).getActor(request, observer));
  }

  @Override
  public void close() {
    channels.close();
  }
}
