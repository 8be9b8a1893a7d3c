package io.rustyray.protocol.objects;

import com.google.protobuf.UnsafeByteOperations;
import io.grpc.Channel;
import io.grpc.stub.CallStreamObserver;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;
import io.rustyray.protocol.proto.GetObjectRequest;
import io.rustyray.protocol.proto.NodeServiceGrpc;
import io.rustyray.protocol.proto.ObjectChunk;
import io.rustyray.protocol.proto.PutObjectReply;
import io.rustyray.protocol.transport.Calls;
import java.util.concurrent.CompletableFuture;

/**
 * Moves objects between processes as streams of chunks, so that no single message carries a large
 * object, and paced by the receiver (flow control), so that a large object is never queued whole in
 * a send buffer.
 */
public final class ObjectTransfer {
  /** Values smaller than this travel inside the reply of the call that made them. */
  public static final int INLINE_LIMIT_BYTES = 100 * 1024;

  /** Size of one streamed chunk. */
  public static final int CHUNK_BYTES = 4 * 1024 * 1024;

  private ObjectTransfer() {}

  /** Writes chunks while the stream is ready, and again each time it becomes ready. */
  private static final class ChunkSender implements Runnable {
    private final String objectId;
    private final String owner;
    private final byte[] data;
    private final CallStreamObserver<ObjectChunk> out;
    private int offset;
    private boolean done;

    ChunkSender(String objectId, String owner, byte[] data, CallStreamObserver<ObjectChunk> out) {
      this.objectId = objectId;
      this.owner = owner;
      this.data = data;
      this.out = out;
    }

    @Override
    public synchronized void run() {
      while (!done && out.isReady()) {
        int length = Math.min(CHUNK_BYTES, data.length - offset);
        ObjectChunk.Builder chunk =
            // The object's bytes are never changed once stored: no copy is needed.
            ObjectChunk.newBuilder().setData(UnsafeByteOperations.unsafeWrap(data, offset, length));
        if (offset == 0) {
          chunk.setObjectId(objectId).setTotalSize(data.length).setOwnerId(owner);
        }
        out.onNext(chunk.build());
        offset += length;
        if (offset >= data.length) {
          done = true;
          out.onCompleted();
        }
      }
    }
  }

  /**
   * Serves an object on a server stream, paced by the client.
   *
   * @param objectId the object's id, set on the first chunk
   * @param data the object's bytes
   * @param out the server's response stream (a {@link CallStreamObserver})
   */
  public static void send(String objectId, byte[] data, StreamObserver<ObjectChunk> out) {
    CallStreamObserver<ObjectChunk> stream = (CallStreamObserver<ObjectChunk>) out;
    ChunkSender sender = new ChunkSender(objectId, "", data, stream);
    stream.setOnReadyHandler(sender);
    sender.run();
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
   * @param owner the owner's caller id
   * @param data the object's bytes
   * @return completes when the node has stored it
   */
  public static CompletableFuture<Void> upload(
      Channel channel, String objectId, String owner, byte[] data) {
    CompletableFuture<Void> result = new CompletableFuture<>();
    Calls.inRootContext(
        () ->
            NodeServiceGrpc.newStub(channel)
                .putObject(
                    new ClientResponseObserver<ObjectChunk, PutObjectReply>() {
                      @Override
                      public void beforeStart(ClientCallStreamObserver<ObjectChunk> requests) {
                        requests.setOnReadyHandler(
                            new ChunkSender(objectId, owner, data, requests));
                      }

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
                    }));
    return result;
  }
}
