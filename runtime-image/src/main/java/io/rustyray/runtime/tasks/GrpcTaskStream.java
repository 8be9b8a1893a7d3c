package io.rustyray.runtime.tasks;

import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;
import io.rustyray.protocol.proto.PushTaskRequest;
import io.rustyray.protocol.proto.TaskReply;
import io.rustyray.protocol.proto.TaskSpec;
import io.rustyray.protocol.transport.Calls;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Function;

/** {@link TaskStream} as one bidirectional gRPC call ({@code PushTasks} of a node or a worker). */
public final class GrpcTaskStream implements TaskStream {
  private final Map<String, BiConsumer<TaskReply, Status>> inFlight = new ConcurrentHashMap<>();
  private final ClientCallStreamObserver<PushTaskRequest>[] requests = newHolder();
  private volatile boolean broken;

  @SuppressWarnings("unchecked")
  private static ClientCallStreamObserver<PushTaskRequest>[] newHolder() {
    return new ClientCallStreamObserver[1];
  }

  private final String peer;

  /**
   * @param open starts the call, such as {@code NodeServiceGrpc.newStub(channel)::pushTasks}
   * @param peer what is at the other end, for messages: "the node", "the worker process"
   */
  public GrpcTaskStream(
      Function<StreamObserver<TaskReply>, StreamObserver<PushTaskRequest>> open, String peer) {
    this.peer = peer;
    Calls.inRootContext(
        () ->
            open.apply(
                new ClientResponseObserver<PushTaskRequest, TaskReply>() {
                  @Override
                  public void beforeStart(ClientCallStreamObserver<PushTaskRequest> stream) {
                    requests[0] = stream;
                  }

                  @Override
                  public void onNext(TaskReply reply) {
                    BiConsumer<TaskReply, Status> done = inFlight.remove(reply.getTaskId());
                    if (done != null) {
                      done.accept(reply, null);
                    }
                  }

                  @Override
                  public void onError(Throwable t) {
                    fail(Status.fromThrowable(t));
                  }

                  @Override
                  public void onCompleted() {
                    fail(Status.UNAVAILABLE.withDescription(peer + " closed its task stream"));
                  }
                }));
  }

  @Override
  public boolean broken() {
    return broken;
  }

  @Override
  public void push(TaskSpec task, BiConsumer<TaskReply, Status> done) {
    inFlight.put(task.getTaskId(), done);
    synchronized (this) {
      if (broken) {
        // fail() has run or is running; make sure this task is not left behind.
        BiConsumer<TaskReply, Status> mine = inFlight.remove(task.getTaskId());
        if (mine != null) {
          mine.accept(
              null,
              Status.UNAVAILABLE.withDescription("the task stream to " + peer + " is broken"));
        }
        return;
      }
      requests[0].onNext(PushTaskRequest.newBuilder().setTask(task).build());
    }
  }

  private void fail(Status status) {
    synchronized (this) {
      broken = true;
    }
    List<String> ids = new ArrayList<>(inFlight.keySet());
    Status unavailable =
        status.getCode() == Status.Code.UNAVAILABLE
            ? status
            : Status.UNAVAILABLE.withDescription(status.toString()).withCause(status.getCause());
    for (String id : ids) {
      BiConsumer<TaskReply, Status> done = inFlight.remove(id);
      if (done != null) {
        done.accept(null, unavailable);
      }
    }
  }

  @Override
  public synchronized void close() {
    if (!broken) {
      broken = true;
      requests[0].cancel("the sender stops", null);
    }
  }
}
