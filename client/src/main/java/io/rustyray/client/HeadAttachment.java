package io.rustyray.client;

import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.rustyray.protocol.proto.AttachDriverEvent;
import io.rustyray.protocol.proto.AttachDriverRequest;
import io.rustyray.protocol.proto.DetachDriverRequest;
import io.rustyray.protocol.proto.GcsServiceGrpc;
import io.rustyray.protocol.transport.Calls;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Holds a stream open to the head for as long as this process lives: when the stream breaks because
 * the process is gone (and it does not attach again within the head's grace), or the process
 * detaches on close, the head frees what it owned and ends its non-detached actors. This is how the
 * head learns of an owner's death without heartbeats from every client.
 */
final class HeadAttachment implements AutoCloseable {
  private static final long REATTACH_DELAY_SECONDS = 1;
  private static final long DETACH_DEADLINE_SECONDS = 2;

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

  /**
   * Ends the stream on purpose: the head then frees this process's objects and actors at once. A
   * stream that only breaks gets a grace on the head, for this process to attach again.
   */
  @Override
  public void close() {
    closed = true;
    DetachDriverRequest detach =
        DetachDriverRequest.newBuilder()
            .setOwnerId(request.getOwnerId())
            .setJobId(request.getJobId())
            .setWorker(request.getWorker())
            .build();
    // In the root context: a close from inside a cancelled call must still reach the head.
    Calls.inRootContext(
        () -> {
          try {
            GcsServiceGrpc.newBlockingStub(gcs.getChannel())
                .withDeadlineAfter(DETACH_DEADLINE_SECONDS, TimeUnit.SECONDS)
                .detachDriver(detach);
          } catch (StatusRuntimeException e) {
            // The head is away: it reaps this process after its grace instead.
          }
        });
    ClientCallStreamObserver<AttachDriverRequest> current = call;
    if (current != null) {
      current.cancel("the client closed", null);
    }
  }
}
