package io.rustyray.client;

import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.rustyray.protocol.proto.GcsServiceGrpc;
import io.rustyray.protocol.proto.TaskReply;
import io.rustyray.protocol.proto.TaskResult;
import io.rustyray.protocol.proto.TaskSpec;
import io.rustyray.protocol.transport.Calls;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * This process's tasks on one stream to the head: pipelining them saves a call setup per task. When
 * the stream breaks (the head is gone), every task still waiting fails with the stream's status,
 * and the next task opens a new stream. A stream opened while the head is away (it is being
 * restarted) waits for it, up to {@link #HEAD_WAIT}, then its tasks fail saying so.
 */
final class TaskStream implements AutoCloseable {
  static final Duration HEAD_WAIT = Duration.ofSeconds(30);

  private final GcsServiceGrpc.GcsServiceStub gcs;
  private final String headAddress;
  private final Map<String, CompletableFuture<TaskResult>> waiting = new ConcurrentHashMap<>();
  private ClientCallStreamObserver<TaskSpec> requests;

  TaskStream(GcsServiceGrpc.GcsServiceStub gcs, String headAddress) {
    this.gcs = gcs.withWaitForReady();
    this.headAddress = headAddress;
  }

  synchronized CompletableFuture<TaskResult> submit(TaskSpec task) {
    CompletableFuture<TaskResult> result = new CompletableFuture<>();
    waiting.put(task.getTaskId(), result);
    if (requests == null) {
      open();
    }
    requests.onNext(task);
    return result;
  }

  private void open() {
    Calls.inRootContext(
        () ->
            gcs.submitTasks(
                new ClientResponseObserver<TaskSpec, TaskReply>() {
                  @Override
                  public void beforeStart(ClientCallStreamObserver<TaskSpec> stream) {
                    requests = stream;
                    giveUpUnlessReady(stream);
                  }

                  @Override
                  public void onNext(TaskReply reply) {
                    CompletableFuture<TaskResult> result = waiting.remove(reply.getTaskId());
                    if (result == null) {
                      return;
                    }
                    if (reply.hasError()) {
                      result.completeExceptionally(
                          Status.fromCodeValue(reply.getError().getCode())
                              .withDescription(reply.getError().getDescription())
                              .asRuntimeException());
                    } else {
                      result.complete(reply.getResult());
                    }
                  }

                  @Override
                  public void onError(Throwable t) {
                    broken(t);
                  }

                  @Override
                  public void onCompleted() {
                    broken(
                        Status.UNAVAILABLE
                            .withDescription("the head closed the task stream")
                            .asRuntimeException());
                  }
                }));
  }

  private void giveUpUnlessReady(ClientCallStreamObserver<TaskSpec> stream) {
    CompletableFuture.delayedExecutor(HEAD_WAIT.toMillis(), TimeUnit.MILLISECONDS)
        .execute(
            () -> {
              if (!stream.isReady() && requestsAre(stream)) {
                stream.cancel(
                    "the head at "
                        + headAddress
                        + " did not answer for "
                        + HEAD_WAIT.toSeconds()
                        + " s; the tasks were not submitted",
                    null);
              }
            });
  }

  private synchronized boolean requestsAre(ClientCallStreamObserver<TaskSpec> stream) {
    return requests == stream;
  }

  /** The stream to the head broke with tasks on it: the head may have died with them. */
  static final class HeadLost extends RuntimeException {
    HeadLost(Throwable cause) {
      super(cause.getMessage(), cause);
    }
  }

  private void broken(Throwable failure) {
    List<CompletableFuture<TaskResult>> lost;
    synchronized (this) {
      requests = null;
      lost = new ArrayList<>(waiting.values());
      waiting.clear();
    }
    boolean gaveUp = Status.fromThrowable(failure).getCode() == Status.Code.CANCELLED;
    lost.forEach(r -> r.completeExceptionally(gaveUp ? failure : new HeadLost(failure)));
  }

  @Override
  public synchronized void close() {
    if (requests != null) {
      requests.cancel("the client closed", null);
      requests = null;
    }
  }
}
