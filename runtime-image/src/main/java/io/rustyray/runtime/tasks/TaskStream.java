package io.rustyray.runtime.tasks;

import io.grpc.Status;
import io.rustyray.protocol.proto.TaskReply;
import io.rustyray.protocol.proto.TaskSpec;
import java.util.function.BiConsumer;

/**
 * A stream of tasks to one process: the head's to a node, a node's to a worker process. When it
 * breaks (the process died, or its connection was dropped), every task in flight on it is reported
 * as failed with UNAVAILABLE, so that the sender can retry it elsewhere.
 */
public interface TaskStream {
  /**
   * Sends a task.
   *
   * @param done gets the task's reply, or (with a null reply) the status the stream broke with;
   *     called exactly once
   */
  void push(TaskSpec task, BiConsumer<TaskReply, Status> done);

  /** Whether the stream is broken; a broken stream fails every task pushed on it. */
  boolean broken();

  /** Ends the stream; the tasks in flight on it fail with UNAVAILABLE. */
  void close();
}
