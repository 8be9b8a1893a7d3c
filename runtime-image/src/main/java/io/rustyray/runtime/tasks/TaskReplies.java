package io.rustyray.runtime.tasks;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.rustyray.protocol.proto.CallError;
import io.rustyray.protocol.proto.TaskReply;
import org.jboss.logging.Logger;

/** Replies on a task stream, shared by the node's and the worker's side of PushTasks. */
public final class TaskReplies {
  private static final Logger LOG = Logger.getLogger(TaskReplies.class);

  private TaskReplies() {}

  /** The reply of a task the system could not run, as a unary call would have failed. */
  public static TaskReply failed(String taskId, Status status) {
    return TaskReply.newBuilder()
        .setTaskId(taskId)
        .setError(
            CallError.newBuilder()
                .setCode(status.getCode().value())
                .setDescription(status.getDescription() == null ? "" : status.getDescription()))
        .build();
  }

  /** Sends a reply; tasks finish on several threads, and a stream takes one message at a time. */
  public static void send(StreamObserver<TaskReply> out, TaskReply reply) {
    synchronized (out) {
      try {
        out.onNext(reply);
      } catch (RuntimeException e) {
        LOG.debugf("the reply to %s was not delivered: %s", reply.getTaskId(), e);
      }
    }
  }
}
