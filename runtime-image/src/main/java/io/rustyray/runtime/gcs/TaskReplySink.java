package io.rustyray.runtime.gcs;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.rustyray.protocol.proto.CallError;
import io.rustyray.protocol.proto.TaskReply;
import io.rustyray.protocol.proto.TaskResult;

/** Where the answer to one submitted task goes: the client's task stream, tagged by task id. */
final class TaskReplySink {
  private final ServerCallStreamObserver<TaskReply> stream;
  private final String taskId;

  TaskReplySink(ServerCallStreamObserver<TaskReply> stream, String taskId) {
    this.stream = stream;
    this.taskId = taskId;
  }

  boolean cancelled() {
    return stream.isCancelled();
  }

  void result(TaskResult result) {
    send(TaskReply.newBuilder().setTaskId(taskId).setResult(result).build());
  }

  void failed(Status status) {
    send(
        TaskReply.newBuilder()
            .setTaskId(taskId)
            .setError(
                CallError.newBuilder()
                    .setCode(status.getCode().value())
                    .setDescription(
                        status.getDescription() == null
                            ? status.getCode().name()
                            : status.getDescription()))
            .build());
  }

  private void send(TaskReply reply) {
    // One stream carries the replies of many tasks that finish on different threads.
    synchronized (stream) {
      if (!stream.isCancelled()) {
        stream.onNext(reply);
      }
    }
  }
}
