package io.rustyray.runtime.node;

import io.grpc.Status;
import io.rustyray.protocol.proto.CreateActorInstanceReply;
import io.rustyray.protocol.proto.CreateActorInstanceRequest;
import io.rustyray.protocol.proto.KillActorInstanceReply;
import io.rustyray.protocol.proto.KillActorInstanceRequest;
import io.rustyray.protocol.proto.TaskReply;
import io.rustyray.protocol.proto.TaskSpec;
import io.rustyray.protocol.proto.WorkerServiceGrpc;
import io.rustyray.protocol.transport.Calls;
import io.rustyray.protocol.transport.Channels;
import io.rustyray.runtime.tasks.GrpcTaskStream;
import io.rustyray.runtime.tasks.TaskReplies;
import io.rustyray.runtime.tasks.TaskStream;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One worker process of this node: a JVM of one job, serving that job's tasks (a task worker) or
 * actors (its own actor, or the job's shared actors). It is ready once it has registered its
 * address; it is gone once its process has exited.
 */
final class WorkerProcess {
  enum Kind {
    TASKS,
    ACTOR,
    SHARED_ACTORS
  }

  /** An actor instance the worker hosts. */
  record Instance(String actorId, int incarnation) {}

  private static final long CREATE_DEADLINE_SECONDS = 600;
  private static final long KILL_DEADLINE_SECONDS = 30;

  final String workerId;
  final String jobId;
  final Kind kind;
  private final Channels channels;
  private final CompletableFuture<WorkerProcess> ready = new CompletableFuture<>();
  private final CompletableFuture<String> exited = new CompletableFuture<>();
  private final Map<Instance, Boolean> instances = new ConcurrentHashMap<>();
  private final AtomicInteger tasksInFlight = new AtomicInteger();
  private volatile Process process;
  private volatile WorkerOutput output;
  private volatile String address = "";
  private volatile long lastActiveNanos = System.nanoTime();
  private volatile boolean stopping;
  private TaskStream tasks;

  WorkerProcess(String workerId, String jobId, Kind kind, Channels channels) {
    this.workerId = workerId;
    this.jobId = jobId;
    this.kind = kind;
    this.channels = channels;
  }

  void launched(Process process, WorkerOutput output) {
    this.process = process;
    this.output = output;
  }

  long pid() {
    Process p = process;
    return p == null ? 0 : p.pid();
  }

  String address() {
    return address;
  }

  /** Completes once the worker serves, exceptionally when it could not start. */
  CompletableFuture<WorkerProcess> ready() {
    return ready;
  }

  /** Completes with the cause when the process has exited. */
  CompletableFuture<String> exited() {
    return exited;
  }

  void registered(String address) {
    this.address = address;
    ready.complete(this);
  }

  void failedToStart(String why) {
    ready.completeExceptionally(
        Status.FAILED_PRECONDITION
            .withDescription(
                "the worker process of " + jobId + " could not start: " + why + lastLines())
            .asException());
  }

  /** The process ended; {@code cause} says how. */
  void ended(String cause) {
    failedToStart(cause);
    exited.complete(cause);
    if (!address.isEmpty()) {
      channels.forget(address);
    }
  }

  /** Why the process with {@code exitCode} ended, in words a user can act on. */
  String describeExit(int exitCode) {
    String how;
    if (output != null && output.outOfMemory()) {
      how = "ran out of memory (java.lang.OutOfMemoryError) and exited with code " + exitCode;
    } else if (exitCode > 128) {
      how = "was killed by signal " + (exitCode - 128);
    } else {
      how = "exited with code " + exitCode;
    }
    return "worker process " + pid() + " of " + jobId + " " + how;
  }

  private String lastLines() {
    WorkerOutput out = output;
    String tail = out == null ? "" : out.tail();
    return tail.isEmpty() ? "" : "; its last output:\n" + tail;
  }

  boolean stopping() {
    return stopping;
  }

  /** Ends the process on purpose (a kill, idleness, the job's end): it is no failure. */
  CompletableFuture<String> stop() {
    stopping = true;
    Process p = process;
    if (p == null) {
      failedToStart("stopped before it started");
    } else {
      p.destroyForcibly();
    }
    return exited;
  }

  boolean idleSince(long nanos) {
    return tasksInFlight.get() == 0 && instances.isEmpty() && lastActiveNanos < nanos;
  }

  Map<Instance, Boolean> instances() {
    return instances;
  }

  /** Runs a task; a worker that dies under it fails it with UNAVAILABLE, so it can be retried. */
  CompletableFuture<TaskReply> run(TaskSpec task) {
    CompletableFuture<TaskReply> reply = new CompletableFuture<>();
    tasksInFlight.incrementAndGet();
    taskStream()
        .push(
            task,
            (result, broken) -> {
              tasksInFlight.decrementAndGet();
              lastActiveNanos = System.nanoTime();
              if (broken == null) {
                reply.complete(result);
                return;
              }
              // Say why the worker went, once its exit is known.
              exited
                  .copy()
                  .completeOnTimeout("it stopped answering (" + broken + ")", 2, TimeUnit.SECONDS)
                  .thenAccept(
                      cause ->
                          reply.complete(
                              TaskReplies.failed(
                                  task.getTaskId(),
                                  Status.UNAVAILABLE.withDescription("the task's " + cause))));
            });
    return reply;
  }

  private synchronized TaskStream taskStream() {
    if (tasks == null || tasks.broken()) {
      tasks =
          new GrpcTaskStream(
              WorkerServiceGrpc.newStub(channels.get(address))::pushTasks,
              "worker process " + pid());
    }
    return tasks;
  }

  CompletableFuture<CreateActorInstanceReply> create(CreateActorInstanceRequest request) {
    Instance instance = new Instance(request.getActorId(), request.getIncarnation());
    return Calls.<CreateActorInstanceReply>unary(
            o ->
                WorkerServiceGrpc.newStub(channels.get(address))
                    // The user's constructor runs in this call: long, but not for ever.
                    .withDeadlineAfter(CREATE_DEADLINE_SECONDS, TimeUnit.SECONDS)
                    .createActorInstance(request, o))
        .thenApply(
            created -> {
              instances.put(instance, true);
              lastActiveNanos = System.nanoTime();
              return CreateActorInstanceReply.newBuilder()
                  .setWorkerId(workerId)
                  .setWorkerAddress(address)
                  .setWorkerPid(pid())
                  .build();
            });
  }

  /** Ends one hosted instance: the whole process, unless it is shared. */
  CompletableFuture<Void> kill(Instance instance) {
    instances.remove(instance);
    lastActiveNanos = System.nanoTime();
    if (kind != Kind.SHARED_ACTORS) {
      return stop().thenApply(cause -> null);
    }
    KillActorInstanceRequest request =
        KillActorInstanceRequest.newBuilder().setActorId(instance.actorId()).build();
    return Calls.<KillActorInstanceReply>unary(
            o ->
                WorkerServiceGrpc.newStub(channels.get(address))
                    .withDeadlineAfter(KILL_DEADLINE_SECONDS, TimeUnit.SECONDS)
                    .killActorInstance(request, o))
        .handle((reply, failure) -> null);
  }
}
