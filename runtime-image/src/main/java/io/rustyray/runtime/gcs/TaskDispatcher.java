package io.rustyray.runtime.gcs;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.rustyray.api.proto.NodeServiceGrpc;
import io.rustyray.api.proto.PushTaskRequest;
import io.rustyray.api.proto.TaskResult;
import io.rustyray.api.proto.TaskSpec;
import io.rustyray.core.client.Calls;
import io.rustyray.core.function.MethodResolver;
import io.rustyray.runtime.scheduler.ResourceScheduler;
import io.rustyray.runtime.scheduler.ResourceSet;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Queues submitted tasks, runs each on a node that has its resources free, and relays the result. A
 * task whose node fails under it goes back to the head of the queue while it has retries left.
 */
final class TaskDispatcher {
  private static final Logger LOG = Logger.getLogger(TaskDispatcher.class);

  private final Gcs gcs;
  private final Deque<PendingTask> queue = new ArrayDeque<>();

  private static final class PendingTask {
    final TaskSpec spec;
    final ResourceSet demand;
    final ServerCallStreamObserver<TaskResult> reply;
    int attempt;

    PendingTask(TaskSpec spec, ServerCallStreamObserver<TaskResult> reply) {
      this.spec = spec;
      this.demand = ResourceSet.of(spec.getResources());
      this.reply = reply;
    }
  }

  TaskDispatcher(Gcs gcs) {
    this.gcs = gcs;
  }

  void submit(TaskSpec spec, ServerCallStreamObserver<TaskResult> reply) {
    if (spec.getFunction().getClassName().isEmpty()) {
      reply.onError(
          Status.INVALID_ARGUMENT.withDescription("the task names no function").asException());
      return;
    }
    synchronized (gcs.lock()) {
      queue.addLast(new PendingTask(spec, reply));
    }
    dispatch();
  }

  /** Starts every queued task that fits somewhere now. */
  void dispatch() {
    List<Runnable> starts = new ArrayList<>();
    synchronized (gcs.lock()) {
      ResourceScheduler scheduler = gcs.scheduler();
      for (Iterator<PendingTask> it = queue.iterator(); it.hasNext(); ) {
        PendingTask task = it.next();
        if (task.reply.isCancelled()) {
          it.remove();
          continue;
        }
        Optional<ResourceScheduler.NodeResources> node = scheduler.allocate(task.demand);
        if (node.isPresent()) {
          it.remove();
          String nodeId = node.get().nodeId();
          String address = node.get().address();
          starts.add(() -> run(task, nodeId, address));
        }
      }
    }
    starts.forEach(Runnable::run);
  }

  private void run(PendingTask task, String nodeId, String address) {
    PushTaskRequest request = PushTaskRequest.newBuilder().setTask(task.spec).build();
    Calls.<TaskResult>unary(
            o -> NodeServiceGrpc.newStub(gcs.channels().get(address)).pushTask(request, o))
        .whenComplete(
            (result, failure) -> {
              synchronized (gcs.lock()) {
                gcs.scheduler().release(nodeId, task.demand);
              }
              if (failure == null) {
                task.reply.onNext(result);
                task.reply.onCompleted();
              } else {
                onFailure(task, nodeId, Status.fromThrowable(failure));
              }
              gcs.resourcesFreed();
            });
  }

  private void onFailure(PendingTask task, String nodeId, Status status) {
    if (status.getCode() != Status.Code.UNAVAILABLE) {
      task.reply.onError(status.asException());
      return;
    }
    String what = MethodResolver.display(task.spec.getFunction());
    if (task.attempt < task.spec.getMaxRetries()) {
      task.attempt++;
      LOG.infof(
          "node %s failed while running %s (%s); retry %d of %d",
          nodeId, task.spec.getTaskId(), what, task.attempt, task.spec.getMaxRetries());
      synchronized (gcs.lock()) {
        queue.addFirst(task);
      }
      return;
    }
    task.reply.onError(
        Status.ABORTED
            .withDescription(
                "node "
                    + nodeId
                    + " failed while running "
                    + what
                    + " and no retries are left (maxRetries="
                    + task.spec.getMaxRetries()
                    + "): "
                    + status.getDescription())
            .asException());
  }
}
