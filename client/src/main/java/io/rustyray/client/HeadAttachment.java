package io.rustyray.client;

import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.rustyray.protocol.proto.AttachDriverEvent;
import io.rustyray.protocol.proto.AttachDriverRequest;
import io.rustyray.protocol.proto.GcsServiceGrpc;
import io.rustyray.protocol.transport.Calls;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Holds a stream open to the head for as long as this process lives: when the stream breaks because
 * the process is gone, the head frees what it owned and ends its non-detached actors. This is how
 * the head learns of an owner's death without heartbeats from every client.
 */
final class HeadAttachment implements AutoCloseable {
  private static final long REATTACH_DELAY_SECONDS = 1;

  private final GcsServiceGrpc.GcsServiceStub gcs;
  private final AttachDriverRequest request;
  private volatile ClientCallStreamObserver<AttachDriverRequest> call;
  private volatile boolean closed;

  HeadAttachment(GcsServiceGrpc.GcsServiceStub gcs, String callerId, String jobId, boolean worker) {
    this.gcs = gcs;
    this.request =
        AttachDriverRequest.newBuilder()
            .setOwnerId(callerId)
            .setJobId(jobId)
            .setWorker(worker)
            .build();
  }

  /** Opens the stream; it opens again by itself after the head went away. */
  void start() {
    if (closed) {
      return;
    }
    Calls.inRootContext(
        () ->
            gcs.attachDriver(
                request,
                new ClientResponseObserver<AttachDriverRequest, AttachDriverEvent>() {
                  @Override
                  public void beforeStart(ClientCallStreamObserver<AttachDriverRequest> started) {
                    call = started;
                  }

                  @Override
                  public void onNext(AttachDriverEvent event) {}

                  @Override
                  public void onError(Throwable t) {
                    // The head went away or restarted: attach again to the one that answers.
                    if (!closed) {
                      CompletableFuture.delayedExecutor(REATTACH_DELAY_SECONDS, TimeUnit.SECONDS)
                          .execute(() -> start());
                    }
                  }

                  @Override
                  public void onCompleted() {}
                }));
  }

  /** Ends the stream on purpose: the head then frees this process's objects and actors at once. */
  @Override
  public void close() {
    closed = true;
    ClientCallStreamObserver<AttachDriverRequest> current = call;
    if (current != null) {
      current.cancel("the client closed", null);
    }
  }
}
