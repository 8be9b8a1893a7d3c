package io.rustyray.runtime.gcs;

import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.rustyray.protocol.proto.NodeServiceGrpc;
import io.rustyray.protocol.proto.PushTaskRequest;
import io.rustyray.protocol.proto.TaskReply;
import io.rustyray.protocol.proto.TaskSpec;
import io.rustyray.protocol.transport.Calls;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/** {@link NodeTaskStream} as one bidirectional gRPC call to the node. */
final class GrpcNodeTaskStream implements NodeTaskStream {
  private final Map<String, BiConsumer<TaskReply, Status>> inFlight = new ConcurrentHashMap<>();
  private final ClientCallStreamObserver<PushTaskRequest>[] requests = newHolder();
  private volatile boolean broken;

  @SuppressWarnings("unchecked")
  private static ClientCallStreamObserver<PushTaskRequest>[] newHolder() {
    return new ClientCallStreamObserver[1];
  }

  GrpcNodeTaskStream(Channel channel) {
    Calls.inRootContext(
        () ->
            NodeServiceGrpc.newStub(channel)
                .pushTasks(
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
                        fail(Status.UNAVAILABLE.withDescription("the node closed its task stream"));
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
          mine.accept(null, Status.UNAVAILABLE.withDescription("the node's task stream is broken"));
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
      requests[0].cancel("the head stops", null);
    }
  }
}
