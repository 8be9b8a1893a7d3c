package io.rustyray.core.objects;

import com.google.protobuf.ByteString;
import io.grpc.Channel;
import io.grpc.stub.StreamObserver;
import io.rustyray.api.proto.GetObjectRequest;
import io.rustyray.api.proto.NodeServiceGrpc;
import io.rustyray.api.proto.ObjectChunk;
import io.rustyray.api.proto.PutObjectReply;
import io.rustyray.core.client.Calls;
import java.util.concurrent.CompletableFuture;

/** Moves objects between processes in chunks, so no single message carries a large object. */
public final class ObjectTransfer {
  /** Values smaller than this travel inside the reply of the call that made them. */
  public static final int INLINE_LIMIT_BYTES = 100 * 1024;

  /** Size of one streamed chunk. */
  public static final int CHUNK_BYTES = 1024 * 1024;

  private ObjectTransfer() {}

  /**
   * Sends {@code data} as chunks on {@code out}, then completes it.
   *
   * @param objectId the object's id, set on the first chunk
   * @param data the object's bytes
   * @param out the stream to write
   */
  public static void send(String objectId, byte[] data, StreamObserver<ObjectChunk> out) {
    int offset = 0;
    do {
      int length = Math.min(CHUNK_BYTES, data.length - offset);
      ObjectChunk.Builder chunk =
          ObjectChunk.newBuilder().setData(ByteString.copyFrom(data, offset, length));
      if (offset == 0) {
        chunk.setObjectId(objectId).setTotalSize(data.length);
      }
      out.onNext(chunk.build());
      offset += length;
    } while (offset < data.length);
    out.onCompleted();
  }

  /**
   * Reads an object from the node at the other end of {@code channel}.
   *
   * @param channel a channel to the node that holds the object
   * @param objectId the object's id
   * @return the object's bytes; fails with the node's status when it does not have the object
   */
  public static CompletableFuture<byte[]> fetch(Channel channel, String objectId) {
    CompletableFuture<byte[]> result = new CompletableFuture<>();
    Calls.inRootContext(
        () ->
            NodeServiceGrpc.newStub(channel)
                .getObject(
                    GetObjectRequest.newBuilder().setObjectId(objectId).build(),
                    new StreamObserver<>() {
                      private byte[] data;
                      private int filled;

                      @Override
                      public void onNext(ObjectChunk chunk) {
                        if (data == null) {
                          data = new byte[Math.toIntExact(chunk.getTotalSize())];
                        }
                        chunk.getData().copyTo(data, filled);
                        filled += chunk.getData().size();
                      }

                      @Override
                      public void onError(Throwable t) {
                        result.completeExceptionally(t);
                      }

                      @Override
                      public void onCompleted() {
                        result.complete(data == null ? new byte[0] : data);
                      }
                    }));
    return result;
  }

  /**
   * Stores an object in the node at the other end of {@code channel}.
   *
   * @param channel a channel to the node
   * @param objectId the object's id
   * @param data the object's bytes
   * @return completes when the node has stored it
   */
  public static CompletableFuture<Void> upload(Channel channel, String objectId, byte[] data) {
    CompletableFuture<Void> result = new CompletableFuture<>();
    StreamObserver<ObjectChunk> out =
        NodeServiceGrpc.newStub(channel)
            .putObject(
                new StreamObserver<>() {
                  @Override
                  public void onNext(PutObjectReply reply) {}

                  @Override
                  public void onError(Throwable t) {
                    result.completeExceptionally(t);
                  }

                  @Override
                  public void onCompleted() {
                    result.complete(null);
                  }
                });
    send(objectId, data, out);
    return result;
  }
}
