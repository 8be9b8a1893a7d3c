package io.rustyray.runtime.gcs;

import io.grpc.Status;
import io.rustyray.protocol.function.MethodResolver;
import io.rustyray.protocol.proto.BundlePlacement;
import io.rustyray.protocol.proto.TaskSpec;
import io.rustyray.protocol.resources.ResourceRequests;
import io.rustyray.runtime.placement.Grant;
import io.rustyray.runtime.placement.PlacementGroupManager;
import io.rustyray.runtime.scheduler.ResourceSet;
import io.rustyray.runtime.tasks.TaskStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Queues submitted tasks, runs each on a node that has its resources free, and relays the result. A
 * task whose node fails under it goes back to the head of the queue while it has retries left.
 *
 * <p>A node whose task stream broke gets no task until it is heard from again (a heartbeat or a
 * registration) or declared dead: a crashed node stays in the scheduler until the failure detector
 * notices, and every retry placed on it meanwhile would fail at once and spend the task's retries.
 */
final class TaskDispatcher {
  private static final Logger LOG = Logger.getLogger(TaskDispatcher.class);

  private final Gcs gcs;

  /**
   * Waiting tasks by the resources they need, each queue in submission order: a placement pass
   * stops at the first task of a shape that fits nowhere, so a long queue costs nothing while the
   * cluster is full.
   */
  private final Map<Shape, Deque<PendingTask>> queues = new LinkedHashMap<>();

  /** What a task waits for: resources, on the node pool or in one placement group's bundle. */
  private record Shape(ResourceSet demand, BundlePlacement placement) {}

  private final Map<String, TaskStream> streams = new ConcurrentHashMap<>();

  /** Ids of the nodes whose task stream broke; used under the GCS lock. */
  private final Set<String> unreachable = new HashSet<>();

  private static final class PendingTask {
    final TaskSpec spec;
    final ResourceSet demand;
    final Shape shape;
    final TaskReplySink reply;
    int attempt;

    PendingTask(TaskSpec spec, TaskReplySink reply) {
      this.spec = spec;
      this.demand = ResourceSet.of(spec.getResources());
      this.shape = new Shape(demand, spec.getPlacement());
      this.reply = reply;
    }
  }

  TaskDispatcher(Gcs gcs) {
    this.gcs = gcs;
  }

  void submit(TaskSpec spec, TaskReplySink reply) {
    if (spec.getFunction().getClassName().isEmpty()) {
      reply.failed(Status.INVALID_ARGUMENT.withDescription("the task names no function"));
      return;
    }
    Optional<String> badResources = ResourceRequests.problem(spec.getResources());
    if (badResources.isPresent()) {
      reply.failed(Status.INVALID_ARGUMENT.withDescription(badResources.get()));
      return;
    }
    PendingTask task = new PendingTask(spec, reply);
    synchronized (gcs.lock()) {
      queues.computeIfAbsent(task.shape, d -> new ArrayDeque<>()).addLast(task);
    }
    dispatch();
  }

  /** Starts every queued task that fits somewhere now. */
  void dispatch() {
    List<Runnable> starts = new ArrayList<>();
    synchronized (gcs.lock()) {
      PlacementGroupManager groups = gcs.placementGroups();
      for (Iterator<Deque<PendingTask>> shapes = queues.values().iterator(); shapes.hasNext(); ) {
        Deque<PendingTask> queue = shapes.next();
        while (!queue.isEmpty()) {
          PendingTask task = queue.peekFirst();
          if (task.reply.cancelled()) {
            queue.pollFirst();
            continue;
          }
          Optional<String> refused = groups.refusal(task.spec.getPlacement());
          if (refused.isPresent()) {
            queue.pollFirst();
            starts.add(
                () ->
                    task.reply.failed(
                        Status.FAILED_PRECONDITION.withDescription(
                            MethodResolver.display(task.spec.getFunction())
                                + " cannot run: "
                                + refused.get())));
            continue;
          }
          Optional<Grant> grant =
              groups.allocate(task.spec.getPlacement(), task.demand, unreachable, "");
          if (grant.isEmpty()) {
            break;
          }
          queue.pollFirst();
          starts.add(() -> run(task, grant.get()));
        }
        if (queue.isEmpty()) {
          shapes.remove();
        }
      }
    }
    starts.forEach(Runnable::run);
  }

  private void run(PendingTask task, Grant grant) {
    String nodeId = grant.nodeId();
    stream(grant.address())
        .push(
            task.spec,
            (reply, broken) -> {
              synchronized (gcs.lock()) {
                gcs.placementGroups().release(grant, task.demand);
                if (broken != null) {
                  unreachable.add(nodeId);
                }
              }
              if (broken != null) {
                onFailure(task, nodeId, broken);
              } else if (reply.hasError()) {
                onFailure(
                    task,
                    nodeId,
                    Status.fromCodeValue(reply.getError().getCode())
                        .withDescription(reply.getError().getDescription()));
              } else {
                task.reply.result(reply.getResult());
              }
              gcs.resourcesFreed();
            });
  }

  private TaskStream stream(String address) {
    return streams.compute(
        address,
        (a, current) ->
            current == null || current.broken() ? gcs.nodeClients().openTaskStream(a) : current);
  }

  /** The node answered the head: tasks may go to it again. */
  void nodeHeardFrom(String nodeId) {
    boolean cleared;
    synchronized (gcs.lock()) {
      cleared = unreachable.remove(nodeId);
    }
    if (cleared) {
      dispatch();
    }
  }

  /** Drops the stream to a node that left; its tasks in flight fail and are retried. */
  void forgetNode(String nodeId, String address) {
    synchronized (gcs.lock()) {
      unreachable.remove(nodeId);
    }
    TaskStream stream = streams.remove(address);
    if (stream != null) {
      stream.close();
    }
  }

  private void onFailure(PendingTask task, String nodeId, Status status) {
    if (status.getCode() != Status.Code.UNAVAILABLE) {
      task.reply.failed(status);
      return;
    }
    String what = MethodResolver.display(task.spec.getFunction());
    if (task.attempt < task.spec.getMaxRetries()) {
      task.attempt++;
      LOG.infof(
          "%s (%s) failed on node %s (%s); retry %d of %d",
          task.spec.getTaskId(),
          what,
          nodeId,
          status.getDescription(),
          task.attempt,
          task.spec.getMaxRetries());
      synchronized (gcs.lock()) {
        queues.computeIfAbsent(task.shape, d -> new ArrayDeque<>()).addFirst(task);
      }
      return;
    }
    task.reply.failed(
        Status.ABORTED.withDescription(
            "node "
                + nodeId
                + " failed while running "
                + what
                + " and no retries are left (maxRetries="
                + task.spec.getMaxRetries()
                + "): "
                + status.getDescription()));
  }
}
